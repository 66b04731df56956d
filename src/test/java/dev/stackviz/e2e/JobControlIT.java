package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Job control at any moment, in a real terminal (tmux) with a job-control shell: Ctrl-Z while the
 * app is still starting, and while a key starts a new child process.
 */
class JobControlIT {

    static final Duration STALL = Duration.ofSeconds(10);

    @BeforeAll
    static void needsTmux() {
        assertTrue(Tmux.available(), "tmux is needed for the end-to-end tests (apt-get install tmux)");
    }

    /**
     * Ctrl-Z a few hundred milliseconds after launch lands while the terminal is being set up or the
     * machine (a native library, a child JVM) is opening. After fg the tty must be raw: a key acts
     * without Enter.
     */
    @ParameterizedTest(name = "Ctrl-Z {1} ms after 'stackviz {0}'")
    @CsvSource({"'', 250", "'', 400", "--isolate, 300", "--isolate, 500", "--isolate, 700", "fibers, 350"})
    void ctrlZWhileStartingLeavesTheTtyRawAfterFg(String args, int delayMillis) throws Exception {
        try (Tmux tmux = TerminalCitizenIT.shell(80, 24)) {
            tmux.keys(TerminalCitizenIT.app(args) + "; echo STACKVIZ-EXIT=$?", "Enter");
            Thread.sleep(delayMillis);
            tmux.keys("C-z");
            tmux.await(s -> s.contains("Stopped"), STALL, "the shell's job report");
            tmux.keys("fg", "Enter");
            tmux.await(s -> s.startsWith("stackviz") && s.contains("q quit"), STALL, "a frame after fg");
            tmux.keys("?"); // no Enter: acts only if the tty is raw
            tmux.await(s -> s.contains("any key closes this help"), STALL, "? acting at once after fg");
            tmux.keys("x");
            tmux.await(s -> !s.contains("any key closes this help"), STALL, "the help closed");
            tmux.keys("q");
            tmux.await(Tmux.EXITED, STALL, "the shell");
        }
    }

    /**
     * A terminal resized while the app is stopped: the SIGWINCH goes to the foreground job (the
     * shell), not to the app, so fg must read the size again, bigger or smaller.
     */
    @ParameterizedTest(name = "stopped at 80x24 and 100x30, {0}")
    @CsvSource({"'', 100, 30", "fibers, 100, 30", "'', 80, 24"})
    void aResizeWhileStoppedIsSeenAfterFg(String args, int columns, int rows) throws Exception {
        boolean grow = columns > 80;
        try (Tmux tmux = TerminalCitizenIT.shell(grow ? 80 : 100, grow ? 24 : 30)) {
            tmux.keys(TerminalCitizenIT.app(args) + "; echo STACKVIZ-EXIT=$?", "Enter");
            tmux.await(s -> s.contains("q quit"), STALL, "the first frame");
            tmux.keys("C-z");
            tmux.await(s -> s.contains("Stopped"), STALL, "the shell's job report");
            tmux.resize(columns, rows);
            Thread.sleep(300);
            tmux.keys("fg", "Enter");
            String back = tmux.await(s -> s.startsWith("stackviz") && s.contains("q quit"), STALL, "a frame after fg");
            java.util.List<String> lines = back.lines().toList();
            assertTrue(lines.size() == rows && lines.get(rows - 1).contains("q quit"),
                    "the key bar on the last of " + rows + " rows:\n" + back);
            tmux.keys("q");
            tmux.await(Tmux.EXITED, STALL, "the shell");
        }
    }

    /**
     * e starts a new child JVM. The terminal's SIGTSTP goes to the whole foreground process group:
     * a child in the app's group is stopped half-started, and the app waited for it in vain.
     */
    @Test
    void ctrlZWhileEStartsAChildLosesNeitherTheChildNorAKey() throws Exception {
        try (Tmux tmux = TerminalCitizenIT.shell(80, 24)) {
            tmux.keys(TerminalCitizenIT.app("") + "; echo STACKVIZ-EXIT=$?", "Enter");
            tmux.await(s -> s.contains("q quit") && s.contains("native"), STALL, "the first frame");
            tmux.keys("e", "C-z"); // in-process, e opens the first experiment in a child
            tmux.await(s -> s.contains("Stopped"), STALL, "the shell's job report");
            Thread.sleep(1500);
            tmux.keys("fg", "Enter");
            String back = tmux.await(s -> s.startsWith("stackviz • child") && s.contains("misaligned")
                    && s.contains("q quit"), Duration.ofSeconds(5), "the new child's first frame after fg");
            assertFalse(back.contains("SIMULATED"), back);
            tmux.keys("n");
            tmux.await(s -> s.contains("step 2/6 top"), STALL, "a key acting after fg");
            tmux.keys("q");
            tmux.await(Tmux.EXITED, STALL, "the shell");
        }
    }
}
