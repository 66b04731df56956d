package dev.stackviz.model;

/** One or two plain sentences for the current step, with the actual numbers. */
public final class Explanation {

    private Explanation() {
    }

    public static String forStep(Step step, StackLayout layout, long entry) {
        long top = layout.top();
        long aligned = layout.aligned();
        return switch (step) {
            case ALLOCATE -> String.format("A zeroed buffer of %d bytes on the heap, base = %s. This is all the stack "
                    + "the target will get; the dimmed bytes around it are guards, to show any write outside it.",
                    layout.size(), hex(layout.base()));
            case TOP -> String.format("Stacks grow down, so this one starts at its end: top = base + %d = %s, "
                    + "one past the last byte.", layout.size(), hex(top));
            case ALIGN -> top == aligned
                    ? String.format("%s & ~15 = %s: already aligned. The ABI keeps rsp a multiple of 16 at every "
                    + "call, because aligned SSE loads and stores fault otherwise.", hex(top), hex(aligned))
                    : String.format("%s & ~15 = %s: the top moves down %d bytes to a multiple of 16, because the "
                    + "ABI keeps rsp 16-aligned at calls (aligned SSE accesses fault otherwise).",
                    hex(top), hex(aligned), layout.alignmentLoss());
            case WRITE_ENTRY -> String.format("The target's address %s goes to aligned-16 = %s, lowest byte "
                    + "first (little-endian). Why -16: ret pops it and leaves rsp = aligned-8 = %s, as after a call: "
                    + "(rsp + 8) %% 16 == 0.", hex(entry), hex(layout.entrySlot()), hex(layout.rspAtWake()));
            case SET_CONTEXT -> String.format("ctx.rsp = aligned-16 = %s. The switch will load rsp from ctx, and "
                    + "ret will pop the address stored there. Press s to switch.", hex(layout.entrySlot()));
            case SWITCH -> String.format("sv_switch saved this thread's callee-saved registers, blocked signals, "
                    + "then ran mov rsp, [ctx]; ret. rsp is now inside the buffer, and the CPU runs the target at %s.",
                    hex(entry));
        };
    }

    public static String afterSwitch(StackLayout layout, long wokeRsp) {
        String verdict = wokeRsp == layout.rspAtWake() ? "= aligned-8, as predicted" : "NOT aligned-8 ("
                + hex(layout.rspAtWake()) + ")";
        return String.format("The CPU woke up in the target with rsp = %s %s. Its heartbeat, a local at "
                + "aligned-24 = %s, changes as you watch; k asks it to go back.", hex(wokeRsp), verdict,
                hex(layout.heartbeatSlot()));
    }

    public static String afterReturn(boolean returned) {
        return returned
                ? "The target jumped to the saved context (sv_resume): the thread is back on its own stack with "
                + "its registers and signal mask restored, and sv_switch returned. r starts a fresh stack."
                : "The target did not come back within the grace period: its thread is lost, spinning on the "
                + "buffer. stackviz keeps that memory allocated; q quits.";
    }

    public static String hex(long address) {
        return Hex.address(address);
    }
}
