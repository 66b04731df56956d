package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar in a real terminal (tmux): start, step, switch, see the message and the heartbeat,
 * kill, quit, and find the terminal as it was. Times are printed, and bounded only loosely: the
 * figures belong to the benchmarks, the bounds catch a stall.
 */
class TuiEndToEndIT {

    static final Duration STALL = Duration.ofSeconds(8);

    @BeforeAll
    static void needsTmux() {
        assertTrue(Tmux.available(), "tmux is needed for the end-to-end tests (apt-get install tmux)");
    }

    @Test
    void fullTourInTmux(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("stty.before");
        Path after = dir.resolve("stty.after");
        String command = String.format("stty -g > %s; LC_ALL=C.UTF-8 java -jar %s; echo \"STACKVIZ-EXIT=$?\"; "
                + "stty -g > %s; sleep 60", before, Tmux.jar(), after);
        long start = System.nanoTime();
        try (Tmux tmux = Tmux.start(80, 24, command)) {
            tmux.await(s -> s.contains("step 1/6 allocate") && s.contains("q quit"), STALL, "the first frame");
            System.out.printf("e2e: first frame after %d ms%n", (System.nanoTime() - start) / 1_000_000);
            tmux.await(s -> s.contains("◀ base"), STALL, "the base label");

            tmux.keys("n", "Right", "Space", "n");
            tmux.await(s -> s.contains("step 5/6 context") && s.contains("◀ entry (ctx.rsp)"), STALL, "four steps");

            long switched = System.nanoTime();
            tmux.keys("s");
            tmux.await(s -> s.contains("I LOVE WAKING UP ON A NEW STACK!"), STALL, "the target's message");
            System.out.printf("e2e: message %d ms after s%n", (System.nanoTime() - switched) / 1_000_000);
            tmux.await(s -> s.contains("◀ rsp (woke)"), STALL, "rsp as the target saw it");

            String one = tmux.capture();
            Thread.sleep(300);
            String two = tmux.capture();
            assertNotEquals(one, two, "the heartbeat moves while the target runs");

            tmux.keys("k");
            tmux.await(s -> s.contains("watchdog: kill requested") && s.contains(" • ran "), STALL, "the kill");
            Thread.sleep(100);
            one = tmux.capture();
            Thread.sleep(300);
            assertEquals(one, tmux.capture(), "nothing moves once the target is back");

            tmux.keys("q");
            String screen = tmux.await(Tmux.EXITED, STALL, "the shell after q");
            assertTrue(screen.contains("STACKVIZ-EXIT=0"), screen);
            assertFalse(screen.contains("legend:"), "the alternate screen is left: " + screen);
            assertEquals(Files.readString(before), Tmux.line(after, STALL), "the tty mode is restored");
        }
    }

    @Test
    void ctrlCQuitsAndRestoresTheTerminalWhileTheTargetRuns(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("stty.before");
        Path after = dir.resolve("stty.after");
        String command = String.format("stty -g > %s; java -jar %s; echo \"STACKVIZ-EXIT=$?\"; stty -g > %s; sleep 60",
                before, Tmux.jar(), after);
        try (Tmux tmux = Tmux.start(100, 30, command)) {
            tmux.await(s -> s.contains("step 1/6 allocate"), STALL, "the first frame");
            tmux.keys("s");
            tmux.await(s -> s.contains("I LOVE WAKING UP"), STALL, "the target's message");
            tmux.keys("C-c");
            String screen = tmux.await(Tmux.EXITED, STALL, "the shell after Ctrl-C");
            assertTrue(screen.contains("STACKVIZ-EXIT=0"), screen);
            assertEquals(Files.readString(before), Tmux.line(after, STALL), "the tty mode is restored");
        }
    }

    @Test
    void resizingBelowTheMinimumSaysWhatIsNeededAndBackRedraws() throws Exception {
        try (Tmux tmux = Tmux.start(80, 24, "java -jar " + Tmux.jar() + "; sleep 60")) {
            tmux.await(s -> s.contains("step 1/6 allocate"), STALL, "the first frame");
            tmux.resize(70, 20);
            tmux.await(s -> s.contains("needs a terminal of at least 80x24"), STALL, "the size message");
            tmux.resize(90, 30);
            tmux.await(s -> s.contains("step 1/6 allocate"), STALL, "the redraw");
            tmux.keys("q");
        }
    }

    @Test
    void aTerminalThatAnswersNoQueriesDoesNotStallStartUp(@TempDir Path dir) throws Exception {
        assumeTrue(new ProcessBuilder("script", "--version").start().waitFor() == 0, "script(1) is not installed");
        Path log = dir.resolve("typescript");
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", "java -jar " + Tmux.jar(), log.toString());
        builder.environment().put("TERM", "xterm-256color");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("script.out").toFile());
        long start = System.nanoTime();
        Process script = builder.start();
        try (OutputStream keys = script.getOutputStream()) {
            long deadline = start + STALL.toNanos();
            while (!Files.exists(log) || !Files.readString(log, StandardCharsets.ISO_8859_1).contains("allocate:")) {
                assertTrue(System.nanoTime() < deadline, "no first frame under script within " + STALL);
                Thread.sleep(10);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("e2e: first frame under script after %d ms%n", millis);
            assertTrue(millis < 5000, "a query left unanswered stalls start-up: " + millis + " ms");
            keys.write('q');
            keys.flush();
            assertTrue(script.waitFor(10, TimeUnit.SECONDS), "q quits under script");
        } finally {
            script.destroyForcibly();
        }
    }
}
