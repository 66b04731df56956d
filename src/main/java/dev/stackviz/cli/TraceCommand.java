package dev.stackviz.cli;

import dev.stackviz.frame.SwitchTexts;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.ProgramTrace;
import dev.stackviz.model.Durations;
import dev.stackviz.model.Fate;
import dev.stackviz.model.StackSwitch;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import dev.stackviz.session.TraceSession;
import dev.stackviz.tui.Scene;
import dev.stackviz.view.Theme;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Any program, run under the tracer and stopped at each stack switch. */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Run a program of yours and show each of its stack switches, from the CPU and memory (x86-64 only).",
        description = {"Runs PROGRAM under ptrace with a breakpoint on every instruction of its code (and of the "
            + "libraries it was linked with) that can move rsp to another stack; at each hit it steps that "
            + "instruction: a switch is rsp moved to another mapping, or by more than 2 MB.",
            "The full-screen view holds the program at its entry; n runs it to each switch, which is shown with its "
                + "old and new stack read from memory, the registers from the CPU and one sentence on what happened. "
                + "With --text each switch is printed on stderr instead (the program's own output on stdout): the "
                + "instruction, rsp before and after and their mappings, the 8 bytes at the new rsp, the callee-saved "
                + "registers, the new stack's bytes, then the steps to its first ret or jmp.",
            "Every thread of the program is traced (all are held while one is shown); code loaded later (dlopen) "
                + "carries no breakpoints."})
public final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--text", description = "Print the switches as text, on stderr (the program's output on "
            + "stdout), instead of the full-screen view.")
    boolean text;

    @Mixin
    ViewOptions view;

    @Option(names = "--switches", paramLabel = "N",
            description = "With --text: stop after N switches (1 to 10000; default: 10); a program still running is "
                + "then ended with SIGKILL.")
    Integer switches;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --text: how long to wait for each switch (default: 10s; 120s with --exhaustive); a program still "
                + "running then is ended with SIGKILL.")
    Duration timeout;

    @Option(names = "--exhaustive", description = "With --text: single-step every instruction of the program from its entry "
            + "instead of setting breakpoints: slower (about 30,000 instructions a second, shown as it goes), but it "
            + "sees what breakpoints cannot (signal frames, rt_sigreturn, code written at run time). It steps one "
            + "thread: once the program makes a second, breakpoints take over for all of them, and that is said.")
    boolean exhaustive;

    @Option(names = "--no-cache", description = "Keep nothing: disassemble every file again. By default the "
            + "instructions found in each file are kept by its build id in $XDG_CACHE_HOME/stackviz/rsp-writers "
            + "(~/.cache/stackviz/rsp-writers), so that the next trace of a program using it starts in a fraction "
            + "of the time (libc takes about half a second to read).")
    boolean noCache;

    @Option(names = "--cache", paramLabel = "DIR", description = "Keep the instructions found in each file in DIR "
            + "instead (made if missing).")
    java.nio.file.Path cache;

    @Parameters(arity = "1..*", paramLabel = "PROGRAM [ARGS...]", hideParamSyntax = true, description = "The program and its arguments "
            + "(after --, so that its options are not taken for stackviz's).")
    List<String> command;

    /** Why the program cannot be traced, in one line: exit 2 for a program not there, 1 for one that cannot be traced. */
    private static int refused(PrintWriter err, IOException e) {
        err.println("stackviz trace: " + e.getMessage());
        return e.getMessage().contains("not found") || e.getMessage().contains("not executable")
                || e.getMessage().contains("is a directory") ? 2 : 1;
    }

    private ProgramTrace start() throws IOException {
        return ProgramTrace.start(command, exhaustive, noCache ? null
                : cache != null ? cache : ProgramTrace.defaultCache());
    }

    /**
     * The full-screen view. The program is started first, so that what refuses it (not found, not a
     * program, ptrace not allowed) is one line before the terminal is taken.
     */
    private int viewed(PrintWriter err) throws Exception {
        if (exhaustive) {
            throw new ParameterException(spec.commandLine(), "--exhaustive is for --text: the view runs to each "
                    + "switch on breakpoints (i steps one instruction at a time)");
        }
        if (switches != null || timeout != null) {
            throw new ParameterException(spec.commandLine(), "--switches and --timeout are for --text: in the view n "
                    + "runs to the next switch and k ends the program");
        }
        view.validate();
        TuiCommand.requireTerminal(view, "'stackviz trace --text' prints the switches as text");
        ProgramTrace first;
        try {
            first = start();
        } catch (IOException e) {
            return refused(err, e);
        }
        // the title names the program by its file name: a long path would push the pid off an 80-column screen
        String name = java.nio.file.Path.of(command.get(0)).getFileName() + (command.size() == 1 ? ""
                : " " + String.join(" ", command.subList(1, command.size())));
        TraceSession session = new TraceSession(name, first, this::start);
        Theme theme = Theme.fromEnvironment();
        return TuiCommand.show(view, err, CompletableFuture.completedFuture(new TuiCommand.Viewed(
                Scene.of(session, theme), "trace, pid " + first.pid(), session::onStep, "entry", session::ranEver)));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (noCache && cache != null) {
            throw new ParameterException(spec.commandLine(), "--cache and --no-cache contradict each other: give one");
        }
        String why = Machines.whyNoTracer();
        if (why != null) {
            err.println("stackviz trace: " + why);
            return 1;
        }
        if (!text) {
            return viewed(err);
        }
        if (view.given()) {
            throw new ParameterException(spec.commandLine(), "--record, --keys, --headless and --size are for the "
                    + "full-screen view: leave out --text");
        }
        if (switches == null) {
            switches = 10;
        }
        if (switches < 1 || switches > 10_000) {
            throw new ParameterException(spec.commandLine(), "--switches must be 1 to 10000, not " + switches);
        }
        if (timeout == null) {
            timeout = Duration.ofSeconds(exhaustive ? 120 : 10);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be more than 0");
        }
        ProgramTrace trace;
        try {
            trace = start();
        } catch (IOException e) {
            return refused(err, e);
        }
        try (trace) {
            Progress progress = new Progress(err, ProgramTrace.stderrIsTerminal());
            Thread copier = copy(trace.output(), out, progress);
            String noObjdump = trace.withoutDisassembler();
            if (noObjdump != null) {
                err.println("stackviz trace: " + noObjdump + ": every instruction is single-stepped instead of "
                        + "breakpoints (as --exhaustive), and shown as its bytes");
            }
            progress.withoutBreakpoints = noObjdump != null;
            err.println("stackviz trace: " + String.join(" ", command) + " (pid " + trace.pid() + "), "
                    + (exhaustive || noObjdump != null ? "every instruction single-stepped from its entry"
                        + (exhaustive ? " (--exhaustive)" : "")
                        : trace.sites() + " instructions that can move rsp carry a breakpoint, in " + trace.files()[0]
                            + " files (" + (trace.files()[1] == 0 ? "all disassembled now"
                                : trace.files()[1] + " as kept from an earlier run") + ")"));
            err.flush();
            trace.onProgress(progress::show);
            int seen = 0;
            while (seen < switches) {
                StackSwitch found = trace.next(timeout);
                if (found == null) {
                    break;
                }
                seen++;
                progress.end();
                Thread.sleep(20); // the program's own lines before the switch reach stdout first
                out.flush();
                for (String line : SwitchTexts.block(found)) {
                    err.println(line);
                }
                err.flush();
            }
            if (trace.fault() != null) {
                for (String line : SwitchTexts.fault(trace.fault())) {
                    err.println(line);
                }
                trace.next(Duration.ofSeconds(2)); // delivered: the program ends as it would untraced
            }
            progress.end();
            if (exhaustive || noObjdump != null) {
                dev.stackviz.model.Stepped stepped = trace.stepped();
                err.println("stackviz trace: " + Progress.count(stepped.steps()) + " instructions single-stepped in "
                        + Durations.human(Duration.ofNanos(stepped.nanos())) + " (" + Progress.count(stepped.perSecond())
                        + " a second)");
            }
            Fate fate = trace.fate();
            if (fate == null) {
                err.println("stackviz trace: " + seen + " switch" + (seen == 1 ? "" : "es") + "; the program still "
                        + "runs " + (seen == switches ? "after --switches " + switches : "with no switch for "
                        + Durations.human(timeout)) + ": ended with SIGKILL");
            } else {
                err.println("stackviz trace: " + seen + " switch" + (seen == 1 ? "" : "es") + "; the program "
                        + fate.describe());
            }
            trace.close();
            copier.join(1000);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("stackviz trace: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Exhaustive stepping's progress on stderr: one line rewritten in place on a terminal, else a
     * line every 5 s; and once, that it gave up stepping when the program made a second thread.
     */
    static final class Progress {
        private final PrintWriter err;
        private final boolean terminal;
        private boolean shown;
        private boolean toldGaveUp;
        /** No objdump: at a second thread nothing takes over. */
        volatile boolean withoutBreakpoints;
        private long lastLine = System.nanoTime();

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        synchronized void show(dev.stackviz.model.Stepped p) {
            if (p.gaveUp() && !toldGaveUp) {
                toldGaveUp = true;
                end();
                err.println("stackviz trace: the program made a second thread after " + count(p.steps())
                        + " instructions: --exhaustive steps one thread, so from here " + (withoutBreakpoints
                            ? "its threads run on untraced (with no objdump there are no breakpoints either)"
                            : "breakpoints find the switches of all its threads"));
                err.flush();
                return;
            }
            String line = "stackviz trace: --exhaustive: " + count(p.steps()) + " instructions stepped, "
                    + count(p.perSecond()) + " a second";
            if (terminal) {
                err.print("\r" + line + "\033[K");
                shown = true;
            } else if (System.nanoTime() - lastLine > 5_000_000_000L) {
                lastLine = System.nanoTime();
                err.println(line);
            }
            err.flush();
        }

        /** Ends the line being rewritten, before anything else is printed. */
        synchronized void end() {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
                shown = false;
            }
        }

        static String count(long n) {
            return String.format(java.util.Locale.ROOT, "%,d", n);
        }
    }

    /** The program's output to stdout, as it comes. */
    private static Thread copy(InputStream from, PrintWriter to, Progress progress) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = from.read(buffer)) > 0) {
                    synchronized (to) {
                        progress.end(); // not after the progress line, on its row
                        to.print(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the program is gone
            }
        }, "stackviz-trace-output");
        copier.setDaemon(true);
        copier.start();
        return copier;
    }
}
