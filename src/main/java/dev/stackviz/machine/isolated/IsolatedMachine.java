package dev.stackviz.machine.isolated;

import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Processes;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.TraceRefused;
import dev.stackviz.machine.TraceableMachine;
import dev.stackviz.machine.TracedRun;
import dev.stackviz.machine.sys.NativeLayout;
import dev.stackviz.machine.sys.Posix;
import dev.stackviz.machine.sys.ProcessMemory;
import dev.stackviz.machine.sys.SwitchLibrary;
import dev.stackviz.machine.trace.Listing;
import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Origin;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The seed's stack in a child process (the same code, {@link ChildMain}), which makes the seed's
 * one-way jump and can only be ended from outside. Its memory is read live through
 * /proc/PID/mem; where that is not allowed, the screen shows the child's own last report.
 */
public final class IsolatedMachine implements TraceableMachine {

    /** How long a starting child has to report its layout (a cold JVM on a busy machine). */
    static final Duration ANSWER = Duration.ofSeconds(20);
    /** How long a running child has to answer a command: the UI waits this long at most, then says why. */
    static final Duration COMMAND_ANSWER = Duration.ofSeconds(2);
    /** The library's listing, parsed once (the instruction walk's names). */
    private static volatile Listing listing;

    private final Process process;
    private final Experiment experiment;
    private final StackLayout layout;
    private final ChildProtocol.Layout reported;
    private final Duration grace;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final ProcessMemory memory;
    private final String memoryProblem;
    private volatile Consumer<String> output = text -> { };
    private volatile byte[] window;
    private volatile long reportedContextRsp;
    private volatile BelowBase below;
    private long commands;
    private IsolatedRun run;

    private IsolatedMachine(Process process, Experiment experiment, Duration grace) throws IOException {
        this.process = process;
        this.experiment = experiment;
        this.grace = grace;
        startReaders();
        this.reported = ChildProtocol.Layout.parse(answer(ChildProtocol.Layout.KIND));
        this.layout = new StackLayout(reported.base(), reported.size());
        takeWindow(0, answer(ChildProtocol.Window.kind(0)));
        ProcessMemory opened = null;
        String problem = null;
        try {
            opened = ProcessMemory.open(process.pid());
            opened.read(layout.base(), 1);
        } catch (IOException e) {
            problem = "reading /proc/" + process.pid() + "/mem is not allowed here (" + e.getMessage() + ")";
            if (opened != null) {
                opened.close();
                opened = null;
            }
        }
        this.memory = opened;
        this.memoryProblem = problem;
        sampleBelow();
    }

    /** Starts the child; throws if it does not come up and report its layout. */
    public static IsolatedMachine open(StackSpec spec, Experiment experiment, Duration grace, boolean ignoreSigterm)
            throws IOException {
        List<String> command = new ArrayList<>();
        // A session of its own (Posix.SETSID): a child still starting in the app's process group was
        // stopped half-way by the terminal's Ctrl-Z while the app waited for it. The app pauses and
        // continues it itself.
        Posix.SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                // no JVM handler for SIGTERM: the kernel ends the child at once, and "killed by SIGTERM" is
                // literally true. With a handler the JVM exits with 143 after waiting up to 300 ms for
                // the thread spinning in native code (measured: 320 ms to die).
                "-Xrs",
                // a child never exits by itself (SIGTERM, SIGKILL or its target's crash ends it), so the
                // JVM never deletes its files: no perf data (/tmp/hsperfdata_USER/PID), and no attach
                // socket (/tmp/.java_pidPID), which -Xrs opens at start since SIGQUIT cannot ask for it
                "-XX:-UsePerfData", "-XX:+DisableAttachMechanism"));
        // where JNA and the switch library load from (the app image sets these), and where JNA unpacks
        // its stub: the child does the same
        for (String property : new String[] {"jna.boot.library.path", "jna.library.path", "jna.nounpack",
                "jna.tmpdir"}) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildMain.class.getName(),
                String.valueOf(spec.size()), String.valueOf(spec.misalign()), experiment.option(),
                String.valueOf(ProcessHandle.current().pid())));
        if (ignoreSigterm) {
            command.add("ignore-sigterm");
        }
        Process process = Spawner.start(new ProcessBuilder(command));
        try {
            return new IsolatedMachine(process, experiment, grace);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private void startReaders() {
        Thread out = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith(ChildProtocol.PREFIX)) {
                        replies.offer(line.substring(ChildProtocol.PREFIX.length()));
                    } else {
                        output.accept(line + "\n");
                    }
                }
            } catch (IOException e) {
                // the child is gone; its exit status says how
            }
        }, "stackviz-child-out-" + process.pid());
        Thread err = new Thread(() -> {
            try {
                stderr.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the child is gone
            }
        }, "stackviz-child-err-" + process.pid());
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /** Waits for the child's next reply, which must start with {@code kind}; returns the rest. */
    private String answer(String kind) throws IOException {
        return answer(kind, ANSWER);
    }

    /**
     * Waits for the child's next reply that starts with {@code kind} (a late reply to an earlier
     * command, with another sequence number, is skipped); returns the rest.
     */
    private String answer(String kind, Duration patience) throws IOException {
        long end = System.nanoTime() + patience.toNanos();
        try {
            while (true) {
                String reply = replies.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (reply == null) {
                    throw new IOException(whyNoAnswer(patience));
                }
                if (reply.equals(kind) || reply.startsWith(kind + " ")) {
                    return reply.equals(kind) ? "" : reply.substring(kind.length() + 1);
                }
                if (!reply.startsWith(ChildProtocol.Window.KIND + " ")) {
                    throw new IOException("child " + process.pid() + " said '" + reply + "'");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Why the child did not answer, in plain words: gone (how), stopped, or just slow. */
    private String whyNoAnswer(Duration patience) {
        long pid = process.pid();
        if (!process.isAlive()) {
            int status = process.exitValue();
            String how = status > 128 ? "was killed by " + dev.stackviz.model.Fate.signalName(status - 128)
                    : "exited with status " + status;
            return "child " + pid + " is gone: it " + how
                    + (stderr.length() == 0 ? "" : " (" + stderr.toString().strip().lines().findFirst().orElse("") + ")")
                    + "; r starts a new one";
        }
        if (stopped()) {
            return "child " + pid + " is stopped (by SIGSTOP or a debugger) and cannot answer; kill -CONT " + pid
                    + " lets it go on, r starts a new one";
        }
        return "child " + pid + " did not answer within " + patience.toMillis() + " ms";
    }

    /** True if the kernel says the child is stopped (state T) or traced (state t). */
    public boolean stopped() {
        char state = Processes.state(process.pid());
        return state == 'T' || state == 't';
    }

    private void takeWindow(long seq, String fields) {
        ChildProtocol.Window report = ChildProtocol.Window.parse(seq, fields);
        window = report.bytes();
        reportedContextRsp = report.contextRsp();
    }

    /**
     * Sends a command, numbered, and waits (COMMAND_ANSWER at most) for the window the child reports
     * after it. A child that is gone or stopped is told at once, in plain words, without waiting.
     */
    private synchronized void command(ChildProtocol.Command command) {
        if (!process.isAlive() || stopped()) {
            throw new IllegalStateException(whyNoAnswer(Duration.ZERO));
        }
        long number = ++commands;
        try {
            OutputStream in = process.getOutputStream();
            in.write((command.line(number) + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
            if (command != ChildProtocol.Command.SWITCH) {
                takeWindow(number, answer(ChildProtocol.Window.kind(number), COMMAND_ANSWER));
            }
        } catch (IOException e) {
            throw new IllegalStateException(process.isAlive() ? e.getMessage() : whyNoAnswer(Duration.ZERO), e);
        }
    }

    /** The child's own report of its window, from before the switch. */
    byte[] reportedWindow() {
        return window.clone();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public MachineKind kind() {
        return MachineKind.ISOLATED;
    }

    @Override
    public StackLayout layout() {
        return layout;
    }

    @Override
    public Experiment experiment() {
        return experiment;
    }

    @Override
    public long entryAddress() {
        return reported.entry();
    }

    @Override
    public long contextAddress() {
        return reported.context();
    }

    /** True while the bytes come from /proc/PID/mem; false when they are the child's own last report. */
    public boolean readsLive() {
        return memory != null && process.isAlive();
    }

    /** Why memory is not read live, or null. */
    public String memoryProblem() {
        return memoryProblem;
    }

    @Override
    public Origin origin() {
        if (memory == null) {
            return Origin.CHILD_REPORT;
        }
        return process.isAlive() ? Origin.PROC_MEM : Origin.LAST_READ;
    }

    @Override
    public byte[] read(long address, int length) {
        if (address < windowStart() || address + length > windowStart() + windowLength()) {
            throw new IndexOutOfBoundsException(String.format(
                    "0x%x+%d is outside the stack and its guards", address, length));
        }
        if (readsLive()) {
            try {
                byte[] live = memory.read(windowStart(), windowLength());
                window = live;
            } catch (IOException e) {
                // the child just died: keep the last bytes read
            }
        }
        int offset = (int) (address - windowStart());
        byte[] bytes = new byte[length];
        System.arraycopy(window, offset, bytes, 0, length);
        return bytes;
    }

    /** Reads the child's memory directly (for the block and the moat); throws where that is not possible. */
    byte[] readLive(long address, int length) throws IOException {
        if (memory == null) {
            throw new IOException(memoryProblem);
        }
        return memory.read(address, length);
    }

    /** The last sample of the memory below base (see {@link #sampleBelow}); null where it cannot be read. */
    @Override
    public BelowBase below() {
        return below;
    }

    /**
     * Reads the moat below base once. Only a running target can change it, so the run samples it
     * while the child lives (IsolatedRun), not every frame: 64 KiB is not read 20 times a second.
     */
    void sampleBelow() {
        if (memory == null || !process.isAlive()) {
            return;
        }
        try {
            below = BelowBase.scan(readLive(layout.base() - reported.moat(), (int) reported.moat()));
        } catch (IOException e) {
            // the child just died: the last sample stands
        }
    }

    @Override
    public long contextRsp() {
        if (readsLive()) {
            try {
                return fromBytes(memory.read(reported.context() + NativeLayout.CTX_SP, 8));
            } catch (IOException e) {
                // fall back to the report
            }
        }
        return reportedContextRsp;
    }

    static long fromBytes(byte[] bytes) {
        return StackLayout.fromLittleEndian(bytes, 0);
    }

    @Override
    public void writeEntry() {
        command(ChildProtocol.Command.ENTRY);
    }

    @Override
    public void writeContext() {
        command(ChildProtocol.Command.CONTEXT);
    }

    @Override
    public synchronized void clearSetup() {
        requireIdle();
        command(ChildProtocol.Command.CLEAR);
    }

    @Override
    public synchronized Run switchTo(Consumer<String> output) {
        jump(output);
        run = new IsolatedRun(this, process, grace);
        return run;
    }

    /** The library's listing, read from the jar and parsed the first time the walk needs it. */
    private static Listing listing() {
        Listing parsed = listing;
        if (parsed == null) {
            parsed = Listing.parse(SwitchLibrary.listing());
            listing = parsed;
        }
        return parsed;
    }

    /**
     * The switch, traced: the child's jumping thread stops at the first instruction of sv_jump (a
     * hardware breakpoint), and the run's {@link TracedRun#stepInstruction} executes one at a time.
     * Where tracing is not allowed, throws Refused (nothing has switched then).
     */
    @Override
    public synchronized TracedRun switchTraced(Consumer<String> output) throws TraceRefused {
        requireIdle();
        if (memory == null) {
            throw new TraceRefused("stepping reads the child's memory, and " + memoryProblem);
        }
        Listing listing;
        try {
            listing = listing();
        } catch (IllegalStateException e) {
            throw new TraceRefused(e.getMessage());
        }
        long jump = reported.jump();
        long base = jump - listing.offsetOf("sv_jump");
        // the thread that will jump is the one to trace
        TracedJump tracer = TracedJump.attach(reported.tid(), base, jump, listing, memory);
        try {
            jump(output);
            IsolatedRun.Traced traced = new IsolatedRun.Traced(this, process, grace, tracer);
            run = traced;
            if (!tracer.awaitJump(COMMAND_ANSWER)) {
                throw new IllegalStateException("child " + process.pid() + " did not reach sv_jump within "
                        + COMMAND_ANSWER.toMillis() + " ms");
            }
            return traced;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tracer.close();
            throw new IllegalStateException("interrupted", e);
        } catch (RuntimeException e) {
            tracer.close();
            throw e;
        }
    }

    /** Tells the child to make its jump, and waits for its word that it is about to. */
    private void jump(Consumer<String> output) {
        requireIdle();
        if (contextRsp() != entrySlot()) {
            throw new IllegalStateException("the setup is not complete: write the entry and the context first");
        }
        this.output = output;
        command(ChildProtocol.Command.SWITCH);
        try {
            answer(ChildProtocol.SWITCHING, COMMAND_ANSWER);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void pause() {
        if (!heldByTracer()) { // a traced thread is stopped already; the tracer owns it
            signal("STOP");
        }
    }

    @Override
    public void resume() {
        if (!heldByTracer()) {
            signal("CONT");
        }
    }

    private void signal(String name) {
        if (process.isAlive()) {
            Posix.signal(process.pid(), name.equals("STOP") ? Posix.SIGSTOP : Posix.SIGCONT);
        }
    }

    private boolean heldByTracer() {
        return run instanceof IsolatedRun.Traced traced && traced.traced();
    }

    long block() {
        return reported.block();
    }

    private void requireIdle() {
        if (run != null) {
            throw new IllegalStateException("the child has switched: it has no way back");
        }
    }

    /** Ends the child: SIGTERM, then SIGKILL after the grace period. */
    @Override
    public synchronized void close() {
        if (run != null) {
            run.letGo();
        }
        if (process.isAlive()) {
            process.destroy();
            resume(); // a stopped child acts on SIGTERM only once it is continued
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (memory != null) {
            memory.close();
        }
    }
}
