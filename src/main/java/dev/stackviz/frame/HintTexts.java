package dev.stackviz.frame;

import dev.stackviz.model.Experiment;

/**
 * The hints of the in-process and isolated view, on the row above the keys: why a key did
 * nothing now, and what a key has started. Each is named by what it means.
 */
public final class HintTexts {

    /** A step forward (n) after the switch. */
    public static final String SWITCHED_NO_STEP_FORWARD = "the switch has happened: r starts again with a fresh stack";
    /** A step forward (n) at the last step of the setup. */
    public static final String SETUP_COMPLETE = "the setup is complete: press s to switch";
    /** A step back (p) after the switch. */
    public static final String SWITCH_CANNOT_BE_UNDONE =
            "the switch has happened and cannot be undone: r starts again with a fresh stack";
    /** A step back (p) at the first step. */
    public static final String FIRST_STEP = "this is the first step";
    /** s while the target runs. */
    public static final String ALREADY_RUNNING = "the target is already running: k stops it";
    /** s once the target has run. */
    public static final String ALREADY_SWITCHED = "already switched once: r starts again with a fresh stack";
    /** i on the simulated machine. */
    public static final String NO_SWITCH_TO_TRACE = "instruction stepping needs the isolated child and the native "
            + "switch: the simulated machine has no switch to trace";
    /** i once the traced target has ended. */
    public static final String ENDED_WALK_AGAIN = "the target has ended: r, then i, walks the switch again";
    /** i after a switch at full speed (s). */
    public static final String FULL_SPEED_WALK_IT =
            "this switch ran at full speed: r, then i, walks it instruction by instruction";
    /** i after c let the traced target go. */
    public static final String UNTRACED_WALK_AGAIN = "the target runs on untraced: r, then i, walks the switch again";
    /** i at a fault: the next step lets the signal in. */
    public static final String SIGNAL_DELIVERED = "the signal is delivered: the child dies of it";
    /** c with nothing being stepped. */
    public static final String NOTHING_STEPPED = "c lets a target that i is stepping run at full speed; nothing is "
            + "being stepped";
    /** k before the switch. */
    public static final String NOTHING_RUNNING_YET = "nothing is running yet: s switches to the target first";
    /** k once the target has stopped. */
    public static final String ALREADY_STOPPED = "the target has already stopped: r starts again";
    /** b while the benchmark runs. */
    public static final String STILL_MEASURING = "measuring: the figures appear when it is done";
    /** b while the target spins: the benchmark starts anyway. */
    public static final String MEASURING_BESIDE_TARGET = "measuring while the target spins on a core: expect noisy "
            + "figures";
    /** b with nothing running: the benchmark starts. */
    public static final String MEASURING = "measuring switch costs (a few seconds)...";
    /** e without the native switch. */
    public static final String NO_EXPERIMENTS = "experiments need the native switch: they run in an isolated child "
            + "process";
    /** e or i on AArch64: the isolated child's targets and the instruction walk are x86-64 code. */
    public static final String X86_ONLY = "experiments and instruction stepping run x86-64 code in an isolated child: "
            + "not on AArch64, where s makes the real switch in-process";
    /** r: what it opened. */
    public static final String FRESH_STACK = "a fresh stack";

    private HintTexts() {
    }

    /** i in-process: stepping needs the child, which e (where there are experiments) or --isolate opens. */
    public static String steppingNeedsTheChild(boolean experiments) {
        return "instruction stepping needs the isolated child: " + (experiments ? "press e, or " : "")
                + "run stackviz --isolate";
    }

    /** i, the first time: the system refused to trace the child, for {@code why}. */
    public static String traceRefused(String why) {
        return "stepping is not possible here: " + why + "; s switches without it";
    }

    /** i again, after the system refused to trace the child for {@code why}. */
    public static String traceRefusedBefore(boolean ended, String why) {
        return (ended ? "the target has ended" : "this switch ran at full speed") + ", and stepping is not possible "
                + "here: " + why;
    }

    /** b where there is no benchmark. */
    public static String noBench(boolean simulated) {
        return "the benchmark measures the native switch: " + (simulated ? "this view runs the simulated machine"
                : "it is not available here");
    }

    /** e: what it opened ({@code experiment} null: the in-process switch). */
    public static String experimentOpened(Experiment experiment) {
        return (experiment == null ? "in-process: the two-way switch, sv_switch"
                : "isolated child, experiment " + experiment.option()) + " (e for the next)";
    }

    /** A machine that failed (a child that died, say), with its own {@code message}. */
    public static String failed(String message) {
        return "stackviz: " + message;
    }
}
