package dev.stackviz.machine;

import java.time.Duration;

/** One switch to the target, from the moment the thread leaves until it is back. */
public interface Run {

    /** The target's heartbeat, read from its slot in the stack. */
    long heartbeat();

    /** The rsp the target reported at its first instruction, or 0 before it has run. */
    long wokeRsp();

    /** What the target's write(2) returned: bytes written, -errno, or 0 before it wrote. */
    long written();

    /** Asks the target to go back to the thread that switched to it. Returns at once. */
    void requestStop();

    /** Waits for the switching thread to be back on its own stack. */
    boolean awaitReturn(Duration timeout) throws InterruptedException;

    boolean hasReturned();

    /** The switching thread's callee-saved registers, as sv_switch saved them; null after a one-way jump. */
    Registers saved();

    /** How a target that cannot come back ended (e.g. "killed by SIGTERM"); null for a thread that returned. */
    default String fate() {
        return null;
    }

    /** System.nanoTime() when the thread switched, when a stop was asked, when it was back (0 if not yet). */
    long switchedAt();

    long stopRequestedAt();

    long returnedAt();

    /** The switching thread's kernel thread id (-1 when simulated). */
    int threadId();
}
