package dev.stackviz.session;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.Frame.Overlay;
import dev.stackviz.frame.Frame.Phase;
import dev.stackviz.frame.HintTexts;
import dev.stackviz.frame.StatusTexts;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.NoNativeSwitch;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.TraceRefused;
import dev.stackviz.machine.TraceableMachine;
import dev.stackviz.machine.TracedRun;
import dev.stackviz.machine.Watchdog;
import dev.stackviz.model.Action;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Isa;
import dev.stackviz.model.Keys;
import dev.stackviz.model.Report;
import dev.stackviz.model.Step;
import dev.stackviz.model.TraceStep;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The application's state machine: what the keys do, and the one place where the machine is read
 * into a {@link Frame}. No drawing here. The UI loop calls {@link #handle} and {@link #frame};
 * the target's output, the watchdog's report and the benchmark arrive on their own threads and
 * call the change listener, so that the loop builds a new frame.
 */
public final class Session implements Controls {

    /** How long an instruction step waits for a write's bytes to come through the pipe. */
    private static final Duration OUTPUT_PATIENCE = Duration.ofMillis(500);

    private final Function<Experiment, Machines.Choice> machines;
    private final boolean experiments;
    private final Duration deadline;
    private final Duration grace;
    private final LongSupplier clock;
    private volatile Runnable onChange = () -> { };
    private Consumer<String> onStep = label -> { };
    private Experiment experiment;
    private Machine machine;
    private Step step = Step.ALLOCATE;
    private byte[] before;
    private long contextRspBefore;
    private Run run;
    /** The same run when i switched it traced; else null. */
    private TracedRun traced;
    private Watchdog watchdog;
    private final TargetOutput output = new TargetOutput();
    private String hint = "";
    private Overlay overlay = Overlay.NONE;
    private Supplier<List<String>> bench;
    private List<String> benchLines = List.of();
    private boolean benchRunning;
    private boolean quit;
    private boolean switchedEver;
    /** Why this system refused to trace the child, once it has: then no hint offers i again. */
    private String traceRefused;

    /** An in-process session on the machines {@code machines} gives (the first now, another at every r). */
    public Session(Supplier<Machine> machines, Duration deadline, Duration grace, LongSupplier clock) {
        this(e -> new Machines.Choice(machines.get(), null), null, false, deadline, grace, clock);
    }

    /**
     * A session whose machine comes from {@code machines}: in-process for a null experiment, else an
     * isolated child running it. With {@code experiments}, the e key moves on to the next one.
     */
    public Session(Function<Experiment, Machines.Choice> machines, Experiment experiment, boolean experiments,
                   Duration deadline, Duration grace, LongSupplier clock) {
        this.machines = machines;
        this.experiment = experiment;
        this.experiments = experiments;
        this.deadline = deadline;
        this.grace = grace;
        this.clock = clock;
        open();
    }

    private void open() {
        Machines.Choice choice = machines.apply(experiment);
        machine = choice.machine();
        hint = choice.note() == null ? "" : choice.note();
        before = machine.readWindow();
        contextRspBefore = machine.contextRsp();
    }

    /** Told the marker of every step taken (the recorder writes one for each). */
    public void onStep(Consumer<String> listener) {
        this.onStep = listener;
    }

    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** The marker of the current step, e.g. "step 2/6 top". */
    public synchronized String stepName() {
        return step.marker();
    }

    /**
     * A key, by its name in the key table ("n", "space", "ctrl-c", "enter", "eof", ...). While the
     * help or the benchmark's panel is open, any key closes it, q included (as in less and htop);
     * only Ctrl-C and the end of input quit from there.
     */
    public synchronized void press(String key) {
        switch (Controls.first(key, overlay != Overlay.NONE)) {
            case QUIT -> handle(Action.QUIT);
            case CLOSE_OVERLAY -> {
                hint = "";
                overlay = Overlay.NONE;
            }
            case VIEW -> Keys.action(key).ifPresent(this::handle);
        }
    }

    /** Applies one key's action. Never throws for an action that makes no sense now: sets a hint. */
    public synchronized void handle(Action action) {
        hint = "";
        if (overlay != Overlay.NONE && action != Action.QUIT) {
            overlay = Overlay.NONE;
            return;
        }
        try {
            try {
                perform(action);
            } catch (NoNativeSwitch e) {
                fallBack(e);
                String why = hint;
                perform(action); // what the key asked for, now on the simulated machine
                hint = why;
            }
        } catch (RuntimeException e) {
            // a machine that fails (a child that died, say) is told, not thrown
            hint = HintTexts.failed(e.getMessage());
        }
    }

    private void perform(Action action) {
        switch (action) {
            case STEP_FORWARD -> stepForward();
            case STEP_BACK -> stepBack();
            case SWITCH -> switchNow();
            case STEP_INSTRUCTION -> stepInstruction();
            case CONTINUE -> continueFullSpeed();
            case KILL -> kill();
            case RESET -> reset(HintTexts.FRESH_STACK);
            case EXPERIMENT -> nextExperiment();
            case BENCH -> bench();
            case HELP -> overlay = Overlay.HELP;
            case SUSPEND -> hint = NO_TERMINAL_TO_SUSPEND;
            case REDRAW, NEXT_FIBER -> { } // the terminal's business (TuiApp), or another view's
            case QUIT -> quit = true;
        }
    }

    /** The native library did not load after all: the same steps on the simulated machine, and why. */
    private void fallBack(NoNativeSwitch e) {
        Step reached = step;
        machine.close();
        Machines.Choice choice = Machines.simulated(machine.layout().size(), misalign(), e.getMessage());
        machine = choice.machine();
        step = Step.ALLOCATE;
        run = null;
        traced = null;
        watchdog = null;
        goTo(reached.ordinal() > Step.SET_CONTEXT.ordinal() ? Step.SET_CONTEXT : reached);
        hint = choice.note();
    }

    private int misalign() {
        return (int) Math.floorMod(machine.layout().base(), 16);
    }

    private void stepForward() {
        if (run != null) {
            hint = HintTexts.SWITCHED_NO_STEP_FORWARD;
        } else if (step == Step.SET_CONTEXT) {
            hint = HintTexts.SETUP_COMPLETE;
        } else {
            goTo(step.next());
        }
    }

    private void stepBack() {
        if (run != null) {
            hint = HintTexts.SWITCH_CANNOT_BE_UNDONE;
        } else if (step == Step.ALLOCATE) {
            hint = HintTexts.FIRST_STEP;
        } else {
            goTo(step.previous());
        }
    }

    /**
     * Moves to {@code target}: forward by applying steps, back by replaying from a fresh setup.
     * The step changes only once its write to memory has been made, so a failed write leaves the
     * screen on the step whose memory it shows.
     */
    private void goTo(Step target) {
        takeBaseline();
        if (target.ordinal() < step.ordinal()) {
            machine.clearSetup();
            step = Step.ALLOCATE;
            for (Step s : Step.values()) {
                if (s.ordinal() <= target.ordinal()) {
                    apply(s);
                    step = s;
                }
            }
            onStep.accept(stepName());
        }
        while (step.ordinal() < target.ordinal()) {
            Step next = step.next();
            apply(next);
            step = next;
            onStep.accept(stepName());
        }
    }

    private void apply(Step s) {
        switch (s) {
            case WRITE_ENTRY -> machine.writeEntry();
            case SET_CONTEXT -> machine.writeContext();
            default -> { }
        }
    }

    private void takeBaseline() {
        before = machine.readWindow();
        contextRspBefore = machine.contextRsp();
    }

    private void switchNow() {
        if (run != null) {
            hint = phase() == Phase.RUNNING ? HintTexts.ALREADY_RUNNING : HintTexts.ALREADY_SWITCHED;
            return;
        }
        goTo(Step.SET_CONTEXT);
        takeBaseline();
        run = machine.switchTo(this::targetWrote);
        step = Step.SWITCH;
        switchedEver = true;
        watchdog = new Watchdog(run, deadline, grace, report -> onChange.run()).start();
        onStep.accept(stepName());
    }

    /**
     * i: the first press switches traced, and stops at the first instruction of the seed's jump;
     * each press after that executes one instruction of the child's switching thread. The
     * watchdog's clock stands still while the tracer holds the thread.
     */
    private void stepInstruction() {
        if (!(machine instanceof TraceableMachine traceable)) {
            hint = machine.simulated() ? HintTexts.NO_SWITCH_TO_TRACE : machine.isa() == Isa.AARCH64
                    ? HintTexts.X86_ONLY : HintTexts.steppingNeedsTheChild(experiments);
            return;
        }
        if (run == null) {
            goTo(Step.SET_CONTEXT);
            takeBaseline();
            try {
                traced = traceable.switchTraced(this::targetWrote);
                run = traced;
            } catch (TraceRefused e) {
                traceRefused = e.getMessage();
                hint = HintTexts.traceRefused(traceRefused);
                return;
            }
            step = Step.SWITCH;
            switchedEver = true;
            watchdog = new Watchdog(run, deadline, grace, report -> onChange.run()).start();
            watchdog.pause();
            onStep.accept(stepName());
            onStep.accept("instr 0: at " + traced.trace().next().where());
            return;
        }
        if (!heldByTracer() && traceRefused != null) {
            hint = HintTexts.traceRefusedBefore(phase() == Phase.RETURNED || phase() == Phase.LOST, traceRefused);
            return;
        }
        if (!heldByTracer()) {
            Phase phase = phase();
            hint = phase == Phase.RETURNED || phase == Phase.LOST ? HintTexts.ENDED_WALK_AGAIN
                    : traced == null ? HintTexts.FULL_SPEED_WALK_IT
                    : HintTexts.UNTRACED_WALK_AGAIN;
            return;
        }
        takeBaseline();
        int written = output.length();
        TraceStep done = traced.stepInstruction();
        if (done == null) {
            hint = HintTexts.SIGNAL_DELIVERED;
            watchdog.resume();
            return;
        }
        if (done.syscall() != null && done.syscall().name().equals("write") && done.syscall().result() > 0) {
            awaitOutput(written + (int) done.syscall().result());
        }
        onStep.accept("instr " + done.number() + ": " + done.executed().mnemonic());
    }

    /** True while i's tracer holds the switching thread (stopped between steps). */
    private boolean heldByTracer() {
        return traced != null && traced.traced();
    }

    /**
     * The target's write has executed: its bytes are in the pipe; wait (briefly) until the reader has
     * them, woken by their arrival.
     */
    private void awaitOutput(int length) {
        output.await(length, OUTPUT_PATIENCE);
    }

    private void targetWrote(String text) {
        output.append(text);
        onChange.run();
    }

    /** c: let a traced target run on at full speed, untraced; the watchdog's clock goes on. */
    private void continueFullSpeed() {
        if (!heldByTracer()) {
            hint = HintTexts.NOTHING_STEPPED;
            return;
        }
        traced.untrace();
        watchdog.resume();
        onStep.accept("continue");
    }

    private void kill() {
        Phase phase = phase();
        if (phase == Phase.RUNNING) {
            watchdog.kill();
            onStep.accept("kill");
        } else if (phase == Phase.SETUP) {
            hint = HintTexts.NOTHING_RUNNING_YET;
        } else {
            hint = HintTexts.ALREADY_STOPPED;
        }
    }

    /**
     * The whole app is about to stop (Ctrl-Z): a target in a child process stops with it, and the
     * watchdog's clock stops, so that neither the deadline nor "ran" counts the time away.
     */
    public synchronized void pause() {
        if (run != null && watchdog != null && watchdog.report() == null) {
            watchdog.pause();
            machine.pause();
        }
    }

    /** Back from {@link #pause}. */
    public synchronized void resume() {
        if (run != null && watchdog != null) {
            machine.resume();
            watchdog.resume();
        }
    }

    /** Lets the b key measure switch costs with {@code runner} (null where there is no native switch). */
    public synchronized void allowBench(Supplier<List<String>> runner) {
        this.bench = runner;
    }

    private void bench() {
        if (bench == null) {
            hint = HintTexts.noBench(machine.simulated());
        } else if (benchRunning) {
            hint = HintTexts.STILL_MEASURING;
        } else {
            benchRunning = true;
            hint = phase() == Phase.RUNNING ? HintTexts.MEASURING_BESIDE_TARGET : HintTexts.MEASURING;
            Supplier<List<String>> runner = bench;
            Thread thread = new Thread(() -> benchDone(measure(runner)), "stackviz-bench");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static List<String> measure(Supplier<List<String>> runner) {
        try {
            return runner.get();
        } catch (RuntimeException e) {
            return StatusTexts.benchFailed(e.getMessage());
        }
    }

    private void benchDone(List<String> lines) {
        synchronized (this) {
            benchLines = lines;
            benchRunning = false;
            overlay = Overlay.BENCH;
            hint = "";
        }
        onChange.run();
    }

    private void nextExperiment() {
        if (!experiments) {
            hint = machine.isa() == Isa.AARCH64 && !machine.simulated() ? HintTexts.X86_ONLY : HintTexts.NO_EXPERIMENTS;
            return;
        }
        experiment = Experiment.after(experiment);
        reset(HintTexts.experimentOpened(experiment));
    }

    private void reset(String why) {
        stopTarget();
        machine.close();
        step = Step.ALLOCATE;
        run = null;
        traced = null;
        watchdog = null;
        output.clear();
        open();
        hint = hint.isEmpty() ? why : hint;
        onStep.accept("reset: " + stepName());
    }

    /** Stops a running target and waits for the watchdog's report (up to the grace period). */
    private void stopTarget() {
        Phase phase = phase();
        if (phase == Phase.RUNNING || phase == Phase.STOPPING) {
            watchdog.kill();
            try {
                watchdog.awaitReport(grace.plusSeconds(6));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void close() {
        stopTarget();
        machine.close();
    }

    private Phase phase() {
        return Frames.phase(run, watchdog == null ? null : watchdog.report());
    }

    /** True while a target runs (or is being stopped): the view redraws it live. Not while a tracer holds it. */
    public synchronized boolean live() {
        Phase phase = phase();
        return (phase == Phase.RUNNING || phase == Phase.STOPPING) && !heldByTracer();
    }

    /** True if a target was ever switched to in this session. */
    public synchronized boolean switchedEver() {
        return switchedEver;
    }

    /** True while the help or the benchmark's panel covers the view. */
    public synchronized boolean overlayShown() {
        return overlay != Overlay.NONE;
    }

    public synchronized boolean quitRequested() {
        return quit;
    }

    /** Everything the view shows now, read from the machine once. */
    public synchronized Frame frame() {
        try {
            return read();
        } catch (NoNativeSwitch e) {
            fallBack(e);
            return read();
        }
    }

    private Frame read() {
        Report report = watchdog == null ? null : watchdog.report();
        return Frames.capture(machine, run, report, new Frames.View(step, before, contextRspBefore,
                output.toString(), overlay, overlay == Overlay.BENCH ? benchLines : List.of(), hint, deadline,
                clock.getAsLong()), watchdog == null ? 0 : watchdog.pausedNanos());
    }

    /** The machine, for tests and the benchmark's figures; the view reads it only through {@link #frame}. */
    public synchronized Machine machine() {
        return machine;
    }
}
