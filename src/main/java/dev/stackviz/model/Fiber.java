package dev.stackviz.model;

/**
 * One green thread as its memory says it is now: its place in the scheduler, its stack (a window
 * of bytes around it, read for this frame) and the context a yield saved for it.
 *
 * @param index       0 to count-1 (shown as fiber index+1)
 * @param status      as the scheduler keeps it
 * @param counter     rounds it has done
 * @param rounds      rounds before its function returns (to the finishing routine)
 * @param layout      its stack, prepared as the seed prepares one
 * @param windowStart the address of window[0]
 * @param window      the stack and the guard bytes around it
 * @param saved       its context: what the next switch to it loads (rsp, rbx, rbp, r12-r15)
 */
public record Fiber(int index, Status status, long counter, long rounds, StackLayout layout, long windowStart,
                    byte[] window, Registers saved) {

    public enum Status { READY, RUNNING, DONE }

    /** The number a person reads: fiber 1, 2, 3. */
    public int number() {
        return index + 1;
    }

    public boolean inWindow(long address) {
        return address >= windowStart && address + 8 <= windowStart + window.length;
    }

    public long u64(long address) {
        return StackLayout.fromLittleEndian(window, (int) (address - windowStart));
    }
}
