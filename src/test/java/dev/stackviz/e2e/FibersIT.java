package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `stackviz fibers` in the real jar, in tmux: green threads stepped switch by switch, run, stopped. */
class FibersIT {

    static final Duration STALL = Duration.ofSeconds(10);
    static final Pattern HEADER = Pattern.compile("fiber (\\d): 16 bytes at (0x[0-9a-f]+)");

    @BeforeAll
    static void needsTmux() {
        assertTrue(Tmux.available(), "tmux is needed for the end-to-end tests (apt-get install tmux)");
    }

    static Tmux app(int columns, int rows, String args) throws Exception {
        Tmux tmux = Tmux.start(columns, rows, "LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " fibers " + args
                + "; echo \"STACKVIZ-EXIT=$?\"; sleep 60");
        tmux.await(s -> s.contains("q quit") && s.contains("not started"), STALL, "the first frame");
        return tmux;
    }

    static void quit(Tmux tmux) throws Exception {
        tmux.keys("q");
        String screen = tmux.await(Tmux.EXITED, STALL, "the shell after q");
        assertTrue(screen.contains("STACKVIZ-EXIT=0"), screen);
    }

    @Test
    void steppedSwitchBySwitchUntilEveryFiberIsDoneAndTheSchedulerReturns() throws Exception {
        try (Tmux tmux = app(80, 24, "--rounds 2")) {
            String first = tmux.capture();
            assertTrue(first.contains("native • 3 fibers of 16 B"), first);
            assertTrue(first.contains("◀ entry, base"), first);
            tmux.keys("n");
            // fiber 1's first line is below the sentence: once it is drawn, the sentence above it is whole
            String one = tmux.await(s -> s.contains("switch 1: thread -> fiber 1") && s.contains("output: fiber 1: 1"),
                    STALL, "switch 1 and fiber 1's line");
            assertTrue(flat(one).contains("saved the thread's own context"), one);
            tmux.keys("n");
            tmux.await(s -> s.contains("switch 2: fiber 1 -> fiber 2") && s.contains("fiber 2: 1"), STALL, "switch 2");
            tmux.keys("n");
            String three = tmux.await(s -> s.contains("switch 3: fiber 2 -> fiber 3"), STALL, "switch 3");
            assertEquals("3", header(three), "at 80 columns the fiber switched to is shown");
            tmux.keys("Tab");
            String tab = tmux.await(s -> header(s).equals("1"), STALL, "Tab: fiber 1");
            assertTrue(tab.contains("saved rsp aligned-16"), tab);
            tmux.keys("s");
            String done = tmux.await(s -> s.contains("returned after 13 switches"), STALL, "the scheduler's return");
            assertTrue(done.contains("fibers: 1 done 2/2 • 2 done 3/3 • 3 done 4/4"), done);
            tmux.keys("r");
            tmux.await(s -> s.contains("not started") && s.contains("fresh fibers"), STALL, "r: fresh fibers");
            quit(tmux);
        }
    }

    @Test
    void fullSpeedUntilKThenTheSchedulerIsBackOnTheThreadsStack() throws Exception {
        try (Tmux tmux = app(80, 24, "")) {
            tmux.keys("s");
            // the status line wraps once the figures grow: its end can be a row below the rate
            tmux.await(s -> s.contains("FULL SPEED") && s.matches("(?s).*[1-9][0-9,]* switches/s.*")
                    && s.contains("k stops them"), STALL, "the rate at full speed, and how to stop it");
            tmux.keys("k");
            // a sentence wraps: it is whole once its last words are drawn
            tmux.await(s -> flat(s).contains("Asked to stop")
                    && flat(s).contains("the scheduler switched back to the thread's own stack"), STALL, "k");
            quit(tmux);
        }
    }

    @Test
    void sideBySideAt160Columns() throws Exception {
        try (Tmux tmux = app(160, 48, "--count 4")) {
            String screen = tmux.capture();
            long rowsWithTwo = screen.lines().filter(l -> HEADER.matcher(l).results().count() == 2).count();
            assertEquals(2, rowsWithTwo, "four fibers, two across, two down:\n" + screen);
            quit(tmux);
        }
    }

    /** The screen with its line breaks and runs of blanks as single spaces: sentences wrap. */
    static String flat(String screen) {
        return screen.replaceAll("\\s+", " ");
    }

    /** The number of the first fiber whose stack is on screen, or "none". */
    static String header(String screen) {
        Matcher m = HEADER.matcher(screen);
        return m.find() ? m.group(1) : "none";
    }
}
