package dev.stackviz.session;

import dev.stackviz.frame.FibersFrame;
import dev.stackviz.frame.Frame.Overlay;
import dev.stackviz.machine.FibersMachine;
import dev.stackviz.model.Action;
import dev.stackviz.model.Keys;
import dev.stackviz.model.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The green threads' state machine: n releases one switch, s lets them run, k stops them, r starts
 * again; the one place that reads the fibers' memory into a {@link FibersFrame}.
 */
public final class FibersSession implements Controls {

    /** A switch (the fiber's round included) must be done within this; else the screen says so. */
    static final Duration STEP_PATIENCE = Duration.ofSeconds(2);
    /** The rate at full speed is measured over at least this long. */
    static final long RATE_WINDOW_NANOS = 200_000_000L;
    /** The pipe's reader hands a fiber's line on within this after its switch, or the frame goes without it. */
    static final Duration LINE_PATIENCE = Duration.ofMillis(500);

    private final Supplier<FibersMachine> machines;
    private final LongSupplier clock;
    private volatile Runnable onChange = () -> { };
    private Consumer<String> onStep = label -> { };
    private FibersMachine machine;
    private Scheduler before;
    private final Output output = new Output();
    private volatile boolean fullSpeed;
    private long pausedAt;
    private int selected;
    private Overlay overlay = Overlay.NONE;
    private String hint = "";
    private boolean quit;
    private boolean ranEver;
    private double rate;
    private long rateSince;
    private long rateSwitches;
    private long runStart;
    private long runStartSwitches;

    public FibersSession(Supplier<FibersMachine> machines, LongSupplier clock) {
        this(machines, clock, null);
    }

    /** With {@code note} (why the machine is simulated, say) as the first hint. */
    public FibersSession(Supplier<FibersMachine> machines, LongSupplier clock, String note) {
        this.machines = machines;
        this.clock = clock;
        this.machine = machines.get();
        this.before = machine.read();
        this.hint = note == null ? "" : note;
    }

    /** True once the scheduler was started: fibers ran (and were stopped, if the view ends). */
    public synchronized boolean ranEver() {
        return ranEver;
    }

    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    public void onStep(Consumer<String> listener) {
        this.onStep = listener;
    }

    /** A key by name; while the help is open any key closes it, only Ctrl-C and the end of input quit. */
    public synchronized void press(String key) {
        switch (Controls.first(key, overlay != Overlay.NONE)) {
            case QUIT -> quit = true;
            case CLOSE_OVERLAY -> {
                overlay = Overlay.NONE;
                hint = "";
            }
            case VIEW -> Keys.action(Keys.View.FIBERS, key).ifPresent(this::handle);
        }
    }

    public synchronized void handle(Action action) {
        hint = "";
        if (action != Action.NEXT_FIBER && action != Action.HELP && action != Action.SUSPEND) {
            before = machine.read(); // what the key changes is the difference; Tab, ? and Ctrl-Z change nothing
        }
        switch (action) {
            case STEP_FORWARD -> step();
            case SWITCH -> runFree();
            case KILL -> stop();
            case RESET -> reset();
            case NEXT_FIBER -> selected = (selected + 1) % machine.count();
            case HELP -> overlay = Overlay.HELP;
            case SUSPEND -> hint = NO_TERMINAL_TO_SUSPEND;
            case QUIT -> quit = true;
            default -> { }
        }
    }

    private void step() {
        if (machine.returned()) {
            hint = "the scheduler has returned: r starts again";
            return;
        }
        if (before.mode() == Scheduler.Mode.RUN) {
            hint = "they run at full speed: k stops them";
            return;
        }
        machine.start(this::wrote, this::returned);
        ranEver = true;
        if (!machine.step(STEP_PATIENCE)) {
            hint = "the switch did not finish within " + STEP_PATIENCE.toMillis() + " ms";
            return;
        }
        output.await(machine.read().roundsDone(), LINE_PATIENCE);
        Scheduler now = machine.read();
        if (now.to() >= 0) {
            selected = now.to();
        }
        onStep.accept(now.lastSwitch());
    }

    /** The scheduler returned (all done, or stopped): a frame says so, and the last lines each get one. */
    private void returned() {
        fullSpeed = false;
        onChange.run();
    }

    private void wrote(String text) {
        output.append(text);
        if (!fullSpeed) {
            onChange.run(); // at full speed the live redraw shows it: a frame per line would be millions
        }
    }

    private void runFree() {
        if (machine.returned()) {
            hint = "the scheduler has returned: r starts again";
            return;
        }
        if (before.mode() == Scheduler.Mode.RUN) {
            hint = "already at full speed: k stops them";
            return;
        }
        machine.start(this::wrote, this::returned);
        ranEver = true;
        runStart = clock.getAsLong();
        runStartSwitches = machine.read().switches();
        rateSince = runStart;
        rateSwitches = runStartSwitches;
        fullSpeed = true;
        machine.runFree();
        onStep.accept("full speed");
    }

    private void stop() {
        if (before.mode() == Scheduler.Mode.SETUP) {
            hint = "nothing runs yet: n makes the first switch";
            return;
        }
        if (machine.returned()) {
            hint = "the scheduler has returned already: r starts again";
            return;
        }
        fullSpeed = false;
        if (!machine.stop(STEP_PATIENCE)) {
            hint = "the scheduler did not return within " + STEP_PATIENCE.toMillis() + " ms";
        }
        onStep.accept("stop");
    }

    private void reset() {
        machine.close();
        machine = machines.get();
        before = machine.read();
        output.clear();
        fullSpeed = false;
        selected = 0;
        rate = 0;
        runStart = 0;
        hint = "fresh fibers";
        onStep.accept("again");
    }

    public synchronized FibersFrame frame() {
        Scheduler now = machine.read();
        measureRate(now);
        return new FibersFrame(machine.kind(), machine.stackSize(), now, before, output.text(), selected, overlay,
                List.of(), hint, rate, machine.isa());
    }

    /** Switches per second at full speed, over the last window of at least RATE_WINDOW; over the whole run once it ended. */
    private void measureRate(Scheduler now) {
        if (runStart == 0) {
            return;
        }
        long t = clock.getAsLong();
        if (now.returned()) {
            long ran = machine.fullSpeedNanos();
            rate = ran == 0 ? 0 : (now.switches() - runStartSwitches) / (ran / 1e9);
            return;
        }
        if (t - rateSince >= RATE_WINDOW_NANOS) {
            rate = (now.switches() - rateSwitches) / ((t - rateSince) / 1e9);
            rateSince = t;
            rateSwitches = now.switches();
        }
    }

    /** The whole app is about to stop (Ctrl-Z): the time away is not counted in the rate. */
    public synchronized void pause() {
        pausedAt = clock.getAsLong();
        machine.pause();
    }

    /** Back from {@link #pause}. */
    public synchronized void resume() {
        long away = clock.getAsLong() - pausedAt;
        machine.resume();
        if (runStart != 0) {
            rateSince += away;
        }
    }

    public synchronized boolean live() {
        return machine.read().mode() == Scheduler.Mode.RUN && !machine.returned();
    }

    public synchronized boolean overlayShown() {
        return overlay != Overlay.NONE;
    }

    public synchronized boolean quitRequested() {
        return quit;
    }

    @Override
    public synchronized void close() {
        machine.close();
    }

    /**
     * What the fibers wrote: the last lines only (at full speed they write millions), and how many
     * lines in all. The reader thread appends while a step waits for its line: a lock of its own.
     */
    public static final class Output {
        static final int KEEP = 8192;
        private final StringBuilder tail = new StringBuilder();
        private long lines;

        public synchronized void append(String text) {
            tail.append(text);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lines++;
                }
            }
            if (tail.length() > 2 * KEEP) {
                int cut = tail.indexOf("\n", tail.length() - KEEP);
                tail.delete(0, cut < 0 ? tail.length() - KEEP : cut + 1);
            }
        }

        synchronized long lines() {
            return lines;
        }

        /**
         * A fiber writes its line before it yields, and the pipe's reader hands it on a moment later:
         * waits (spinning: it is microseconds) until {@code lines} lines in all have come, or for patience.
         */
        public void await(long lines, Duration patience) {
            long end = System.nanoTime() + patience.toNanos();
            while (lines() < lines && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }

        /** The text kept and not taken yet, which is taken: the line count goes on. */
        public synchronized String take() {
            String text = tail.toString();
            tail.setLength(0);
            return text;
        }

        synchronized String text() {
            return tail.toString();
        }

        synchronized void clear() {
            tail.setLength(0);
            lines = 0;
        }
    }
}
