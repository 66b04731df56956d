package dev.stackviz.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.record.Cast;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Casts made by the real jar, headless and in a real terminal, played back by real asciinema. */
class RecordingIT {

    static final String TOUR = "n n n n 200ms s 1500ms k 500ms q";

    @Test
    void headlessRunRecordsACastThatAsciinemaPlays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("headless.cast");
        Process process = new ProcessBuilder("java", "-jar", Tmux.jar(), "--headless", "--size", "80x24",
                "--keys", TOUR, "--record", file.toString(), "--record-input")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertEquals("", out, "headless prints nothing on success");
        check(Cast.read(file), 80, 24);
        String played = Cast.asciinemaCat(file);
        assertTrue(played.contains("LOVE"), played);
    }

    @Test
    void recordingInTmuxPlaysTheSameWay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tmux.cast");
        String command = "LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " --record " + file + " --keys '" + TOUR
                + "'; echo STACKVIZ-EXIT=$?; sleep 60";
        try (Tmux tmux = Tmux.start(90, 28, command)) {
            String screen = tmux.await(Tmux.EXITED, Duration.ofSeconds(30), "the autopilot's q");
            assertTrue(screen.contains("STACKVIZ-EXIT=0"), screen);
        }
        Cast cast = Cast.read(file);
        check(cast, 90, 28);
        assertTrue(cast.header().getAsJsonObject("env").get("TERM").getAsString().matches("screen.*|tmux.*"),
                cast.header().toString());
        assertTrue(Cast.asciinemaCat(file).contains("LOVE"));
    }

    @Test
    void aCastCutShortStillPlays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.cast");
        Process process = new ProcessBuilder("java", "-jar", Tmux.jar(), "--headless", "--keys", "n n n n s 60s q",
                "--record", file.toString()).redirectErrorStream(true).start();
        await("the switch recorded in " + file).atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> Files.exists(file) && Files.readString(file).contains("step 6/6 switch"));
        Thread.sleep(300);
        process.destroyForcibly().waitFor();
        Cast cast = Cast.read(file);
        assertTrue(cast.markers().contains("step 6/6 switch"));
        Cast.asciinemaCat(file);
    }

    /**
     * --record-input records what the terminal sent, one event a key: keys that have no action,
     * several keys in one write of tmux's (so in one read), and a character outside the BMP.
     */
    @Test
    void recordInputRecordsEachKeyAsTheBytesTheTerminalSent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.cast");
        String command = "LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " --record " + file
                + " --record-input; echo STACKVIZ-EXIT=$?; sleep 60";
        try (Tmux tmux = Tmux.start(90, 28, command)) {
            tmux.await(s -> s.contains("q quit"), Duration.ofSeconds(30), "the view");
            tmux.keys("F1", "PPage", "Home", "DC", "C-a", "M-x", "F5", "C-Left");
            // the emoji as its UTF-8 bytes (-H): as an argument, Java would encode it in the test's locale, and
            // with none set (CI) it reached tmux as '?', which opened the help, and q then closed it
            tmux.keys("-H", "f0", "9f", "98", "80");
            tmux.keys("q");
            String screen = tmux.await(Tmux.EXITED, Duration.ofSeconds(30), "the exit after q");
            assertTrue(screen.contains("STACKVIZ-EXIT=0"), screen);
        }
        List<String> typed = Cast.read(file).events().stream().filter(e -> e.code().equals("i"))
                .map(Cast.Event::data).toList();
        assertEquals(List.of("\u001bOP", "\u001b[5~", "\u001b[1~", "\u001b[3~", "\u0001", "\u001bx", "\u001b[15~",
                "\u001b[1;5D", "\uD83D\uDE00", "q"), typed);
        Cast.asciinemaCat(file);
    }

    /**
     * A recording that cannot be finished: the shell's file-size limit (ulimit -f, in KiB) fails the
     * cast's writes with EFBIG half-way through a line, as a full disk fails them with ENOSPC.
     */
    @Test
    void aRecordingThatCannotBeFinishedSaysSoOnScreenEndsAtAWholeEventAndFails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("full.cast");
        String command = "ulimit -f 16; LC_ALL=C.UTF-8 java -XX:-UsePerfData -jar " + Tmux.jar() + " --record " + file
                + " --keys 'n n n n s'; echo STACKVIZ-EXIT=$?; sleep 60";
        try (Tmux tmux = Tmux.start(160, 30, command)) { // wide enough for the last line not to wrap
            tmux.await(s -> s.contains("recording stopped"), Duration.ofSeconds(30), "the recording's failure on screen");
            tmux.keys("q");
            String screen = tmux.await(Tmux.EXITED, Duration.ofSeconds(30), "the exit after q");
            assertTrue(screen.contains("STACKVIZ-EXIT=1"), screen);
            assertTrue(screen.contains("stackviz: the recording " + file + " stopped early (File too large)"), screen);
        }
        assertTrue(Files.size(file) <= 16 * 1024, "the limit was the one in force: " + Files.size(file));
        assertTrue(Files.readString(file).endsWith("]\n"), "the last line is a whole event");
        Cast.read(file); // every line parses
        Cast.asciinemaCat(file);
    }

    private static void check(Cast cast, int width, int height) {
        cast.assertWellFormed();
        cast.assertEveryStepMarked();
        assertEquals(width, cast.header().get("width").getAsInt());
        assertEquals(height, cast.header().get("height").getAsInt());
        assertTrue(cast.shows("target output: I LOVE WAKING UP ON A NEW STACK!"), "the message is on screen");
        assertTrue(cast.shows("watchdog: kill requested"), "the kill is on screen");
        assertTrue(cast.markers().contains("kill"));
    }
}
