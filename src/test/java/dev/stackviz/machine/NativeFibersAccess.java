package dev.stackviz.machine;

/** For the tests that run the scheduler on their own thread: ask it to stop without waiting for a carrier. */
final class NativeFibersAccess {

    private NativeFibersAccess() {
    }

    static void stopFlag(NativeFibers fibers) {
        fibers.requestStop();
    }
}
