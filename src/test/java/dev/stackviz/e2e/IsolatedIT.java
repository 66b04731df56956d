package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** --isolate with the real jar: the child is shown, killed, and never outlives the app. */
class IsolatedIT {

    static final Duration STALL = Duration.ofSeconds(15);

    @Test
    void isolatedViewShowsTheMessageALiveGridAndKillEndsTheChild() throws Exception {
        try (Tmux tmux = Tmux.start(80, 24, "LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " --isolate; sleep 60")) {
            String screen = tmux.await(s -> s.contains("child ") && s.contains("q quit"), STALL, "the first frame");
            long child = Long.parseLong(screen.replaceAll("(?s)^stackviz • child (\\d+) .*", "$1"));
            assertTrue(ProcessHandle.of(child).isPresent(), "the child runs");
            tmux.keys("s");
            tmux.await(s -> s.contains("I LOVE WAKING UP ON A NEW STACK!") && s.contains("/proc/mem"), STALL,
                    "the message and live memory");
            String one = tmux.capture();
            Thread.sleep(300);
            assertNotEquals(one, tmux.capture(), "the child's heartbeat moves on screen");
            tmux.keys("k");
            tmux.await(s -> s.contains("child was killed by SIGTERM (signal 15)"), STALL, "the child's fate");
            assertTrue(ProcessHandle.of(child).isEmpty(), "no child after k");
            tmux.keys("q");
        }
    }

    @Test
    void killingTheAppWithSigkillTakesTheChildWithIt() throws Exception {
        Process app = new ProcessBuilder("java", "-jar", Tmux.jar(), "dump", "--isolate", "--timeout", "60s")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("I LOVE")) {
                // the 48 seed lines
            }
            assertEquals("I LOVE WAKING UP ON A NEW STACK!", line);
            List<ProcessHandle> children = app.descendants().toList();
            assertEquals(1, children.size(), children.toString());
            ProcessHandle child = children.get(0);
            long killed = System.nanoTime();
            app.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            while (running(child.pid()) && System.nanoTime() - killed < 5_000_000_000L) {
                Thread.sleep(1);
            }
            long millis = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("e2e: child dead %d ms after SIGKILL of the app%n", millis);
            assertTrue(!running(child.pid()) && millis < 1000, "child dead within 1 s: " + millis + " ms");
        } finally {
            app.destroyForcibly();
        }
    }

    @Test
    void everyExperimentEndsAsExplained() throws Exception {
        assertFate("misaligned", "the child was killed by SIGSEGV (signal 11)", "nobody asked the target to stop");
        assertFate("overflow", "the child was killed by SIGTERM (signal 15)", "deadline");
        assertFate("seed-hello", "the child was killed by SIGTERM (signal 15)", "deadline");
    }

    /**
     * Running, as opposed to gone or a zombie. An orphan's zombie is init's to reap, after the app
     * is dead; this machine's init reaps about once a second, a usual init at once.
     */
    static boolean running(long pid) throws java.io.IOException {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
        try {
            String text = java.nio.file.Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return java.nio.file.Files.exists(stat); // ESRCH: it went while we read
        }
    }

    private static void assertFate(String experiment, String fate, String cause) throws Exception {
        Process dump = new ProcessBuilder("java", "-jar", Tmux.jar(), "dump", "--experiment", experiment,
                "--timeout", "1s").start();
        String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(dump.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(dump.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, dump.exitValue(), err);
        assertTrue(out.endsWith("I LOVE WAKING UP ON A NEW STACK!\n"), out);
        assertTrue(err.contains(fate), experiment + ": " + err);
        assertTrue(err.contains("watchdog: " + cause), experiment + ": " + err);
        assertTrue(err.contains("experiment " + experiment + ": "), err);
        assertTrue(dump.descendants().findAny().isEmpty());
    }
}
