package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A good citizen of every terminal, in a real one (tmux): Ctrl-Z and fg, no controlling tty, any key
 * closes the help, nothing cut at 80x24 or 200x60, keys that do nothing below the minimum size, a
 * fresh line after quitting where there is no alternate screen, Ctrl-L after junk, and the tty mode
 * back after a terminating signal.
 */
class TerminalCitizenIT {

    static final Duration STALL = Duration.ofSeconds(10);
    static final Pattern RUNNING = Pattern.compile("RUNNING (\\d+\\.\\d) s");

    @BeforeAll
    static void needsTmux() {
        assertTrue(Tmux.available(), "tmux is needed for the end-to-end tests (apt-get install tmux)");
    }

    /** An interactive shell in the pane, with job control, and a prompt the tests can find. */
    static Tmux shell(int columns, int rows) throws Exception {
        Tmux tmux = Tmux.start(columns, rows, "env PS1='$ ' bash --norc --noprofile -i");
        tmux.await(s -> s.contains("$"), STALL, "the shell");
        return tmux;
    }

    static String app(String args) {
        return "LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " " + args;
    }

    @Test
    void ctrlZStopsWithTheTerminalAsTheShellHadItAndFgComesBackWithAWholeFrame(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before");
        Path during = dir.resolve("during");
        try (Tmux tmux = shell(80, 24)) {
            tmux.keys("stty -g > " + before + "; " + app("--timeout 30s"), "Enter");
            tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            tmux.keys("s");
            double ranBefore = running(tmux.await(s -> s.contains("I LOVE WAKING UP ON A NEW STACK!")
                    && RUNNING.matcher(s).find(), STALL, "the target running"));
            tmux.keys("C-z");
            String stopped = tmux.await(s -> s.contains("Stopped"), STALL, "the shell's job report");
            assertFalse(stopped.contains("legend:"), "the alternate screen is left: " + stopped);
            tmux.keys("stty -g > " + during, "Enter");
            assertEquals(Files.readString(before), Tmux.line(during, STALL), "the shell's tty mode while stopped");
            Thread.sleep(2000); // a pause that the watchdog's clock must not count
            tmux.keys("fg", "Enter");
            String back = tmux.await(s -> s.startsWith("stackviz • native") && s.contains("q quit")
                    && RUNNING.matcher(s).find(), STALL, "a complete frame after fg");
            assertFalse(back.contains("Stopped") || back.contains("$ fg"), "nothing stale: " + back);
            double ran = running(back) - ranBefore; // on a slow machine the time around the stop may be long
            assertTrue(ran < 2.0, "the 2 s stopped are not counted as running: " + ran + " s more\n" + back);
            tmux.keys("k"); // no Enter: the tty is raw again
            tmux.await(s -> s.contains("watchdog: kill requested"), STALL, "k acting at once");
            tmux.keys("q");
        }
    }

    @Test
    void sigtstpFromOutsideSuspendsAndPausesAChildTargetToo() throws Exception {
        try (Tmux tmux = shell(80, 24)) {
            tmux.keys(app("--isolate --timeout 30s"), "Enter");
            tmux.await(s -> s.contains("q quit") && s.contains("child "), STALL, "the first frame");
            tmux.keys("s");
            String running = tmux.await(s -> s.contains("I LOVE WAKING UP") && RUNNING.matcher(s).find(), STALL,
                    "the child running");
            long child = Long.parseLong(running.replaceAll("(?s)^stackviz • child (\\d+) .*", "$1"));
            long app = ProcessHandle.of(child).orElseThrow().parent().orElseThrow().pid();
            new ProcessBuilder("kill", "-TSTP", Long.toString(app)).start().waitFor();
            tmux.await(s -> s.contains("Stopped"), STALL, "the shell's job report");
            assertEquals('T', state(child), "the child is paused with the app");
            tmux.keys("fg", "Enter");
            tmux.await(s -> s.startsWith("stackviz • child") && RUNNING.matcher(s).find(), STALL, "back after fg");
            Thread.sleep(200);
            assertTrue(state(child) != 'T', "and goes on with it");
            tmux.keys("q");
            tmux.await(s -> s.contains("$"), STALL, "the shell");
        }
    }

    @Test
    void withoutAControllingTerminalStdinAndStdoutServe() throws Exception {
        try (Tmux tmux = shell(80, 24)) {
            tmux.keys("setsid -w env " + app("") + "; echo STACKVIZ-EXIT=$?", "Enter");
            tmux.await(s -> s.contains("step 1/6 allocate") && s.contains("q quit"), STALL, "the first frame");
            tmux.keys("n");
            tmux.await(s -> s.contains("step 2/6 top"), STALL, "a key");
            tmux.keys("q");
            String screen = tmux.await(Tmux.EXITED, STALL, "the shell");
            assertTrue(screen.contains("STACKVIZ-EXIT=0"), screen);
        }
    }

    @Test
    void anyKeyClosesTheHelpAndQClosesItWithoutQuitting() throws Exception {
        try (Tmux tmux = Tmux.start(80, 24, "exec env " + app(""))) {
            tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            for (String key : List.of("Enter", "Escape", "Tab", "Up", "x", "q")) {
                tmux.keys("?");
                tmux.await(s -> s.contains("any key closes this help"), STALL, "the help");
                tmux.keys(key);
                String screen = tmux.await(s -> !s.contains("any key closes this help"), STALL, key + " closing it");
                assertTrue(screen.contains("step 1/6 allocate"), key + " did nothing else: " + screen);
            }
            tmux.keys("q");
        }
    }

    @Test
    void nothingIsCutAt80x24OrAt200x60() throws Exception {
        for (int[] size : new int[][] {{80, 24}, {200, 60}}) {
            try (Tmux tmux = Tmux.start(size[0], size[1], "exec env " + app("--timeout 2s"))) {
                tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
                tmux.keys("?");
                String help = tmux.await(s -> s.contains("any key closes this help"), STALL, "the help");
                assertFalse(help.contains("..."), size[0] + "x" + size[1] + ": " + help);
                assertTrue(help.contains("suspend; fg resumes (a running target pauses too)"), help);
                tmux.keys("x"); // not Esc: Esc then s arrive together and read as Alt-s
                tmux.await(s -> !s.contains("any key closes this help"), STALL, "the help closed");
                tmux.keys("s");
                String ended = tmux.await(s -> s.contains("back in "), STALL, "the deadline's report");
                Matcher back = Pattern.compile("back in \\d+(\\.\\d)? (ns|us|ms)").matcher(ended);
                assertTrue(back.find(), "the figure is on screen: " + ended);
                tmux.keys("q");
            }
        }
    }

    @Test
    void belowTheMinimumOnlyQuitHelpAndRedrawAct() throws Exception {
        try (Tmux tmux = Tmux.start(60, 20, "exec env " + app(""))) {
            tmux.await(s -> s.contains("Enlarge it, or q quits."), STALL, "the notice");
            tmux.keys("s", "n", "n", "?"); // keys are read in order: once the help is up, s n n have been read
            tmux.await(s -> s.contains("any key closes this help"), STALL, "the help, after s n n");
            tmux.keys("x");
            tmux.await(s -> s.contains("Enlarge it, or q quits."), STALL, "the notice again");
            tmux.resize(80, 24);
            // a resize repaints the whole frame, row by row: the key bar, its last row, comes last
            String screen = tmux.await(s -> s.contains("legend:") && s.stripTrailing().endsWith("q quit"), STALL,
                    "the view at 80x24");
            assertTrue(screen.contains("step 1/6 allocate") && screen.contains("watchdog: idle"),
                    "nothing acted unseen: " + screen);
            tmux.resize(20, 5);
            String notice = tmux.await(s -> s.contains("q quits."), STALL, "the notice at 20x5");
            assertTrue(notice.replaceAll("\\s+", " ").contains("stackviz needs a terminal of at least 80x24; this one "
                    + "is 20x5. Enlarge it, or q quits."), notice);
            tmux.keys("q");
        }
    }

    @Test
    void withoutAnAlternateScreenTheShellGoesOnBelowTheLastFrame() throws Exception {
        try (Tmux tmux = shell(80, 24)) {
            tmux.windowOption("alternate-screen", "off");
            tmux.keys("clear; " + app("") + "; echo STACKVIZ-EXIT=$?", "Enter");
            tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            tmux.keys("q");
            String screen = tmux.await(Tmux.EXITED, STALL, "the shell");
            List<String> lines = screen.lines().toList();
            int exit = lines.indexOf("STACKVIZ-EXIT=0");
            assertTrue(exit > 0, "on a line of its own: " + screen);
            assertTrue(lines.get(exit - 1).endsWith("q quit"), "right below the key bar: " + screen);
        }
    }

    @Test
    void ctrlLRedrawsAfterJunkAndATerminatingSignalRestoresTheTerminal(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        String command = String.format("stty -g > %s; %s; echo STACKVIZ-EXIT=$?; stty -g > %s; sleep 60", before,
                app(""), after);
        try (Tmux tmux = Tmux.start(80, 24, command)) {
            String clean = tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            tmux.writeToTerminal("\r\nJUNK JUNK JUNK JUNK\r\n\u001b[5;5HMORE JUNK");
            tmux.await(s -> s.contains("JUNK"), STALL, "the junk on screen");
            tmux.keys("C-l");
            // Ctrl-L clears, then paints row by row: the key bar, the last row, is painted last
            String lastRow = clean.stripTrailing().lines().reduce((a, b) -> b).orElseThrow();
            String redrawn = tmux.await(s -> !s.contains("JUNK") && s.stripTrailing().endsWith(lastRow), STALL,
                    "Ctrl-L's complete frame");
            assertEquals(clean, redrawn);
            // the pane's shell runs the app: its java child, not any other process of this jar (a child JVM, say)
            long app = ProcessHandle.of(tmux.panePid()).orElseThrow().children()
                    .filter(p -> p.info().command().orElse("").endsWith("java")).findFirst().orElseThrow().pid();
            new ProcessBuilder("kill", "-USR1", Long.toString(app)).start().waitFor();
            String screen = tmux.await(Tmux.EXITED, STALL, "the shell");
            assertTrue(screen.contains("STACKVIZ-EXIT=138"), "128 + SIGUSR1: " + screen);
            assertFalse(screen.contains("legend:"), "the main screen is back: " + screen);
            assertEquals(Files.readString(before), Tmux.line(after, STALL), "tty mode restored");
        }
    }

    static double running(String screen) {
        Matcher m = RUNNING.matcher(screen);
        assertTrue(m.find(), screen);
        return Double.parseDouble(m.group(1));
    }

    /** The process state letter from /proc/PID/stat (R, S, T, Z, ...). */
    static char state(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
