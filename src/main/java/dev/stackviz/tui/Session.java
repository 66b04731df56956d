package dev.stackviz.tui;

import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.Watchdog;
import dev.stackviz.model.Step;
import java.time.Duration;
import dev.stackviz.model.Experiment;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the screen shows and what the keys do, without any drawing. One thread (the UI loop)
 * calls {@link #handle}; the target's output and the watchdog's report arrive on their own
 * threads and call the change listener, so the loop can redraw.
 */
public final class Session implements AutoCloseable {

    public enum Phase { SETUP, RUNNING, STOPPING, RETURNED, LOST }

    private final Function<Experiment, Machine> machines;
    private final boolean experiments;
    private Experiment experiment;
    private final Duration deadline;
    private final Duration grace;
    private final LongSupplier clock;
    private volatile Runnable onChange = () -> { };
    private Consumer<String> onStep = label -> { };
    private Machine machine;
    private Step step = Step.ALLOCATE;
    private byte[] baseline;
    private long baselineContextRsp;
    private Run run;
    private Watchdog watchdog;
    private final StringBuffer output = new StringBuffer();
    private String hint = "";
    private boolean help;
    private Supplier<List<String>> bench;
    private volatile List<String> benchLines;
    private volatile boolean benchRunning;
    private volatile boolean benchShow;
    private boolean benchVisible;
    private boolean quit;

    public Session(Supplier<Machine> machines, Duration deadline, Duration grace, LongSupplier clock) {
        this(e -> machines.get(), null, false, deadline, grace, clock);
    }

    /**
     * A session whose machine comes from {@code machines}: in-process for a null experiment, else an
     * isolated child running it. With {@code experiments}, the e key moves on to the next one.
     */
    public Session(Function<Experiment, Machine> machines, Experiment experiment, boolean experiments,
                   Duration deadline, Duration grace, LongSupplier clock) {
        this.machines = machines;
        this.experiment = experiment;
        this.experiments = experiments;
        this.deadline = deadline;
        this.grace = grace;
        this.clock = clock;
        this.machine = machines.apply(experiment);
        this.baseline = machine.readWindow();
    }

    /** Shows a one-line note (e.g. why the machine is simulated) until the next key. */
    public void note(String text) {
        hint = text;
    }

    /** Told the name of every step taken (the recorder writes a marker for each). */
    public void onStep(Consumer<String> listener) {
        this.onStep = listener;
    }

    /** The marker name of the current step, e.g. "step 2/6 top". */
    public String stepName() {
        return "step " + (step.ordinal() + 1) + "/" + Step.values().length + " " + step.label();
    }

    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** Applies one key's action. Never throws for an action that makes no sense now: sets a hint. */
    public void handle(Action action) {
        hint = "";
        if ((help || benchVisible) && action != Action.QUIT) {
            help = false;
            benchVisible = false;
            return;
        }
        try {
            perform(action);
        } catch (RuntimeException e) {
            // a machine that fails (a library that did not load, a child that died) is told, not thrown
            hint = "stackviz: " + e.getMessage();
        }
    }

    private void perform(Action action) {
        switch (action) {
            case STEP_FORWARD -> stepForward();
            case STEP_BACK -> stepBack();
            case SWITCH -> switchNow();
            case KILL -> kill();
            case RESET -> reset();
            case EXPERIMENT -> nextExperiment();
            case BENCH -> bench();
            case HELP -> help = true;
            case QUIT -> quit = true;
        }
    }

    private void stepForward() {
        if (run != null) {
            hint = "the switch has happened: r starts again with a fresh stack";
        } else if (step == Step.SET_CONTEXT) {
            hint = "the setup is complete: press s to switch";
        } else {
            goTo(step.next());
        }
    }

    private void stepBack() {
        if (run != null) {
            hint = "the switch has happened and cannot be undone: r starts again with a fresh stack";
        } else if (step == Step.ALLOCATE) {
            hint = "this is the first step";
        } else {
            goTo(step.previous());
        }
    }

    /** Moves to {@code target}: forward by applying steps, back by replaying from a fresh setup. */
    private void goTo(Step target) {
        takeBaseline();
        if (target.ordinal() < step.ordinal()) {
            machine.clearSetup();
            for (Step s : Step.values()) {
                if (s.ordinal() <= target.ordinal()) {
                    apply(s);
                }
            }
            step = target;
            onStep.accept(stepName());
        }
        while (step.ordinal() < target.ordinal()) {
            step = step.next();
            apply(step);
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
        baseline = machine.readWindow();
        baselineContextRsp = machine.contextRsp();
    }

    private void switchNow() {
        if (run != null) {
            hint = phase() == Phase.RUNNING ? "the target is already running: k stops it"
                    : "already switched once: r starts again with a fresh stack";
            return;
        }
        goTo(Step.SET_CONTEXT);
        takeBaseline();
        step = Step.SWITCH;
        run = machine.switchTo(text -> {
            output.append(text);
            onChange.run();
        });
        watchdog = new Watchdog(run, deadline, grace, report -> onChange.run()).start();
        onStep.accept(stepName());
    }

    private void kill() {
        Phase phase = phase();
        if (phase == Phase.RUNNING) {
            watchdog.kill();
            onStep.accept("kill");
        } else if (phase == Phase.SETUP) {
            hint = "nothing is running yet: s switches to the target first";
        } else {
            hint = "the target has already stopped: r starts again";
        }
    }

    /** Lets the b key measure switch costs with {@code runner} (null where there is no native switch). */
    public void allowBench(Supplier<List<String>> runner) {
        this.bench = runner;
    }

    private void bench() {
        if (bench == null) {
            hint = "the benchmark measures the native switch, which is not available here";
        } else if (benchRunning) {
            hint = "measuring: the figures appear when it is done";
        } else {
            benchRunning = true;
            hint = phase() == Phase.RUNNING ? "measuring while the target spins on a core: expect noisy figures"
                    : "measuring switch costs (a few seconds)...";
            Thread thread = new Thread(() -> {
                try {
                    benchLines = bench.get();
                } catch (RuntimeException e) {
                    benchLines = List.of("the benchmark failed: " + e.getMessage());
                } finally {
                    benchRunning = false;
                    benchShow = true;
                    onChange.run();
                }
            }, "stackviz-bench");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The benchmark's lines while its panel is open; null otherwise. */
    public List<String> benchPanel() {
        if (benchShow) {
            benchShow = false;
            benchVisible = true;
            hint = "";
        }
        return benchVisible ? benchLines : null;
    }

    private void nextExperiment() {
        if (!experiments) {
            hint = "experiments need the native switch: they run in an isolated child process";
            return;
        }
        experiment = experiment == null ? Experiment.MISALIGNED : experiment.next();
        reset();
        hint = "isolated child, experiment " + experiment.option() + " (e for the next)";
    }

    private void reset() {
        stopTarget();
        machine.close();
        machine = machines.apply(experiment);
        step = Step.ALLOCATE;
        run = null;
        watchdog = null;
        output.setLength(0);
        baseline = machine.readWindow();
        baselineContextRsp = 0;
        hint = "a fresh stack";
        onStep.accept("reset: " + stepName());
    }

    /** Stops a running target and waits for the watchdog's report (up to the grace period). */
    private void stopTarget() {
        Phase phase = phase();
        if (phase == Phase.RUNNING || phase == Phase.STOPPING) {
            watchdog.kill();
            try {
                watchdog.awaitReport(grace.plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopTarget();
        machine.close();
    }

    public Phase phase() {
        if (run == null) {
            return Phase.SETUP;
        }
        Watchdog.Report report = watchdog.report();
        if (report == null) {
            return run.stopRequestedAt() == 0 ? Phase.RUNNING : Phase.STOPPING;
        }
        return report.returned() ? Phase.RETURNED : Phase.LOST;
    }

    public Machine machine() {
        return machine;
    }

    public Step step() {
        return step;
    }

    /** Memory as it was before the last step: bytes that differ from it are marked as changed. */
    public byte[] baseline() {
        return baseline;
    }

    public long baselineContextRsp() {
        return baselineContextRsp;
    }

    public Run run() {
        return run;
    }

    public Watchdog.Report report() {
        return watchdog == null ? null : watchdog.report();
    }

    public Duration deadline() {
        return deadline;
    }

    public String output() {
        return output.toString();
    }

    public String hint() {
        return hint;
    }

    public boolean helpVisible() {
        return help;
    }

    public boolean quitRequested() {
        return quit;
    }

    public long now() {
        return clock.getAsLong();
    }
}
