package dev.stackviz.frame;

import static dev.stackviz.frame.Texts.hex;

import dev.stackviz.model.Isa;
import dev.stackviz.model.StackLayout;

/** What each of the six setup steps does, with the numbers of this frame's stack. */
final class SetupTexts {

    private SetupTexts() {
    }

    /** The explanation of the step the frame is at, before the switch. */
    static String setup(Frame f) {
        StackLayout layout = f.layout();
        long top = layout.top();
        long aligned = layout.aligned();
        int e = f.entryBelowTop();
        return switch (f.step()) {
            case ALLOCATE -> f.isolated() ? ExperimentTexts.intro(f) : "A zeroed buffer of " + layout.size() + " bytes "
                    + (f.simulated() ? "(SIMULATED: a Java array at a made-up address)" : "on the heap")
                    + ", base = " + hex(layout.base()) + ". This is all the stack the target will get; the dimmed "
                    + "bytes around it are guards, to show any write outside it.";
            case TOP -> "Stacks grow down, so this one starts at its end: top = base + " + layout.size() + " = "
                    + hex(top) + ", one past the last byte.";
            case ALIGN -> f.isa() == Isa.AARCH64 ? hex(top) + " & ~15 = " + hex(aligned) + (top == aligned
                    ? ": already aligned. " : ": the top moves down " + layout.alignmentLoss() + " bytes to a multiple "
                    + "of 16. ") + "AAPCS64 keeps sp a multiple of 16 at all times: a load or store through a "
                    + "misaligned sp faults."
                    : top == aligned
                    ? hex(top) + " & ~15 = " + hex(aligned) + ": already aligned. The ABI keeps rsp a multiple of 16 "
                    + "at every call, because aligned SSE loads and stores fault otherwise."
                    : hex(top) + " & ~15 = " + hex(aligned) + ": the top moves down " + layout.alignmentLoss()
                    + " bytes to a multiple of 16, because the ABI keeps rsp 16-aligned at calls (aligned SSE "
                    + "accesses fault otherwise).";
            case WRITE_ENTRY -> "The target's address " + hex(f.entryAddress()) + " goes to aligned-" + e + " = "
                    + hex(f.entrySlot()) + ", lowest byte first (little-endian). " + whyThere(f);
            case SET_CONTEXT -> f.isa() == Isa.AARCH64
                    ? "ctx.sp = aligned-" + e + " = " + hex(f.entrySlot()) + ". The switch will load sp from ctx, "
                    + "then the address stored there into x30, the link register: AArch64's ret pops nothing, it "
                    + "branches to x30."
                    : "ctx.rsp = aligned-" + e + " = " + hex(f.entrySlot()) + ". The switch will load rsp "
                    + "from ctx, and ret will pop the address stored there.";
            case SWITCH -> "The switch: " + f.isa().jump() + ".";
        };
    }


    /** Why the entry goes where it goes, from the rsp that ret will leave. */
    private static String whyThere(Frame f) {
        long rsp = f.predictedRsp();
        if (f.isa() == Isa.AARCH64) {
            int after = f.entryBelowTop() - f.isa().popped();
            return "Why -" + f.entryBelowTop() + ": ldr x30, [sp], #16 will load it and leave sp = aligned"
                    + (after == 0 ? "" : "-" + after) + " = " + hex(rsp) + ", a multiple of 16: sp moves in "
                    + "16-byte steps, so the 8 bytes above the address go with it.";
        }
        int after = f.entryBelowTop() - 8;
        long rule = Math.floorMod(rsp + 8, 16);
        if (rule == 0) {
            return "Why -" + f.entryBelowTop() + ": ret pops it and leaves rsp = aligned-" + after + " = " + hex(rsp)
                    + ", as after a call: (rsp + 8) % 16 == 0.";
        }
        return "ret will pop it and leave rsp = aligned-" + after + " = " + hex(rsp) + ": (rsp + 8) % 16 = " + rule
                + ", where the ABI promises every function 0.";
    }
}
