package dev.stackviz.frame;

import dev.stackviz.model.Durations;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Hex;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import dev.stackviz.model.Trace;
import java.util.List;

/**
 * The sentences of the view's title, context pane and explanation, each a function of the facts it
 * names, and the numbers every text is made of. No sentence holds a number that is not computed
 * from the frame (where the entry really is, the real size, what the rows below base really hold),
 * and whatever a simulated machine shows says so. The explanation of each part is worded in its own
 * class: the setup ({@link SetupTexts}), the experiments ({@link ExperimentTexts}), the instruction
 * walk ({@link TraceTexts}); the lines around it in {@link StatusTexts}, the hints in {@link HintTexts}.
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
        return f.stepMarker() + ": " + f.step().summary(f.entryBelowTop(), f.isa());
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
        return "ctx at " + hex(f.contextAddress()) + ":" + mark + f.isa().sp() + " = " + hex(rsp) + " (" + relative(f.layout(), rsp)
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
        return FibersTexts.registers(label, r, null);
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
            return TraceTexts.story(f);
        }
        if (f.ended()) {
            return f.isolated() ? ExperimentTexts.ended(f) : ended(f);
        }
        if (f.switched()) {
            return f.isolated() ? ExperimentTexts.running(f) : running(f);
        }
        return SetupTexts.setup(f);
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

    // ---- the in-process switch, there and back --------------------------------------------

    static String running(Frame f) {
        long woke = f.run().wokeRsp();
        if (f.simulated()) {
            return "SIMULATED: no CPU switched stacks; a Java thread plays the target, with rsp = " + hex(woke)
                    + " (" + relative(f.layout(), woke) + ") as the setup predicts and a heartbeat at aligned-"
                    + f.heartbeatBelowTop() + " that counts milliseconds.";
        }
        if (woke == 0) {
            return "The switch ran; the target has not reported its " + f.isa().sp() + " yet.";
        }
        return "The CPU woke up in the target with " + f.isa().sp() + " = " + hex(woke) + " " + verdict(f, woke) + ". Its heartbeat, "
                + "a local at aligned-" + f.heartbeatBelowTop() + " = " + hex(f.heartbeatSlot())
                + ", changes as you watch.";
    }

    /** "= aligned-8, as predicted", or where it woke instead. */
    static String verdict(Frame f, long woke) {
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

    /** An address as the reader can place it: aligned-N near the stack, else "its own stack". */
    static String place(Frame f, long address) {
        return place(f.layout(), address);
    }

    static String place(StackLayout layout, long address) {
        long delta = layout.aligned() - address;
        return Math.abs(delta) <= 1 << 20 ? relative(layout, address) : "the thread's own stack";
    }

    static String kib(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    /** A value, not an address: "0x1234". */
    static String value(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static String hex(long address) {
        return Hex.address(address);
    }
}
