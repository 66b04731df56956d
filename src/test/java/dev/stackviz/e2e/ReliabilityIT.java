package dev.stackviz.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real jar under signal storms, dropped terminals, odd terminals and other platforms. */
class ReliabilityIT {

    static final Duration STALL = Duration.ofSeconds(15);
    static final int SIGHUP = 1;
    static final int SIGPIPE = 13;
    static final int SIGTERM = 15;
    static final int SIGCHLD = 17;
    static final int SIGWINCH = 28;

    interface CLib extends Library {
        CLib C = Native.load("c", CLib.class);

        int kill(int pid, int signal);

        int tgkill(int tgid, int tid, int signal);
    }

    static String app(String options) {
        return "exec env LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " " + options;
    }

    /** stdout on a full disk (/dev/full): the dump's lines are lost, so it must not exit 0. */
    @Test
    void aDumpWhoseOutputCannotBeWrittenSaysSoAndFails() throws Exception {
        Process process = new ProcessBuilder("java", "-jar", Tmux.jar(), "dump", "--simulate", "--timeout", "100ms")
                .redirectOutput(new java.io.File("/dev/full")).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.contains("stackviz: cannot write standard output"), err);
    }

    /** Help and version are output too: lost to a full disk, they fail as a dump does. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--help", "--version", "fibers --help"})
    void helpOrVersionThatCannotBeWrittenFails(String args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", Tmux.jar()));
        command.addAll(List.of(args.split(" ")));
        Process process = new ProcessBuilder(command).redirectOutput(new java.io.File("/dev/full")).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.contains("stackviz: cannot write standard output"), err);
    }

    /**
     * `dump | head`: the reader closing the pipe is its choice, not a failure: quiet, as a SIGPIPE death. The
     * reader is gone before the first write ({@code head -n 0} reads nothing): {@code head -1} may still be there
     * when the dump's last write goes into the pipe's buffer, and then no write fails and the exit is 0, rightly.
     */
    @Test
    void aDumpPipedIntoHeadEndsQuietly() throws Exception {
        Process process = new ProcessBuilder("bash", "-c", "java -jar '" + Tmux.jar()
                + "' dump --simulate --timeout 100ms | head -n 0; echo \"status ${PIPESTATUS[0]}\"").start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("status 141", out.strip(), "128 + SIGPIPE, as a shell reports it: " + err);
        assertTrue(!err.contains("cannot write"), err);
    }

    @Test
    void signalStormLeavesTheAppAliveAndTheTargetStillReturns() throws Exception {
        try (Tmux tmux = Tmux.start(80, 24, app(""))) {
            tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            tmux.keys("s");
            tmux.await(s -> s.contains("I LOVE WAKING UP ON A NEW STACK!"), STALL, "the message");
            int pid = (int) tmux.panePid();
            for (int i = 0; i < 10_000; i++) {
                assertEquals(0, CLib.C.kill(pid, SIGWINCH), "process-directed SIGWINCH " + i);
            }
            List<Integer> threads = threads(pid);
            for (int tid : threads) {
                for (int signal : new int[] {SIGWINCH, SIGPIPE, SIGCHLD}) {
                    CLib.C.tgkill(pid, tid, signal); // a thread may have ended meanwhile: ESRCH is fine
                }
            }
            System.out.printf("storm: 10000 SIGWINCH to the process, 3 signals to each of %d threads%n", threads.size());
            assertTrue(ProcessHandle.of(pid).isPresent(), "the app survived the storm");
            String one = tmux.await(s -> s.contains("RUNNING"), STALL, "the target still running");
            Thread.sleep(300);
            assertFalse(one.equals(tmux.capture()), "the heartbeat still moves");
            tmux.keys("k");
            tmux.await(s -> s.contains("watchdog: kill requested") && s.contains(" • ran "), STALL,
                    "the target returned when killed");
            tmux.keys("q");
            awaitGone(pid);
        }
    }

    @ParameterizedTest(name = "mode [{0}]")
    @ValueSource(strings = {"", "--isolate"})
    void closingTheTerminalStopsTheTargetAndLeavesNothingRunning(String mode) throws Exception {
        long pid;
        List<ProcessHandle> family;
        try (Tmux tmux = Tmux.start(80, 24, app(mode))) {
            tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            tmux.keys("s");
            tmux.await(s -> s.contains("I LOVE WAKING UP ON A NEW STACK!"), STALL, "the message");
            pid = tmux.panePid();
            family = ProcessHandle.of(pid).orElseThrow().descendants().toList();
            assertEquals(mode.isEmpty() ? 0 : 1, family.size(), family.toString());
        } // kills the tmux server: the pane's terminal hangs up (SIGHUP)
        awaitGone(pid);
        for (ProcessHandle child : family) {
            awaitGone(child.pid());
        }
    }

    @ParameterizedTest(name = "mode [{0}]")
    @ValueSource(strings = {"", "--isolate"})
    void aTerminalThatReadsEofOrFailsOnWriteEndsTheApp(String mode, @TempDir Path dir) throws Exception {
        // SIGHUP ignored, so that only the read (EOF/EIO) and the write (EIO) tell the app
        Path log = dir.resolve("exit");
        String command = "trap '' HUP; env LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " " + mode + "; echo $? > " + log;
        long pid;
        List<ProcessHandle> family;
        try (Tmux tmux = Tmux.start(80, 24, command)) {
            tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            tmux.keys("s");
            tmux.await(s -> s.contains("I LOVE WAKING UP ON A NEW STACK!"), STALL, "the message");
            ProcessHandle shell = ProcessHandle.of(tmux.panePid()).orElseThrow();
            ProcessHandle java = shell.children().findFirst().orElseThrow();
            pid = java.pid();
            family = java.descendants().toList();
        }
        awaitGone(pid);
        for (ProcessHandle child : family) {
            awaitGone(child.pid());
        }
    }

    @ParameterizedTest(name = "signal {0}")
    @ValueSource(ints = {SIGTERM, SIGHUP})
    void signalsLeaveTheTerminalAsItWas(int signal, @TempDir Path dir) throws Exception {
        assertRestored(dir, "", tmux -> {
            tmux.keys("s");
            tmux.await(s -> s.contains("I LOVE WAKING UP"), STALL, "the message");
            long java = ProcessHandle.of(tmux.panePid()).orElseThrow().children().findFirst().orElseThrow().pid();
            CLib.C.kill((int) java, signal);
        }, 128 + signal);
    }

    @Test
    void anInternalErrorLeavesTheTerminalAsItWas(@TempDir Path dir) throws Exception {
        String out = assertRestored(dir, "STACKVIZ_TEST_FAULT=frame:3", tmux -> tmux.keys("n", "n"), 1);
        String unwrapped = out.replace("\n", "");
        assertTrue(unwrapped.contains("stackviz: internal error: java.lang.IllegalStateException: fault injected at "
                + "frame 3 (STACKVIZ_TEST_FAULT) (STACKVIZ_DEBUG=1 shows the stack trace)STACKVIZ-EXIT=1"), out);
    }

    @Test
    void aNonUtf8LocaleGetsAsciiDrawing() throws Exception {
        try (Tmux tmux = Tmux.start(80, 24, "exec env LC_ALL=C LANG=C java -jar " + Tmux.jar())) {
            String screen = tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            assertTrue(screen.contains("< base"), screen);
            assertTrue(screen.contains("n step  p back  s switch"), screen);
            assertTrue(screen.chars().allMatch(c -> c < 128), screen);
            tmux.keys("q");
        }
    }

    @Test
    void aDumbTerminalOrNoTerminalIsToldToUseDump() throws Exception {
        ProcessBuilder noTty = new ProcessBuilder("java", "-jar", Tmux.jar()).redirectInput(ProcessBuilder.Redirect.PIPE);
        assertOneLine(noTty, "stackviz: the full-screen view needs a terminal, and stdin/stdout are not one; "
                + "'stackviz dump' prints the same stack as text");
        ProcessBuilder dumb = new ProcessBuilder("script", "-qec", "java -jar " + Tmux.jar(), "/dev/null");
        dumb.environment().put("TERM", "dumb");
        assertOneLine(dumb, "stackviz: the full-screen view needs a terminal that understands escape codes, and "
                + "TERM is 'dumb'; 'stackviz dump' prints the same stack as text");
    }

    @Test
    void withoutTheNativeSwitchTheSimulatedMachineRunsAndSaysWhy() throws Exception {
        Process dump = new ProcessBuilder("java", "-Dos.arch=riscv64", "-jar", Tmux.jar(), "dump", "--timeout", "200ms")
                .start();
        String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(dump.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(dump.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, dump.exitValue(), err);
        assertEquals("stackviz: SIMULATED machine: the native switch needs Linux on x86-64 or AArch64, this is Linux on riscv64",
                err.lines().findFirst().orElseThrow());
        assertTrue(out.endsWith("I LOVE WAKING UP ON A NEW STACK!\n"), out);
        Process fibers = new ProcessBuilder("java", "-Dos.arch=riscv64", "-jar", Tmux.jar(), "dump", "--fibers", "2")
                .start();
        String fibersOut = new String(fibers.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String fibersErr = new String(fibers.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(fibers.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, fibers.exitValue(), fibersErr);
        assertTrue(fibersErr.startsWith("stackviz: SIMULATED machine: the native switch needs Linux on x86-64 or AArch64"),
                fibersErr);
        assertTrue(fibersOut.endsWith("every fiber done [SIMULATED]\n"), fibersOut);
        try (Tmux tmux = Tmux.start(80, 24, "exec env LC_ALL=C.UTF-8 java -Dos.arch=riscv64 -jar " + Tmux.jar())) {
            String screen = tmux.await(s -> s.contains("q quit") && s.contains("SIMULATED machine: the native"),
                    STALL, "the simulated view and its reason");
            assertTrue(screen.startsWith("stackviz • SIMULATED"), screen);
            tmux.keys("e");
            tmux.await(s -> s.contains("experiments need the native switch"), STALL, "a hint, not a crash");
            tmux.keys("q");
        }
    }

    /**
     * JNA unpacks its stub into jna.tmpdir; where that cannot be written (a noexec or full /tmp, here a
     * path under a regular file) nothing native loads. The view runs the simulated machine and says why,
     * as dump does.
     */
    @Test
    void aNativeLibraryThatCannotLoadGivesTheSimulatedViewAndOneLineWhy(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        String command = "env LC_ALL=C.UTF-8 java -Djna.tmpdir=" + notADirectory + " -jar " + Tmux.jar()
                + "; echo STACKVIZ-EXIT=$?; sleep 60";
        try (Tmux tmux = Tmux.start(80, 24, command)) {
            String screen = tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            assertTrue(screen.startsWith("stackviz • SIMULATED"), screen);
            assertTrue(screen.contains("SIMULATED machine: the native switch library did not load"), screen);
            tmux.keys("s");
            tmux.await(s -> s.contains("I LOVE WAKING UP ON A NEW STACK!"), STALL, "the simulated target");
            tmux.keys("q");
            screen = tmux.await(Tmux.EXITED, STALL, "the shell again");
            assertTrue(screen.contains("STACKVIZ-EXIT=0"), screen);
        }
    }

    /** A FIFO that nothing reads would block the open for ever: one line within a second or two instead. */
    @Test
    void recordingIntoAPipeThatNobodyReadsFailsAtOnceWithOneLine(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("nobody-reads.cast");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        long start = System.nanoTime();
        Process app = new ProcessBuilder("java", "-jar", Tmux.jar(), "--headless", "--keys", "q", "--record",
                fifo.toString(), "--overwrite").redirectErrorStream(true).start();
        String out = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(app.waitFor(10, TimeUnit.SECONDS), "it ends");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, app.exitValue(), out);
        assertEquals(List.of("stackviz: cannot write the recording " + fifo
                + ": it is a pipe (FIFO) or device that nothing reads"), out.lines().toList());
        assertTrue(millis < 5000, millis + " ms");
    }

    /** A user who may not write there is told why (permission denied), as a usage error. */
    @Test
    void recordingWhereTheUserMayNotWriteSaysPermissionDenied() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("user.name").equals("root"),
                "su without a password needs root");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("id", "nobody").start().waitFor() == 0,
                "no user nobody");
        Process app = new ProcessBuilder("su", "-s", "/bin/sh", "nobody", "-c", "java -jar " + Tmux.jar()
                + " --headless --keys q --record /root/x.cast").redirectErrorStream(true).start();
        String out = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(app.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, app.exitValue(), out);
        assertEquals(List.of("stackviz: --record: cannot write /root/x.cast: permission denied (see 'stackviz "
                + "--help')"), out.lines().toList());
    }

    interface Step {
        void run(Tmux tmux) throws Exception;
    }

    /** Runs the app in tmux between two `stty -g`, does {@code step}, and checks the terminal is as it was. */
    private static String assertRestored(Path dir, String env, Step step, int exitCode) throws Exception {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        String command = String.format("stty -g > %s; env LC_ALL=C.UTF-8 %s java -jar %s; echo STACKVIZ-EXIT=$?; "
                + "stty -g > %s; sleep 60", before, env, Tmux.jar(), after);
        try (Tmux tmux = Tmux.start(80, 24, command)) {
            tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            step.run(tmux);
            String screen = tmux.await(s -> s.replace("\n", "").contains("STACKVIZ-EXIT="), STALL, "the shell again");
            assertTrue(screen.contains("STACKVIZ-EXIT=" + exitCode), "on a line of its own: " + screen);
            assertFalse(screen.contains("legend:"), "the alternate screen is left: " + screen);
            assertEquals(Files.readString(before), Tmux.line(after, STALL), "tty mode restored");
            return screen;
        }
    }

    private static void assertOneLine(ProcessBuilder builder, String expected) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), out);
        assertEquals(List.of(expected + " (or use --headless --keys ...)"), out.lines().toList());
    }

    private static List<Integer> threads(int pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.map(p -> Integer.parseInt(p.getFileName().toString())).toList();
        }
    }

    /** Gone, or a zombie left for init to reap once its parent is gone (it burns no CPU). */
    private static void awaitGone(long pid) {
        await("process " + pid + " gone").atMost(STALL).pollInterval(java.time.Duration.ofMillis(10))
                .until(() -> !IsolatedIT.running(pid));
    }
}
