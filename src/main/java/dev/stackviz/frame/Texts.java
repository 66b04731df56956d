package dev.stackviz.frame;

import dev.stackviz.model.Durations;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Hex;
import dev.stackviz.model.Keys;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import dev.stackviz.model.TargetLayout;
import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;
import dev.stackviz.model.Cpu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every sentence the view and the dump say, each a function of the facts it names. No sentence
 * holds a number that is not computed from the frame (where the entry really is, the real size,
 * what the rows below base really hold), and whatever a simulated machine shows says so.
 */
public final class Texts {

    private Texts() {
    }

    // ---- title and headers ----------------------------------------------------------------

    /** Who produced the numbers: "native", "SIMULATED", "child 1234 misaligned". */
    public static String source(Frame f) {
        return switch (f.kind()) {
            case NATIVE -> "native";
            case SIMULATED -> "SIMULATED";
            case ISOLATED -> "child " + f.pid() + " " + f.experiment().option();
        };
    }

    /** "step 4/6 write: the target's address at aligned-24" */
    public static String step(Frame f) {
        return f.stepMarker() + ": " + f.step().summary(f.entryBelowTop());
    }

    /**
     * The step for the title, longest first: where the full one does not fit, the painter takes
     * the next (the explanation below says the same in full).
     */
    public static List<String> steps(Frame f) {
        return List.of(step(f), f.stepMarker());
    }

    /** The grid's column header; the origin of the bytes at its end. */
    public static String gridHeader(Frame f) {
        return "address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  " + f.origin().label();
    }

    // ---- the context pane -----------------------------------------------------------------

    /** "ctx at 0x..: rsp = 0x.. (aligned-16)", with * when the last step changed it. */
    public static String context(Frame f) {
        long rsp = f.contextRsp();
        String mark = rsp != f.contextRspBefore() ? "*" : " ";
        return "ctx at " + hex(f.contextAddress()) + ":" + mark + "rsp = " + hex(rsp) + " (" + relative(f.layout(), rsp)
                + ")";
    }

    /** The two lines under the context: what the switch saves (or that a one-way jump saves nothing). */
    public static List<String> saved(Frame f) {
        if (f.isolated()) {
            return List.of("one-way jump in the child (sv_jump, the seed's gt_switch): nothing is saved,",
                    "there is no way back; k ends the child: SIGTERM, then SIGKILL");
        }
        if (!f.switched() || f.run().saved() == null) {
            return List.of("saved context of the switching thread: filled in by the switch", "");
        }
        Registers r = f.run().saved();
        String label = f.simulated() ? "SIMULATED, made up:" : "saved by sv_switch:";
        return List.of(label + " rsp " + hex(r.rsp()) + " rbx " + hex(r.rbx()) + " rbp " + hex(r.rbp()),
                "  r12 " + hex(r.r12()) + " r13 " + hex(r.r13()) + " r14 " + hex(r.r14()) + " r15 " + hex(r.r15()));
    }

    // ---- the explanation ------------------------------------------------------------------

    /** A few sentences for what the frame shows now, and what the keys can do next. */
    public static String explanation(Frame f) {
        String next = next(f);
        return next.isEmpty() ? story(f) : story(f) + " " + next;
    }

    /** What the frame shows, without a word about keys: for a tool with none (dump). */
    public static String story(Frame f) {
        if (f.stepping() && !f.ended()) {
            return traceStory(f);
        }
        if (f.ended()) {
            return f.isolated() ? childEnded(f) : ended(f);
        }
        if (f.switched()) {
            return f.isolated() ? childRunning(f) : running(f);
        }
        return setup(f);
    }

    /** What a key does from here, in the view. */
    static String next(Frame f) {
        Report report = f.report();
        if (f.ended()) {
            if (!report.returned()) {
                return f.isolated() ? "q quits; the child may remain." : "q quits.";
            }
            if (f.isolated()) {
                return f.experiment() == Experiment.NONE ? "r starts a new child." : "";
            }
            return f.simulated() ? "r starts again." : "r starts a fresh stack.";
        }
        if (f.stepping()) {
            return f.trace().status() == Trace.Status.FAULTED ? "i delivers the signal." : "i: the next one; c: full speed.";
        }
        if (f.switched()) {
            if (f.isolated()) {
                return f.experiment() == Experiment.NONE ? "k ends the child (SIGTERM, then SIGKILL)." : "";
            }
            return f.simulated() ? "k asks it to stop." : "k asks it to go back.";
        }
        if (f.step() == Step.SET_CONTEXT) {
            return "Press s to switch" + (f.isolated() ? ": the child jumps one way." : ".");
        }
        return "";
    }

    static String setup(Frame f) {
        StackLayout layout = f.layout();
        long top = layout.top();
        long aligned = layout.aligned();
        int e = f.entryBelowTop();
        return switch (f.step()) {
            case ALLOCATE -> f.isolated() ? experimentIntro(f) : "A zeroed buffer of " + layout.size() + " bytes "
                    + (f.simulated() ? "(SIMULATED: a Java array at a made-up address)" : "on the heap")
                    + ", base = " + hex(layout.base()) + ". This is all the stack the target will get; the dimmed "
                    + "bytes around it are guards, to show any write outside it.";
            case TOP -> "Stacks grow down, so this one starts at its end: top = base + " + layout.size() + " = "
                    + hex(top) + ", one past the last byte.";
            case ALIGN -> top == aligned
                    ? hex(top) + " & ~15 = " + hex(aligned) + ": already aligned. The ABI keeps rsp a multiple of 16 "
                    + "at every call, because aligned SSE loads and stores fault otherwise."
                    : hex(top) + " & ~15 = " + hex(aligned) + ": the top moves down " + layout.alignmentLoss()
                    + " bytes to a multiple of 16, because the ABI keeps rsp 16-aligned at calls (aligned SSE "
                    + "accesses fault otherwise).";
            case WRITE_ENTRY -> "The target's address " + hex(f.entryAddress()) + " goes to aligned-" + e + " = "
                    + hex(f.entrySlot()) + ", lowest byte first (little-endian). " + whyThere(f);
            case SET_CONTEXT -> "ctx.rsp = aligned-" + e + " = " + hex(f.entrySlot()) + ". The switch will load rsp "
                    + "from ctx, and ret will pop the address stored there.";
            case SWITCH -> "The switch: mov rsp, [ctx]; ret.";
        };
    }

    /** Why the entry goes where it goes, from the rsp that ret will leave. */
    private static String whyThere(Frame f) {
        long rsp = f.predictedRsp();
        int after = f.entryBelowTop() - 8;
        long rule = Math.floorMod(rsp + 8, 16);
        if (rule == 0) {
            return "Why -" + f.entryBelowTop() + ": ret pops it and leaves rsp = aligned-" + after + " = " + hex(rsp)
                    + ", as after a call: (rsp + 8) % 16 == 0.";
        }
        return "ret will pop it and leave rsp = aligned-" + after + " = " + hex(rsp) + ": (rsp + 8) % 16 = " + rule
                + ", where the ABI promises every function 0.";
    }

    private static String experimentIntro(Frame f) {
        StackLayout layout = f.layout();
        String in = "Experiment " + f.experiment().option() + ", in child " + f.pid() + ": ";
        return switch (f.experiment()) {
            case NONE -> "Child " + f.pid() + ": the seed exactly, on a zeroed buffer of " + layout.size()
                    + " bytes at base = " + hex(layout.base()) + ". After the setup, a one-way jump (sv_jump) into a "
                    + "target that never comes back; k (or the watchdog) ends the child: SIGTERM, then SIGKILL.";
            case MISALIGNED -> in + "the entry will go to aligned-" + f.entryBelowTop()
                    + " instead of aligned-" + TargetLayout.ENTRY_BELOW_TOP + ", so that after ret rsp = aligned-"
                    + (f.entryBelowTop() - 8) + ", a multiple of 16, where the ABI promises a function (rsp + 8) % 16 "
                    + "== 0. The target then makes an aligned SSE store (movaps).";
            case OVERFLOW -> {
                long lowest = f.predictedRsp() - 8L * TargetLayout.OVERFLOW_PUSHES;
                yield in + "from rsp = aligned-" + (f.entryBelowTop() - 8) + " the target pushes "
                        + TargetLayout.OVERFLOW_PUSHES + " values (" + 8 * TargetLayout.OVERFLOW_PUSHES
                        + " bytes), down to aligned-" + (layout.aligned() - lowest) + ", which is "
                        + fromBase(layout, lowest) + " of this " + layout.size() + "-byte buffer.";
            }
            case SEED_HELLO -> in + "the target prints through the C library (puts, fflush), as the seed's println! "
                    + "does, on a " + layout.size() + "-byte stack. " + moat(f);
        };
    }

    private static String moat(Frame f) {
        if (f.below() == null) {
            return "The memory below base cannot be read here, so where libc writes will not show.";
        }
        return "The child keeps " + kib(f.below().watched()) + " of zeros below base, so what libc writes there "
                + "shows instead of doing harm.";
    }

    static String running(Frame f) {
        long woke = f.run().wokeRsp();
        if (f.simulated()) {
            return "SIMULATED: no CPU switched stacks; a Java thread plays the target, with rsp = " + hex(woke)
                    + " (" + relative(f.layout(), woke) + ") as the setup predicts and a heartbeat at aligned-"
                    + f.heartbeatBelowTop() + " that counts milliseconds.";
        }
        if (woke == 0) {
            return "The switch ran; the target has not reported its rsp yet.";
        }
        return "The CPU woke up in the target with rsp = " + hex(woke) + " " + verdict(f, woke) + ". Its heartbeat, "
                + "a local at aligned-" + f.heartbeatBelowTop() + " = " + hex(f.heartbeatSlot())
                + ", changes as you watch.";
    }

    private static String verdict(Frame f, long woke) {
        String predicted = relative(f.layout(), f.predictedRsp());
        return woke == f.predictedRsp() ? "= " + predicted + ", as predicted"
                : "(" + relative(f.layout(), woke) + "), NOT " + predicted + " as predicted";
    }

    static String ended(Frame f) {
        Report report = f.report();
        if (f.simulated()) {
            return "SIMULATED: the Java thread playing the target stopped when asked. Nothing switched stacks, so "
                    + "nothing had to come back.";
        }
        if (!report.returned()) {
            return "The target did not come back within " + Durations.human(report.grace()) + ": its thread is lost, "
                    + "spinning on the buffer. stackviz keeps that memory allocated.";
        }
        return "The target jumped to the saved context (sv_resume): the thread is back on its own stack with its "
                + "registers and signal mask restored, and sv_switch returned.";
    }

    static String childRunning(Frame f) {
        return switch (f.experiment()) {
            case NONE -> "The child jumped one way and woke in the target with rsp = " + woke(f) + ". Its heartbeat "
                    + "at aligned-" + f.heartbeatBelowTop() + " = " + hex(f.heartbeatSlot()) + " counts; there is no "
                    + "way back.";
            case MISALIGNED -> misaligned(f) + " Waiting to see how the child ends.";
            case OVERFLOW -> overflow(f);
            case SEED_HELLO -> seedHello(f);
        };
    }

    static String childEnded(Frame f) {
        Report report = f.report();
        if (!report.returned()) {
            return "The child did not end even after SIGKILL: it is stuck in the kernel.";
        }
        String fate = report.fate() == null ? "ended" : report.fate().describe();
        return switch (f.experiment()) {
            case NONE -> "The child ran the seed's forever loop on " + f.layout().size() + " bytes until it was ended "
                    + "from outside: it " + fate + ".";
            case MISALIGNED -> report.fate() != null && report.fate().signal() == Fate.SIGSEGV
                    ? misaligned(f) + " The CPU faulted: the child " + fate + ". This is why the setup writes at "
                    + "aligned-" + TargetLayout.ENTRY_BELOW_TOP + "."
                    : misaligned(f) + " The child " + fate + ".";
            case OVERFLOW -> overflow(f);
            case SEED_HELLO -> seedHello(f);
        };
    }

    /** rsp at wake-up as the target recorded it, or the prediction, labelled as such. */
    private static String woke(Frame f) {
        long woke = f.run().wokeRsp();
        if (woke == 0) {
            return hex(f.predictedRsp()) + " (predicted: the child ended before its report was read)";
        }
        return hex(woke) + " " + verdict(f, woke);
    }

    private static String misaligned(Frame f) {
        long woke = f.run().wokeRsp() != 0 ? f.run().wokeRsp() : f.predictedRsp();
        String how = f.run().wokeRsp() != 0 ? "woke with" : "was to wake with (predicted)";
        long store = woke - TargetLayout.SSE_FRAME;
        return "movaps needs a 16-byte aligned address. The target " + how + " rsp = "
                + relative(f.layout(), woke) + " (rsp % 16 = " + Math.floorMod(woke, 16) + "), reserved "
                + TargetLayout.SSE_FRAME + " bytes trusting the ABI, and stored to [rsp] = "
                + relative(f.layout(), store) + ", " + Math.floorMod(store, 16) + " off a multiple of 16.";
    }

    /** The overflow as the bytes show it: where the pushes' pattern is, what lies below base. */
    static String overflow(Frame f) {
        StackLayout layout = f.layout();
        Written.Pushes pushes = f.written().pushes();
        String from = relative(layout, pushes.from());
        String lowest = relative(layout, pushes.lowest()) + " (" + fromBase(layout, pushes.lowest()) + ")";
        if (pushes.found() == 0 && f.heartbeat() == 0) {
            // the bytes were read before the target's first push (or the child died before a read after it)
            return "From " + from + " the target pushes " + TargetLayout.OVERFLOW_PUSHES + " 'AAAAAAAA' down to "
                    + lowest + ", then puts its heartbeat in the lowest slot; the bytes read so far show none of it "
                    + "yet.";
        }
        int inside = pushes.inside();
        StringBuilder text = new StringBuilder("From ").append(from).append(" the target pushed ")
                .append(TargetLayout.OVERFLOW_PUSHES).append(" 'AAAAAAAA' down to ").append(lowest)
                .append(", then put its heartbeat in the lowest slot. ");
        text.append(rowsCapital(inside)).append(" of 'AAAAAAAA' ").append(inside == 1 ? "is" : "are")
                .append(" inside the buffer");
        if (pushes.across() > 0) {
            text.append(", ").append(pushes.across()).append(" across base");
        }
        text.append("; ").append(belowBase(f)).append('.');
        if (!f.entryInPlace()) {
            text.append(" The entry address at aligned-").append(f.entryBelowTop()).append(" was overwritten.");
        }
        return text.toString();
    }

    /**
     * What the window's rows below base hold: nothing, the heartbeat, or other bytes. Rows that follow
     * each other with the same contents are named together: "base-8 and base-16 hold 'AAAAAAAA'".
     */
    private static String belowBase(Frame f) {
        List<String> found = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        String held = null;
        for (Written.BelowRow row : f.written().belowBase()) {
            String what = switch (row.holds()) {
                case HEARTBEAT -> "the heartbeat";
                case PATTERN -> "'AAAAAAAA'";
                case OTHER -> hexValue(row.value());
            };
            if (!what.equals(held)) {
                holding(rows, held, found);
                rows.clear();
                held = what;
            }
            rows.add("base-" + row.below());
        }
        holding(rows, held, found);
        if (found.isEmpty()) {
            return "below base, nothing was written";
        }
        return "below base, " + String.join(", ", found);
    }

    /** "base-8 holds X", "base-8 and base-16 hold X", "base-8, base-16 and base-24 hold X". */
    private static void holding(List<String> rows, String what, List<String> found) {
        if (rows.isEmpty()) {
            return;
        }
        String last = rows.get(rows.size() - 1);
        found.add(rows.size() == 1 ? last + " holds " + what
                : String.join(", ", rows.subList(0, rows.size() - 1)) + " and " + last + " hold " + what);
    }

    static String seedHello(Frame f) {
        StackLayout layout = f.layout();
        StringBuilder text = new StringBuilder();
        if (f.below() == null) {
            text.append("puts and fflush ran on this ").append(layout.size()).append("-byte stack; the memory below "
                    + "base cannot be read here.");
        } else if (f.below().untouched()) {
            long lowest = f.written().lowestInBuffer();
            text.append("puts and fflush ran inside the ").append(layout.size()).append("-byte buffer");
            if (lowest != 0) {
                text.append(", down to ").append(relative(layout, lowest));
            }
            text.append("; nothing below base was written (").append(kib(f.below().watched())).append(" watched).");
        } else {
            int depth = f.below().lowestWritten();
            text.append("puts and fflush wrote below the ").append(layout.size()).append("-byte buffer, down to base-")
                    .append(depth).append(" = ").append(hex(layout.base() - depth)).append(", in the ")
                    .append(kib(f.below().watched())).append(" the child keeps below base.");
        }
        long call = f.run().callRsp();
        if (call != 0) {
            boolean rule = Math.floorMod(call, 16) == 0;
            text.append(" puts was called with rsp = ").append(relative(layout, call)).append(", ")
                    .append(rule ? "a multiple of 16, as the ABI asks." : "NOT a multiple of 16, as the ABI asks.");
        }
        return text.toString();
    }

    // ---- the instruction walk (i) ---------------------------------------------------------

    /**
     * The walk's own lines, over the explanation: what was executed, what is next, rip and rsp,
     * and every register the instruction changed, old and new, all as PTRACE_GETREGS read them.
     */
    public static List<String> traceLines(Frame f) {
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
    public static String traceEnded(Trace trace, Duration afterJump) {
        Fate fate = trace.fate();
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
            return line.append("  ").append(dev.stackviz.model.Fate.signalName(step.fault().signal())).append(", ")
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
    static String traceStory(Frame f) {
        Trace trace = f.trace();
        TraceStep last = trace.last();
        StackLayout layout = f.layout();
        if (last == null) {
            return "The child's switching thread stopped at the first instruction of sv_jump (a hardware breakpoint "
                    + "in DR0; the code is untouched). rsp is still its own stack's.";
        }
        if (last.fault() != null) {
            TraceStep.Fault fault = last.fault();
            return last.executed().mnemonic() + " did not complete: " + dev.stackviz.model.Fate.signalName(fault.signal())
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

    /** An address as the reader can place it: aligned-N near the stack, else "its own stack". */
    static String place(Frame f, long address) {
        return place(f.layout(), address);
    }

    static String place(StackLayout layout, long address) {
        long delta = layout.aligned() - address;
        return Math.abs(delta) <= 1 << 20 ? relative(layout, address) : "the thread's own stack";
    }

    private static String value(long v) {
        return "0x" + Long.toHexString(v);
    }

    // ---- the status line ------------------------------------------------------------------

    public static String status(Frame f, String dot) {
        Report report = f.report();
        String watchdog = f.simulated() ? "watchdog (SIMULATED target): " : "watchdog: ";
        return switch (f.phase()) {
            case SETUP -> watchdog + "idle; the target has not run";
            case RUNNING -> f.stepping() ? "watchdog: paused while stepping" + dot + "instruction " + f.trace().count()
                    + dot + "c runs it at full speed" + dot + "k ends it"
                    : f.run().stopped() ? "child " + f.pid() + " is STOPPED (SIGSTOP or a debugger): its "
                    + "heartbeat stands still" + dot + "kill -CONT " + f.pid() + " lets it go on" + dot + "k ends it"
                    : watchdog + "RUNNING " + Durations.tenths(f.now() - f.run().switchedAt() - f.run().paused()) + dot
                    + "heartbeat " + f.heartbeat() + dot + "k " + (f.isolated() ? "ends it" : "stops it") + dot
                    + "deadline " + Durations.human(f.deadline());
            case STOPPING -> f.isolated() ? "watchdog: sent SIGTERM; waiting for the child to go"
                    : watchdog + "asked the target to stop; waiting for it to come back";
            case RETURNED -> f.isolated() ? childStatus(report, dot)
                    : watchdog + cause(report) + dot + "ran " + Durations.human(report.ran()) + dot + "heartbeat "
                    + report.heartbeat() + dot + (f.simulated() ? "stopped in " : "back in ")
                    + Durations.human(report.stopTook());
            case LOST -> f.isolated() ? "watchdog: the child did not end, even after SIGKILL"
                    : watchdog + "the target did NOT come back within " + Durations.human(report.grace())
                    + "; its thread is lost";
        };
    }

    private static String childStatus(Report report, String dot) {
        String fate = report.fate() == null ? "ended" : report.fate().describe();
        if (report.cause() == Report.Cause.ENDED_BY_ITSELF) {
            return "child " + fate + (outside(report) ? " from outside" : " on its own") + dot + "seen gone "
                    + Durations.human(report.sinceSwitch()) + " after the jump"
                    + (report.held().isZero() ? "" : dot + "ran " + Durations.human(report.ran()));
        }
        return "child " + fate + dot + "ran " + Durations.human(report.ran())
                + (report.stopTook() == null ? "" : dot + "gone " + Durations.human(report.stopTook()) + " after "
                + (report.cause() == Report.Cause.DEADLINE ? "the deadline" : "k"));
    }

    /** Nobody here asked the child to stop, and the signal that ended it is none it raises itself. */
    private static boolean outside(Report report) {
        return report.cause() == Report.Cause.ENDED_BY_ITSELF && report.fate() != null && report.fate().fromOutside();
    }

    public static String cause(Report report) {
        return switch (report.cause()) {
            case KILL -> "kill requested";
            case DEADLINE -> "deadline of " + Durations.human(report.deadline()) + " reached";
            case ENDED_BY_ITSELF -> outside(report) ? "stackviz did not ask the target to stop"
                    : "nobody asked the target to stop";
        };
    }

    /** The watchdog's report as one line, for dump. */
    public static String report(Report report, boolean simulated, boolean child) {
        String tag = simulated ? " [SIMULATED]" : "";
        if (!report.returned()) {
            return child ? "watchdog: " + cause(report) + "; the child did not end, even after SIGKILL" + tag
                    : "watchdog: " + cause(report) + "; asked the target to stop, and it was NOT back within "
                    + Durations.human(report.grace()) + ": its thread is lost (heartbeat " + report.heartbeat() + ")"
                    + tag;
        }
        if (child) {
            String fate = report.fate() == null ? "ended" : report.fate().describe();
            if (report.cause() == Report.Cause.ENDED_BY_ITSELF) {
                return "watchdog: " + cause(report) + "; the child " + fate + (outside(report) ? " from outside" : "")
                        + "; the parent saw it gone " + Durations.human(report.sinceSwitch()) + " after the jump"
                        + (report.held().isZero() ? "" : ", of which it ran " + Durations.human(report.ran()))
                        + " (it died sooner: that is when the parent noticed)";
            }
            return "watchdog: " + cause(report) + "; the child " + fate + "; it ran " + Durations.human(report.ran())
                    + ", heartbeat " + report.heartbeat()
                    + (report.stopTook() == null ? "" : ", and took " + Durations.human(report.stopTook()) + " to die");
        }
        return "watchdog: " + cause(report) + "; the target ran " + Durations.human(report.ran()) + ", heartbeat "
                + report.heartbeat() + ", " + (simulated ? "the Java thread playing it stopped" : "back")
                + " in " + Durations.human(report.stopTook()) + tag;
    }

    // ---- the output pane, help and panels -------------------------------------------------

    /** The target's last line, or what to expect. */
    public static String output(Frame f) {
        if (f.output().isEmpty()) {
            return f.switched() ? "(waiting)" : "(nothing yet: it writes once it wakes up)";
        }
        String[] lines = f.output().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    /** The last {@code n} lines the target wrote (as many as there are). */
    public static List<String> outputLines(Frame f, int n) {
        return f.output().isEmpty() ? List.of(output(f)) : lastLines(f.output(), n);
    }

    /** The last {@code n} lines of {@code text} (as many as there are). */
    static List<String> lastLines(String text, int n) {
        List<String> lines = List.of(text.split("\n"));
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    public static List<String> help() {
        List<String> lines = new ArrayList<>();
        lines.add("stackviz: keys");
        lines.add("");
        Keys.helpLines().forEach(line -> lines.add("  " + line));
        lines.add("");
        lines.add("  Marks: base, top, aligned, rsp are labelled at the row's right, with");
        lines.add("  +N for the byte's column; * marks bytes changed by the last step.");
        lines.add("");
        lines.add("  any key closes this help");
        return lines;
    }

    public static List<String> benchPanel(List<String> figures) {
        List<String> lines = new ArrayList<>();
        lines.add("switch costs, measured just now on this machine (stackviz bench --quick)");
        lines.add("");
        lines.addAll(figures);
        lines.add("");
        lines.add("any key closes this panel; 'stackviz bench' measures longer");
        return lines;
    }

    // ---- numbers --------------------------------------------------------------------------

    /** "aligned-16", "aligned+0", for any address, from the layout's own aligned top. */
    public static String relative(StackLayout layout, long address) {
        if (address == 0) {
            return "not set yet";
        }
        long delta = layout.aligned() - address;
        return delta == 0 ? "aligned" : delta > 0 ? "aligned-" + delta : "aligned+" + -delta;
    }

    /** "8 bytes below base", "8 bytes above base", "at base". */
    static String fromBase(StackLayout layout, long address) {
        long delta = address - layout.base();
        if (delta == 0) {
            return "exactly base";
        }
        return Math.abs(delta) + (Math.abs(delta) == 1 ? " byte " : " bytes ") + (delta < 0 ? "below" : "above")
                + " base";
    }

    private static String rows(int n) {
        return n == 1 ? "1 row" : n + " rows";
    }

    /** Sentence-initial: "5 rows", "No rows". */
    private static String rowsCapital(int n) {
        return n == 0 ? "No rows" : rows(n);
    }

    static String kib(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static String hexValue(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static String hex(long address) {
        return Hex.address(address);
    }
}
