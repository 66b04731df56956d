package dev.stackviz.cli;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.Terminal;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Bench;
import dev.stackviz.machine.Machines;
import dev.stackviz.model.Experiment;
import dev.stackviz.record.CastWriter;
import dev.stackviz.record.RecordingInputStream;
import dev.stackviz.record.RecordingOutputStream;
import dev.stackviz.session.Session;
import dev.stackviz.tui.Terminals;
import dev.stackviz.tui.Scene;
import dev.stackviz.tui.TuiApp;
import dev.stackviz.view.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/** The full-screen view: what `stackviz` with no subcommand runs. */
final class TuiCommand {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Opening a recording that does not open within this (a FIFO nobody reads) is a failure, not a hang. */
    static final Duration OPEN_WAIT = Duration.ofSeconds(1);

    private final StackOptions stack;
    private final WatchdogOptions watchdog;
    private final ViewOptions view;
    private final PrintWriter err;

    TuiCommand(StackOptions stack, WatchdogOptions watchdog, ViewOptions view, PrintWriter err) {
        this.stack = stack;
        this.watchdog = watchdog;
        this.view = view;
        this.err = err;
    }

    /**
     * What the view shows, once open: the scene, the machine's kind for the cast's title, where
     * the cast's markers come from, and whether anything ran (for the message if the terminal goes).
     */
    record Viewed(Scene scene, String kind, Consumer<Consumer<String>> markers, String firstMarker,
                  BooleanSupplier ran) {
    }

    int run() throws Exception {
        Duration deadline = watchdog.timeout(DEFAULT_TIMEOUT);
        Duration grace = watchdog.grace();
        stack.validate();
        view.validate();
        requireTerminal(view, "'stackviz dump' prints the same stack as text");
        // Loading the native library (or starting an isolated child) takes as long as setting up the
        // terminal: do both at once.
        Theme theme = Theme.fromEnvironment();
        return show(view, err, CompletableFuture.supplyAsync(() -> {
            Machines.Choice first = stack.openMachine(grace);
            boolean experiments = !first.machine().simulated() && Machines.whyNoIsolatedChild() == null;
            Session opened = new Session(machines(first, grace), stack.experiment(), experiments, deadline, grace,
                    System::nanoTime);
            if (!first.machine().simulated() && Machines.whyNoNativeSwitch() == null) {
                opened.allowBench(TuiCommand::quickBench);
            }
            Machine machine = opened.machine();
            String kind = switch (machine.kind()) {
                case NATIVE -> "native";
                case SIMULATED -> "SIMULATED";
                case ISOLATED -> "isolated, child " + machine.pid();
            };
            return new Viewed(Scene.of(opened, theme), kind, opened::onStep, opened.stepName(), opened::switchedEver);
        }));
    }

    /** Without --headless, a terminal is needed: else one line saying what to use instead. */
    static void requireTerminal(ViewOptions view, String instead) {
        if (!view.headless) {
            String noTerminal = Terminals.whyNoTerminal();
            if (noTerminal != null) {
                throw new StackvizException(noTerminal + "; " + instead
                        + " (or use --headless --keys ...)");
            }
        }
    }

    /** The view on a terminal (or headless), recorded if asked: until quit. */
    static int show(ViewOptions view, PrintWriter err, CompletableFuture<Viewed> session) throws Exception {
        CastWriter cast = null;
        boolean started = false;
        boolean ended = false;
        try {
            Terminal terminal;
            if (view.headless) {
                TerminalSize size = view.headlessSize();
                cast = openCast(view, size, "xterm-256color", session.join().kind());
                terminal = Terminals.headless(cast == null ? OutputStream.nullOutputStream()
                        : new RecordingOutputStream(OutputStream.nullOutputStream(), cast), size);
            } else {
                OutputStream out = Terminals.stdout();
                InputStream in = Terminals.stdin();
                if (view.record != null) {
                    TerminalSize size = Terminals.currentSize();
                    cast = openCast(view, size, System.getenv("TERM"), session.join().kind());
                    out = new RecordingOutputStream(out, cast);
                    if (view.recordInput) {
                        in = new RecordingInputStream(in, cast); // the bytes the terminal sent, key by key
                    }
                }
                try {
                    terminal = Terminals.open(in, out);
                } catch (IOException e) {
                    throw new StackvizException("cannot use this terminal: " + e.getMessage());
                }
            }
            started = true; // from here on, TuiApp closes the session (and stops its target)
            run(view, session, terminal, cast);
            ended = true;
        } catch (IOException e) {
            // a dropped SSH link or a closed terminal: TuiApp's finally has stopped the target, if one ran
            boolean ran = session.isDone() && !session.isCompletedExceptionally() && session.join().ran().getAsBoolean();
            throw new StackvizException("the terminal went away (" + e.getMessage() + ")"
                    + (ran ? "; the target was stopped" : ""));
        } finally {
            if (!started) {
                session.thenAccept(v -> v.scene().controls().close()); // e.g. an isolated child started for nothing
            }
            if (cast != null) {
                cast.close();
                if (cast.failure() != null && !ended) {
                    err.println("stackviz: " + stoppedEarly(view, cast)); // besides the failure on its way out
                }
            }
        }
        if (cast != null && cast.failure() != null) {
            throw new StackvizException(stoppedEarly(view, cast));
        }
        return 0;
    }

    private static String stoppedEarly(ViewOptions view, CastWriter cast) {
        return "the recording " + view.record + " stopped early (" + cast.failure() + "); it ends at its last whole event";
    }

    /** On the screen while the view runs, once the recording has failed; null before. */
    private static String notice(CastWriter cast) {
        String failure = cast.failure();
        return failure == null ? null : "recording stopped (" + failure + "): the cast ends at its last whole event";
    }

    private static void run(ViewOptions view, CompletableFuture<Viewed> opening, Terminal terminal, CastWriter cast)
            throws IOException, InterruptedException {
        TuiApp app = new TuiApp(terminal, () -> opened(opening, cast));
        if (cast != null) {
            CastWriter recording = cast;
            recording.onFailure(app::redraw);
            TerminalSize[] last = {terminal.getTerminalSize()};
            terminal.addResizeListener((t, size) -> {
                if (!size.equals(last[0])) {
                    last[0] = size;
                    recording.resize(size.getColumns(), size.getRows());
                }
            });
            if (view.recordInput) {
                app.onKey(recording::input); // the autopilot's keys; the terminal's are recorded as read
            }
        }
        if (!view.script().isEmpty()) {
            app.autopilot(view.script(), view.headless);
        }
        CountDownLatch restored = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // SIGTERM, SIGHUP, Ctrl-C from outside: stop drawing, then let run() below restore the terminal
            app.stop();
            try {
                restored.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stackviz-shutdown");
        boolean ours = Terminals.takeOverShutdown(terminal);
        if (ours) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            app.run(!view.headless);
        } finally {
            try {
                terminal.close(); // restores the tty mode saved at start, and leaves the alternate screen
            } catch (IOException | RuntimeException e) {
                // the terminal is gone (or the JVM is shutting down): what could be restored was
            }
            restored.countDown();
            if (ours) {
                removeHook(hook);
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running, or has
        }
    }

    private static List<String> quickBench() {
        try {
            return Bench.run(50_000, 3, 5).lines();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
    }

    /** The scene, once open; with a recording, it marks the first step and every one after. */
    private static Scene opened(CompletableFuture<Viewed> opening, CastWriter cast) {
        Viewed viewed;
        try {
            viewed = opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (cast != null) {
            viewed.markers().accept(cast::marker);
            cast.marker(viewed.firstMarker());
            return viewed.scene().withNotice(() -> notice(cast));
        }
        return viewed.scene();
    }

    private static CastWriter openCast(ViewOptions view, TerminalSize size, String term, String kind)
            throws IOException {
        if (view.record == null) {
            return null;
        }
        String title = "stackviz " + VersionProvider.version() + " (" + kind + ")";
        String shell = System.getenv("SHELL");
        CastWriter.Header header = new CastWriter.Header(size.getColumns(), size.getRows(),
                Instant.now().getEpochSecond(), title, term == null ? "unknown" : term, shell == null ? "/bin/sh" : shell);
        try {
            return CastWriter.create(view.record, header, System::nanoTime, OPEN_WAIT);
        } catch (IOException e) {
            throw new StackvizException("cannot write the recording " + view.record + ": " + CastWriter.reason(e));
        }
    }

    /** The first machine (already open), then a fresh one for every reset or experiment. */
    private Function<Experiment, Machines.Choice> machines(Machines.Choice first, Duration grace) {
        boolean[] used = {false};
        return experiment -> {
            if (!used[0]) {
                used[0] = true;
                return first;
            }
            return stack.openMachine(experiment, grace);
        };
    }
}
