package dev.stackviz.session;

import dev.stackviz.frame.Frame.Overlay;
import dev.stackviz.frame.TraceFrame;
import dev.stackviz.frame.TraceFrame.State;
import dev.stackviz.machine.ProgramTrace;
import dev.stackviz.model.Action;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Keys;
import dev.stackviz.model.StackFault;
import dev.stackviz.model.StackSwitch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A traced program, switch by switch: n runs it to its next stack switch, i steps one instruction,
 * c lets it run on untraced, k ends it, r starts it again; ← and → move through the switches seen,
 * each shown as it was read when it was seen. The tracer's calls that wait (to the next switch, a
 * start) run on one worker thread, so that keys and redraws go on meanwhile.
 */
public final class TraceSession implements Controls {

    /** Bytes read on each side of each rsp at a switch: the grids show what fits of them. */
    static final int AROUND = 256;
    /** How long one wait for the next switch lasts before it looks whether it was called off. */
    private static final Duration SLICE = Duration.ofMillis(200);
    /** The instructions i keeps (the screen shows the last). */
    private static final int KEEP_STEPPED = 1000;

    /** Starts the program again (r): a fresh trace. */
    public interface Starter {
        ProgramTrace start() throws IOException;
    }

    private final String program;
    private final Starter starter;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stackviz-trace-view");
        t.setDaemon(true);
        return t;
    });
    private volatile Runnable onChange = () -> { };
    private Consumer<String> onStep = label -> { };
    private ProgramTrace trace;
    /** Bumped by every start: a wait of an earlier run that ends late changes nothing. */
    private int generation;
    private State state = State.STARTING;
    private final List<TraceFrame.Seen> seen = new ArrayList<>();
    private final List<StackSwitch.Stepped> stepped = new ArrayList<>();
    private int selected = -1;
    private boolean oldStack;
    private StackFault fault;
    /** The fault's screen is shown, not the last switch's (← and → move between them). */
    private boolean faultShown;
    private Fate fate;
    private String setup = "";
    private final FibersSession.Output output = new FibersSession.Output();
    private Overlay overlay = Overlay.NONE;
    private String hint = "";
    private boolean quit;
    private boolean closed;
    /** c came while it ran to a switch: the wait lets it go. */
    private boolean letGoWhileSeeking;

    /** The session on {@code first}, already started (held at its entry); {@code starter} starts it again. */
    public TraceSession(String program, ProgramTrace first, Starter starter) {
        this.program = program;
        this.starter = starter;
        opened(first);
    }

    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** Told of every switch seen, for the recording's markers ("switch 3: [heap] -> [stack] by ..."). */
    public void onStep(Consumer<String> listener) {
        this.onStep = listener;
    }

    /** True once the program ran (for the message if the terminal goes: it was ended). */
    public synchronized boolean ranEver() {
        return state != State.STARTING;
    }

    public synchronized void press(String key) {
        switch (Controls.first(key, overlay != Overlay.NONE)) {
            case QUIT -> quit = true;
            case CLOSE_OVERLAY -> {
                overlay = Overlay.NONE;
                hint = "";
            }
            case VIEW -> Keys.action(Keys.View.TRACE, key).ifPresent(this::handle);
        }
    }

    public synchronized void handle(Action action) {
        hint = "";
        switch (action) {
            case STEP_FORWARD -> next();
            case STEP_INSTRUCTION -> step();
            case CONTINUE -> letGo();
            case KILL -> kill();
            case RESET -> restart();
            case EARLIER_SWITCH -> move(-1);
            case LATER_SWITCH -> move(1);
            case NEXT_FIBER -> oldStack = !oldStack;
            case HELP -> overlay = Overlay.HELP;
            case SUSPEND -> hint = NO_TERMINAL_TO_SUSPEND;
            case QUIT -> quit = true;
            default -> { }
        }
    }

    private boolean refusedWhileBusy() {
        switch (state) {
            case STARTING -> hint = "it is starting: a moment";
            case SEEKING -> hint = "it runs to the next switch: wait for it, or c lets it go untraced, k ends it";
            case UNTRACED -> hint = "it runs untraced: no switch is seen from here; k ends it, r starts it again";
            case ENDED -> hint = "it has ended: r starts it again";
            default -> {
                return false;
            }
        }
        return true;
    }

    /** n: on the worker, in slices, until a switch, a fault, its end, or a call-off. */
    private void next() {
        if (refusedWhileBusy()) {
            return;
        }
        state = State.SEEKING;
        letGoWhileSeeking = false;
        stepped.clear();
        int run = generation;
        ProgramTrace t = trace;
        worker.execute(() -> seek(t, run));
    }

    private void seek(ProgramTrace t, int run) {
        try {
            while (true) {
                StackSwitch found = t.next(SLICE);
                synchronized (this) {
                    if (run != generation) {
                        return;
                    }
                    if (found != null) {
                        seen.add(new TraceFrame.Seen(found, t.memory(found, AROUND)));
                        selected = seen.size() - 1;
                        fault = null;
                        faultShown = false;
                        state = State.HELD;
                        onStep.accept("switch " + found.number() + ": " + found.from() + " -> " + found.to() + " by "
                                + found.instruction());
                        if (letGoWhileSeeking) { // c came first: the switch is kept, and it goes on untraced
                            letGoWhileSeeking = false;
                            untraced(t, run);
                        }
                        break;
                    }
                    if (t.fault() != null && t.fault() != fault) {
                        fault = t.fault();
                        faultShown = true;
                        selected = seen.size() - 1;
                        state = State.FAULT;
                        onStep.accept("fault: " + Fate.signalName(fault.fault().signal()) + " at " + fault.where());
                        break;
                    }
                    if (t.fate() != null) {
                        ended(t.fate());
                        break;
                    }
                    if (letGoWhileSeeking) { // c while it ran: let go here, between two waits, on this thread
                        letGoWhileSeeking = false;
                        untraced(t, run);
                        break;
                    }
                    if (state != State.SEEKING) {
                        return; // called off (k): whoever did says what happened
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                if (run == generation) {
                    hint = "the tracer failed: " + e.getMessage();
                    state = t.fate() != null ? State.ENDED : State.HELD;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        onChange.run();
    }

    private void ended(Fate how) {
        fate = how;
        state = State.ENDED;
        onStep.accept("ended: it " + how.describe());
    }

    /** i: one instruction of the thread that switched, where it is held. */
    private void step() {
        if (refusedWhileBusy()) {
            return;
        }
        if (state == State.FAULT) {
            hint = "held at its fault: stepping would fault again; n or c delivers the signal";
            return;
        }
        selected = seen.size() - 1; // what i steps is the live program: after the last switch
        try {
            StackSwitch.Stepped one = trace.step();
            if (one != null) {
                if (stepped.size() == KEEP_STEPPED) {
                    stepped.remove(0);
                }
                stepped.add(one);
                state = State.HELD;
                onStep.accept("i: " + one.where() + ": " + one.instruction());
            } else if (trace.fault() != null) {
                fault = trace.fault();
                faultShown = true;
                selected = seen.size() - 1;
                state = State.FAULT;
                onStep.accept("fault: " + Fate.signalName(fault.fault().signal()) + " at " + fault.where());
            } else if (trace.fate() != null) {
                ended(trace.fate());
            }
        } catch (IOException | RuntimeException e) {
            hint = "i failed: " + e.getMessage();
        }
    }

    /**
     * c: breakpoints out, threads detached; it runs at full speed until it ends or k. While it runs
     * to a switch, the wait lets it go between two of its slices (within SLICE).
     */
    private void letGo() {
        if (state == State.SEEKING) {
            letGoWhileSeeking = true;
            hint = "letting it go untraced";
            return;
        }
        if (refusedWhileBusy()) {
            return;
        }
        untraced(trace, generation);
    }

    private void untraced(ProgramTrace t, int run) {
        t.letGo();
        hint = "";
        state = State.UNTRACED;
        onStep.accept("untraced");
        worker.execute(() -> awaitEnd(t, run));
    }

    /** Waits (on the worker) for a program let go untraced to end, and says how. */
    private void awaitEnd(ProgramTrace t, int run) {
        while (true) {
            synchronized (this) {
                if (run != generation || closed) {
                    return;
                }
                if (t.fate() != null) {
                    ended(t.fate());
                    break;
                }
            }
            try {
                Thread.sleep(SLICE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        onChange.run();
    }

    /** k: SIGKILL. A wait under way (to the next switch, or for an untraced end) sees its end; a held one is said at once. */
    private void kill() {
        if (state == State.ENDED) {
            hint = "it has ended already: r starts it again";
            return;
        }
        if (state == State.STARTING) {
            hint = "it is starting: a moment";
            return;
        }
        trace.kill();
        onStep.accept("kill");
        if (state == State.SEEKING || state == State.UNTRACED) {
            return;
        }
        ended(Fate.killedBy(Fate.SIGKILL, null)); // held, it cannot have ended otherwise first
        ProgramTrace t = trace;
        worker.execute(t::close);
    }

    /** r: the program ended (SIGKILL) and started again, on the worker; the switches seen so far are dropped. */
    private void restart() {
        if (state == State.STARTING) {
            hint = "it is starting: a moment";
            return;
        }
        ProgramTrace old = trace;
        generation++;
        state = State.STARTING;
        seen.clear();
        stepped.clear();
        selected = -1;
        fault = null;
        faultShown = false;
        fate = null;
        output.clear();
        onStep.accept("again");
        int run = generation;
        worker.execute(() -> {
            old.close();
            try {
                ProgramTrace fresh = starter.start();
                synchronized (this) {
                    if (run != generation || closed) {
                        fresh.close();
                        return;
                    }
                    opened(fresh);
                }
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    hint = "cannot start it again: " + e.getMessage();
                    state = State.ENDED;
                }
            }
            onChange.run();
        });
    }

    /** A trace held at the program's entry: its output read from here. */
    private void opened(ProgramTrace t) {
        trace = t;
        state = State.ENTRY;
        int[] files = t.files();
        setup = t.withoutDisassembler() != null ? "no disassembler (" + t.withoutDisassembler() + ")"
                : t.sites() + " instructions that can move rsp carry an int3, in " + files[0] + " files";
        int run = generation;
        Thread reader = new Thread(() -> read(t.output(), run), "stackviz-trace-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in, int run) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (this) {
                    if (run != generation) {
                        return;
                    }
                }
                output.append(printable(new String(buffer, 0, n, StandardCharsets.UTF_8)));
                onChange.run();
            }
        } catch (IOException e) {
            // the program is gone and its pty closed: its output ends here
        }
    }

    /** The program's text for the screen: the pty's \r and other control characters out, a tab as a space. */
    static String printable(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c >= ' ' && c != 0x7f) {
                kept.append(c);
            } else if (c == '\t') {
                kept.append(' ');
            }
        }
        return kept.toString();
    }

    private void move(int by) {
        if (seen.isEmpty()) {
            hint = fault != null ? "no switch was seen before the fault" : "no switch seen yet: n runs to the first";
            return;
        }
        boolean last = selected == seen.size() - 1;
        if (by < 0 && last && faultShown) {
            faultShown = false; // the last switch's own screen, under the fault's
            return;
        }
        if (by > 0 && last && fault != null && !faultShown) {
            faultShown = true;
            return;
        }
        int to = selected + by;
        if (to < 0 || to >= seen.size()) {
            hint = by < 0 ? "this is the first switch seen" : state == State.ENDED || state == State.FAULT
                    ? "this is the last switch seen" : "this is the last switch seen: n runs to the next";
            return;
        }
        selected = to;
    }

    public synchronized TraceFrame frame() {
        return new TraceFrame(program, trace == null || state == State.STARTING ? 0 : trace.pid(), state, seen,
                selected, oldStack, stepped, fault, fate, output.text(), setup, overlay, hint,
                faultShown && selected == seen.size() - 1);
    }

    public synchronized boolean live() {
        return state == State.SEEKING || state == State.STARTING || state == State.UNTRACED;
    }

    public synchronized boolean overlayShown() {
        return overlay != Overlay.NONE;
    }

    public synchronized boolean quitRequested() {
        return quit;
    }

    /**
     * Ctrl-Z: a held program stays held; one that runs to its next switch is held at its next
     * breakpoint, where it waits for the tracer; one let go untraced is stopped (SIGSTOP) until fg.
     */
    public synchronized void pause() {
        if (state == State.UNTRACED) {
            trace.pauseUntraced(true);
        }
    }

    public synchronized void resume() {
        if (state == State.UNTRACED) {
            trace.pauseUntraced(false);
        }
    }

    /** Ends the program (SIGKILL) and the worker: nothing is left stopped or traced. */
    @Override
    public void close() {
        ProgramTrace t;
        synchronized (this) {
            closed = true;
            generation++;
            t = trace;
        }
        if (t != null) {
            t.kill();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            t = trace;
        }
        if (t != null) {
            t.close();
        }
    }
}
