package dev.stackviz.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.Terminal;
import dev.stackviz.model.Action;
import dev.stackviz.view.Painter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The UI loop: keys, the target's output, the watchdog, resizes and signals all arrive as events on
 * one queue; the loop applies them to the scene and draws its frame. While the target runs it
 * also redraws every 50 ms, so the heartbeat in the grid moves.
 */
public final class TuiApp {

    /** Redraw period while the target runs: the grid is re-read from memory at least this often. */
    static final long LIVE_MILLIS = 50;
    /** Below the minimum size only these act: the rest would act unseen behind the notice. */
    static final Set<Action> WHEN_TOO_SMALL = Set.of(Action.QUIT, Action.HELP, Action.REDRAW, Action.SUSPEND);
    private static final Object CHANGED = new Object();
    private static final Object REDRAW = new Object();
    private static final Object SUSPEND = new Object();
    private static final Object OPENED = new Object();
    /** For the tests that check the terminal is restored after an internal error: STACKVIZ_TEST_FAULT=frame:N. */
    private static final String FAULT = "STACKVIZ_TEST_FAULT";
    private static final int FAULT_AT_FRAME = faultFrame(System.getenv(FAULT));

    private int frames;
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicBoolean changePending = new java.util.concurrent.atomic.AtomicBoolean();

    private final Terminal terminal;
    private final Supplier<Scene> opening;
    private Scene scene;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private Consumer<String> typed = text -> { };

    /** The scene may still be opening (loading the native library): the screen starts meanwhile. */
    public TuiApp(Terminal terminal, Supplier<Scene> opening) {
        this.terminal = terminal;
        this.opening = opening;
    }

    /**
     * Told what each of the autopilot's keys would have sent from a terminal (for the cast's "i"
     * events); the keys typed on the terminal are recorded as read (RecordingInputStream).
     */
    public TuiApp onKey(Consumer<String> listener) {
        this.typed = listener;
        return this;
    }

    /** Plays the script's keys and pauses on its own thread; then quits if {@code quitAtEnd}. */
    public TuiApp autopilot(List<KeyScript.Item> script, boolean quitAtEnd) {
        Thread pilot = new Thread(() -> {
            try {
                for (KeyScript.Item item : script) {
                    if (item.pause() != null) {
                        Thread.sleep(item.pause().toMillis());
                    } else {
                        String text = KeyScript.typed(item.key());
                        if (text != null) {
                            typed.accept(text);
                        }
                        events.offer(item.key());
                    }
                }
                if (quitAtEnd) {
                    events.offer(new KeyStroke(KeyType.EOF));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stackviz-autopilot");
        pilot.setDaemon(true);
        pilot.start();
        return this;
    }

    /** Ends the loop at its next event, before any further frame: for a JVM that is shutting down. */
    public void stop() {
        stopping = true;
        events.offer(CHANGED);
    }

    /** A frame soon, for a change from outside the scene (a recording that stopped). */
    public void redraw() {
        changed();
    }

    /** Runs until quit; the screen is always stopped (the terminal restored) on the way out. */
    public void run(boolean readTerminalInput) throws IOException, InterruptedException {
        if (readTerminalInput) {
            JobControl.handOver(() -> events.offer(SUSPEND));
            Signals.onContinue(() -> events.offer(REDRAW));
        }
        Screen screen = new CompactScreen(terminal);
        try {
            screen.startScreen();
            scene = open();
        } catch (RuntimeException | IOException | InterruptedException e) {
            JobControl.handOver(null);
            screen.stopScreen();
            throw e;
        }
        try {
            screen.setCursorPosition(null);
            scene.controls().onChange(this::changed);
            terminal.addResizeListener((t, size) -> events.offer(CHANGED));
            if (readTerminalInput) {
                startInputThread(screen);
            }
            draw(screen, true);
            if (readTerminalInput) {
                Signals.exitCleanlyOnTerminatingSignals(); // after the first frame, which waits for nothing else
            }
            loop(screen);
        } finally {
            scene.controls().onChange(() -> { });
            try {
                scene.controls().close();
            } finally {
                JobControl.handOver(null); // a Ctrl-Z from here on must not take raw mode again
                leave(screen);
            }
        }
    }

    /**
     * The scene, opened on a thread of its own (loading the native library, starting a child JVM):
     * meanwhile this thread answers Ctrl-Z, so the terminal is given back and taken again whenever
     * it comes. Other events wait, in order, for the loop.
     */
    private Scene open() throws InterruptedException {
        java.util.concurrent.CompletableFuture<Scene> opened = new java.util.concurrent.CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                opened.complete(opening.get());
            } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
            }
            events.offer(OPENED);
        }, "stackviz-open");
        thread.setDaemon(true);
        thread.start();
        List<Object> held = new java.util.ArrayList<>();
        for (Object event = events.take(); event != OPENED; event = events.take()) {
            if (event == SUSPEND) {
                suspend();
            } else if (event != REDRAW) {
                held.add(event);
            }
        }
        List<Object> later = new java.util.ArrayList<>();
        events.drainTo(later);
        events.addAll(held);
        events.addAll(later);
        try {
            return opened.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The scene changed (the target wrote, say): one frame for any number of changes not yet drawn. */
    private void changed() {
        if (changePending.compareAndSet(false, true)) {
            events.offer(CHANGED);
        }
    }

    private void loop(Screen screen) throws IOException, InterruptedException {
        while (!scene.controls().quitRequested() && !stopping) {
            Object event = events.poll(scene.controls().live() ? LIVE_MILLIS : 1000, TimeUnit.MILLISECONDS);
            if (event == CHANGED) {
                changePending.set(false); // changes from here on ask for another frame
            }
            boolean complete = false;
            if (event instanceof KeyStroke key) {
                complete = key(screen, key);
            } else if (event == SUSPEND) {
                suspend();
                complete = true;
            } else if (event == REDRAW) {
                readSize();
                complete = true;
            }
            if (event == null && !scene.controls().live() || stopping) {
                continue;
            }
            draw(screen, complete);
        }
    }

    /** One key: to the scene, or to the terminal (redraw, suspend). True if the next frame must be complete. */
    private boolean key(Screen screen, KeyStroke key) {
        String name = KeyMap.name(key);
        Optional<Action> action = KeyMap.of(scene.keys(), key);
        if (tooSmall(screen) && !scene.controls().overlayShown() && action.filter(WHEN_TOO_SMALL::contains).isEmpty()
                && !name.equals("eof")) {
            return false;
        }
        if (action.isPresent() && action.get() == Action.REDRAW) {
            readSize();
            return true;
        }
        // headless there is no terminal to suspend: the scene says so
        if (action.isPresent() && action.get() == Action.SUSPEND && !scene.controls().overlayShown()
                && !(terminal instanceof HeadlessTerminal)) {
            suspend();
            return true;
        }
        scene.controls().press(name);
        return false;
    }

    private boolean tooSmall(Screen screen) {
        TerminalSize size = screen.getTerminalSize();
        return size.getColumns() < Painter.MIN_COLUMNS || size.getRows() < Painter.MIN_ROWS;
    }

    /**
     * Ctrl-Z, as vim and less do it: the main screen and the shell's tty mode back, then stop;
     * when continued (fg), our mode and the alternate screen again, and a complete frame. A running
     * target is paused with the app, and the watchdog's clock with it.
     */
    private void suspend() {
        if (!(terminal instanceof Tty tty) || terminal instanceof HeadlessTerminal) {
            return;
        }
        if (scene != null) { // null while it opens
            scene.controls().pause();
        }
        try {
            tty.leaveBelow(terminal.getTerminalSize().getRows());
            tty.suspend();
            Signals.stopSelf();
            tty.resume();
            readSize();
        } catch (IOException e) {
            events.offer(new KeyStroke(KeyType.EOF)); // the terminal is gone: end as if it closed
        } finally {
            if (scene != null) {
                scene.controls().resume();
            }
        }
    }

    /**
     * Reads the terminal's size again (the screen resizes at its next draw). A terminal resized
     * while the app was stopped sent its SIGWINCH to the foreground job, the shell: after fg, and
     * on Ctrl-L, the app asks itself, as vim and less do.
     */
    private void readSize() {
        try {
            terminal.getTerminalSize(); // Lanterna tells the screen and the resize listeners when it changed
        } catch (IOException | RuntimeException e) {
            // the terminal is gone: the next read or write says so
        }
    }

    private void draw(Screen screen, boolean complete) throws IOException {
        if (++frames == FAULT_AT_FRAME) {
            throw new IllegalStateException("fault injected at frame " + frames + " (" + FAULT + ")");
        }
        boolean resized = screen.doResizeIfNecessary() != null;
        scene.paint(screen.newTextGraphics());
        screen.refresh(complete || resized ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    /**
     * Leaves the alternate screen with the cursor on a fresh line below the last frame (for a
     * terminal that has no alternate screen); on a terminal that is gone there is nothing to leave.
     */
    private void leave(Screen screen) {
        try {
            if (terminal instanceof Tty tty) {
                tty.leaveBelow(screen.getTerminalSize().getRows());
            }
        } catch (IOException | RuntimeException e) {
            // gone: the first failure, if any, is the one reported
        }
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            // the first failure, if any, is the one reported
        }
    }

    static int faultFrame(String setting) {
        if (setting == null || !setting.matches("frame:\\d{1,6}")) {
            return -1;
        }
        return Integer.parseInt(setting.substring("frame:".length()));
    }

    private void startInputThread(Screen screen) {
        Thread input = new Thread(() -> {
            try {
                while (true) {
                    KeyStroke key = screen.readInput();
                    events.offer(key);
                    if (key.getKeyType() == KeyType.EOF) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                events.offer(new KeyStroke(KeyType.EOF));
            }
        }, "stackviz-input");
        input.setDaemon(true);
        input.start();
    }
}
