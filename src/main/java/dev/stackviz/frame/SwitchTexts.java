package dev.stackviz.frame;

import dev.stackviz.model.Hex;
import dev.stackviz.model.StackSwitch;
import java.util.ArrayList;
import java.util.List;

/** A stack switch of a traced program, in words: one block of lines, every value from the CPU or memory. */
public final class SwitchTexts {

    /** The callee-saved registers of the System V ABI, beside rsp. */
    private static final List<String> CALLEE_SAVED = List.of("rbx", "rbp", "r12", "r13", "r14", "r15");

    private SwitchTexts() {
    }

    public static List<String> block(StackSwitch s) {
        List<String> lines = new ArrayList<>();
        lines.add("switch " + s.number() + (s.thread().isEmpty() ? "" : " (" + s.thread() + ")") + ": " + s.where()
                + ": " + s.instruction());
        long moved = s.after().rsp() - s.before().rsp();
        lines.add("  rsp " + Hex.address(s.before().rsp()) + " (" + s.from() + ") -> " + Hex.address(s.after().rsp())
                + " (" + s.to() + "), " + (moved < 0 ? "-" : "+") + "0x" + Long.toHexString(Math.abs(moved)));
        Long top = s.u64(s.after().rsp());
        lines.add("  at the new rsp: " + (top == null ? "(not readable)" : Hex.address(top)
                + (s.topWhere().isEmpty() ? "" : " = " + s.topWhere())));
        StringBuilder saved = new StringBuilder("  callee-saved:");
        for (String name : CALLEE_SAVED) {
            long was = s.before().get(name);
            long is = s.after().get(name);
            saved.append(' ').append(name).append(' ').append(Hex.address(is)).append(was == is ? "" : " (was "
                    + Hex.address(was) + ")");
        }
        lines.add(saved.toString());
        lines.add("  the new stack, from rsp+15 down to rsp-8 (the seed's format):");
        for (long address = s.after().rsp() + 15; address >= s.after().rsp() - 8; address--) {
            long at = address - s.windowStart();
            if (at >= 0 && at < s.window().length) {
                lines.add("    mem: " + address + ", val: " + (s.window()[(int) at] & 0xff)
                        + (address == s.after().rsp() ? "   <- rsp" : ""));
            }
        }
        for (StackSwitch.Stepped step : s.steps()) {
            lines.add("  then " + step.where() + ": " + step.instruction() + "  rsp " + Hex.address(step.after().rsp()));
        }
        StackSwitch.Landing landing = s.landing();
        if (landing != null) {
            lines.add("  " + (landing.byRet() ? "ret popped " + Hex.address(landing.popped()) + " = "
                    + landing.poppedWhere() + ": rip -> " : "jmp: rip -> ") + landing.ripWhere()
                    + ", rsp % 16 = " + Math.floorMod(landing.rsp(), 16) + " (" + alignment(landing) + ")");
        } else if (s.fault() != null) {
            lines.add("  fault: " + dev.stackviz.model.Fate.signalName(s.fault().signal()) + " (" + s.fault().kind()
                    + ") at address " + Hex.address(s.fault().address()));
        } else {
            lines.add("  no ret or jmp within " + s.steps().size() + " instructions of the switch");
        }
        return lines;
    }

    /** What rsp % 16 at the landing means: what the ABI promises there, and whether it holds. */
    private static String alignment(StackSwitch.Landing landing) {
        return !landing.atEntry() ? "back inside a function, on the frame its caller left"
                : landing.abiAligned() ? "as the ABI promises at a function's first instruction: rsp + 8 is 16-aligned"
                : "the ABI promises 8 at a function's first instruction: code compiled for it may fault here, at a movaps";
    }

    /** A fault of the traced program, where it happened. */
    public static List<String> fault(dev.stackviz.model.StackFault f) {
        List<String> lines = new ArrayList<>();
        lines.add("fault: " + dev.stackviz.model.Fate.signalName(f.fault().signal()) + " (" + f.fault().kind()
                + ") at " + f.where() + ": " + f.instruction());
        lines.add("  rsp " + Hex.address(f.cpu().rsp()) + " (" + f.stack() + "), rsp % 16 = "
                + Math.floorMod(f.cpu().rsp(), 16) + (f.instruction().startsWith("movaps")
                ? ": movaps needs a 16-byte-aligned address, which the ABI's alignment would have given" : ""));
        if (f.inDynamicLinker()) {
            lines.add("  this is the dynamic linker: a program linked lazily resolves its first call to each library"
                    + " function here, which needs about 2.5 KB of stack; link with -Wl,-z,now or run with"
                    + " LD_BIND_NOW=1 to bind every call at start");
        }
        lines.add("  the signal is delivered next: the program dies of it, as it would untraced");
        return lines;
    }
}
