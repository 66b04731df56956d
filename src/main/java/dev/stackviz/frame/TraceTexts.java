package dev.stackviz.frame;

import static dev.stackviz.frame.Texts.hex;
import static dev.stackviz.frame.Texts.place;
import static dev.stackviz.frame.Texts.relative;
import static dev.stackviz.frame.Texts.value;

import dev.stackviz.model.Cpu;
import dev.stackviz.model.Durations;
import dev.stackviz.model.Fate;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the instruction walk (i, and dump --trace) says about each step, from the registers and
 * the instruction as the tracer read them.
 */
public final class TraceTexts {

    private TraceTexts() {
    }

    /**
     * The walk's own lines, over the explanation: what was executed, what is next, rip and rsp,
     * and every register the instruction changed, old and new, all as PTRACE_GETREGS read them.
     */
    public static List<String> lines(Frame f) {
        Trace trace = f.trace();
        TraceStep last = trace.last();
        List<String> lines = new ArrayList<>();
        if (last == null) {
            lines.add("stopped at " + trace.next().describe() + (trace.next().matched() ? "" : " (bytes differ!)"));
        } else {
            lines.add("instr " + last.number() + ": " + last.executed().describe()
                    + (last.executed().matched() ? "" : " (bytes differ from the listing!)"));
            lines.add(trace.next() == null ? "next: -" : "next:    " + trace.next().describe());
        }
        Cpu cpu = trace.cpu();
        lines.add("rip " + hex(cpu.rip()) + "  rsp " + hex(cpu.rsp()) + " (" + place(f, cpu.rsp()) + ")");
        if (last != null && last.fault() == null && last.over() == null) {
            StringBuilder changed = new StringBuilder("changed:");
            for (String name : last.changed()) {
                if (!name.equals("rip")) {
                    changed.append(' ').append(name).append(' ').append(value(last.before().get(name))).append(" -> ")
                            .append(value(last.after().get(name))).append(',');
                }
            }
            lines.add(changed.charAt(changed.length() - 1) == ',' ? changed.substring(0, changed.length() - 1)
                    : "changed: rip only");
        }
        return lines;
    }

    /**
     * A traced thread that ended while the tracer held it or stepped it, in one line: "the child was
     * killed by SIGKILL (signal 9) from outside 1.51 s after the jump, after instruction 5830". Nothing
     * in stackviz signals a thread it holds (k and c let it go first), so a signal came from outside.
     */
    public static String ended(Trace trace, Duration afterJump) {
        return ended(trace, trace.fate(), afterJump);
    }

    /**
     * As {@link #ended(Trace, Duration)}, with {@code fate} as the child's process reported it: the
     * tracer may find the thread gone before its waitpid saw how (then the trace has no fate).
     */
    public static String ended(Trace trace, Fate fate, Duration afterJump) {
        String how = fate == null ? "ended" : fate.describe() + (fate.bySignal() ? " from outside" : "");
        return "the child " + how + " " + Durations.human(afterJump) + " after the jump, after instruction "
                + trace.count();
    }

    /** One step as one line of text, for dump --trace: the instruction, rip, rsp, what changed or happened. */
    public static String walkLine(StackLayout layout, TraceStep step) {
        StringBuilder line = new StringBuilder("instr ").append(step.number()).append("  ")
                .append(step.executed().describe()).append("  rip ").append(hex(step.after().rip())).append("  rsp ")
                .append(hex(step.after().rsp())).append(" (").append(place(layout, step.after().rsp())).append(")");
        if (step.fault() != null) {
            return line.append("  ").append(Fate.signalName(step.fault().signal())).append(", ")
                    .append(step.fault().kind()).toString();
        }
        if (step.over() != null) {
            return line.append("  stepped over: ").append(step.over().instructions()).append(" instructions, rsp down to ")
                    .append(place(layout, step.over().lowestRsp())).toString();
        }
        if (step.syscall() != null) {
            line.append("  ").append(step.syscall().name()).append(" returned ").append(step.syscall().result());
        }
        for (String name : step.changed()) {
            if (!name.equals("rip")) {
                line.append("  ").append(name).append(' ').append(value(step.before().get(name))).append(" -> ")
                        .append(value(step.after().get(name)));
            }
        }
        return line.toString();
    }

    /** One or two sentences on what the step did, from the registers and the instruction. */
    static String story(Frame f) {
        Trace trace = f.trace();
        TraceStep last = trace.last();
        StackLayout layout = f.layout();
        if (last == null) {
            return "The child's switching thread stopped at the first instruction of sv_jump (a hardware breakpoint "
                    + "in DR0; the code is untouched). rsp is still its own stack's.";
        }
        if (last.fault() != null) {
            TraceStep.Fault fault = last.fault();
            return last.executed().mnemonic() + " did not complete: " + Fate.signalName(fault.signal())
                    + ", " + fault.kind() + why(f, last) + ".";
        }
        if (last.over() != null) {
            TraceStep.StepOver over = last.over();
            String depth = over.lowestRsp() < layout.base()
                    ? relative(layout, over.lowestRsp()) + ", " + (layout.base() - over.lowestRsp()) + " bytes below base"
                    : relative(layout, over.lowestRsp());
            return "call " + over.callee() + ", stepped over: " + over.instructions() + " instructions ran in the C "
                    + "library, rsp down to " + depth + (over.syscalls().isEmpty() ? "" : "; system calls: "
                    + String.join(", ", over.syscalls())) + ".";
        }
        Cpu before = last.before();
        Cpu after = last.after();
        String mnemonic = last.executed().mnemonic();
        if (mnemonic.equals("ret")) {
            return "ret popped " + hex(after.rip()) + " from " + place(f, before.rsp()) + (after.rip() == f.entryAddress()
                    ? ": the target's address. The CPU runs the target now, on rsp = " + place(f, after.rsp()) + "."
                    : "; rsp = " + place(f, after.rsp()) + ".");
        }
        if (last.syscall() != null) {
            TraceStep.Syscall call = last.syscall();
            return "syscall " + call.name() + " returned " + (call.result() < 0 && call.result() > -4096
                    ? "-" + -call.result() + " (an errno)" : Long.toString(call.result()))
                    + (call.name().equals("write") && call.result() > 0 ? ": its bytes are in the pipe, and on screen."
                    : call.name().equals("rt_sigprocmask") ? ": every blockable signal is blocked from here on." : ".");
        }
        if (before.rsp() != after.rsp()) {
            String where = layout.contains(after.rsp()) ? "inside the buffer"
                    : after.rsp() < layout.base() && after.rsp() > layout.base() - 4096 ? "below base, outside the buffer"
                    : "";
            return "rsp moved from " + place(f, before.rsp()) + " to " + place(f, after.rsp())
                    + (where.isEmpty() ? "" : ", " + where) + ".";
        }
        return "One instruction executed: the registers it changed are above"
                + (last.executed().text().contains("xmm") ? " (xmm registers are not read)" : "")
                + ", and * marks the bytes of the grid it wrote.";
    }

    /** For a fault: what the instruction needed that it did not get (the misaligned movaps). */
    private static String why(Frame f, TraceStep last) {
        String text = last.executed().text();
        if (text.startsWith("movaps") && text.contains("[rsp")) {
            long rsp = last.before().rsp();
            long woke = f.run() == null ? 0 : f.run().wokeRsp();
            return ": movaps needs a 16-byte aligned address, and [rsp] = " + place(f, rsp) + " is "
                    + Math.floorMod(rsp, 16) + " off" + (woke == 0 ? "" : "; the target was entered with rsp % 16 = "
                    + Math.floorMod(woke, 16) + " (" + place(f, woke) + "), where the ABI promises 8");
        }
        return "";
    }
}
