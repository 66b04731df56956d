package dev.stackviz.model;

import java.util.List;

/**
 * One stack switch caught in a traced program: the instruction that moved rsp to another stack,
 * the registers before and after it (from the CPU), where each rsp is (the mapping's name), the new
 * stack's bytes around rsp (from the program's memory), and what came of it: the first ret or jmp
 * on the new stack, or the fault that came first.
 *
 * @param number      1 for the first switch
 * @param thread      the thread that switched ("main thread 4321", "thread 4322"); "" while the program has one
 * @param where       the instruction's place, {@code symbol+0xOFF} (or {@code file+0xOFF} where no symbol is known)
 * @param instruction the instruction, Intel syntax
 * @param before      the registers before it
 * @param after       the registers after it
 * @param from        the mapping rsp was in before (e.g. [stack], [heap], anonymous, a file)
 * @param to          the mapping rsp is in after
 * @param windowStart the address of {@code window}'s first byte
 * @param window      the new stack's bytes around the new rsp, as the program's memory holds them
 * @param topWhere    what the 8 bytes at the new rsp point to ({@code symbol+0xOFF}), or "" if not into code
 * @param steps       the instructions stepped after the switch, up to and including the landing
 * @param landing     the first ret or jmp on the new stack; null if none came within the steps
 * @param fault       the fault that ended the steps (a SIGSEGV on the new stack); null if none
 */
public record StackSwitch(int number, String thread, String where, String instruction, Cpu before, Cpu after, String from,
                          String to, long windowStart, byte[] window, String topWhere, List<Stepped> steps,
                          Landing landing,
                          TraceStep.Fault fault) {

    public StackSwitch {
        steps = List.copyOf(steps);
    }

    /** One instruction stepped after the switch. */
    public record Stepped(String where, String instruction, Cpu after) {
    }

    /**
     * Where the CPU went: a ret popped {@code popped} (named {@code poppedWhere}) into rip; a jmp
     * took rip to {@code rip}. {@code rsp} is the stack pointer on arrival.
     */
    public record Landing(String where, String instruction, long popped, String poppedWhere, long rip,
                          String ripWhere, long rsp) {

        /** True for a ret: it popped the address it went to. */
        public boolean byRet() {
            return instruction.startsWith("ret");
        }

        /**
         * The System V ABI: at a function's first instruction rsp + 8 is a multiple of 16 (the call
         * pushed 8 bytes onto a 16-aligned stack), so rsp % 16 is 8.
         */
        public boolean abiAligned() {
            return Math.floorMod(rsp, 16) == 8;
        }

        /** True if rip went to a function's first instruction (where the ABI's promise about rsp holds). */
        public boolean atEntry() {
            return ripWhere.endsWith("+0x0");
        }
    }

    /** The u64 at {@code address} in the window, or null outside it. */
    public Long u64(long address) {
        long at = address - windowStart;
        if (at < 0 || at + 8 > window.length) {
            return null;
        }
        return StackLayout.fromLittleEndian(window, (int) at);
    }
}
