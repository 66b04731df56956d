package dev.stackviz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.isolated.ChildMain;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** dump --trace against a real child: what it says of the time the target ran, and of a child killed mid-walk. */
class DumpTraceTest {

    private static final Pattern RAN = Pattern.compile("it ran ([\\d.]+) (ms|s)\\b");

    @BeforeAll
    static void onlyWhereTheNativeSwitchRuns() {
        CliTest.assumeNativeSwitch();
    }

    @Test
    void theRunTimeLeavesOutTheTimeSpentStepping() {
        long start = System.nanoTime();
        CliTest.Result result = CliTest.run("dump", "--trace=20000", "--timeout", "500ms");
        long took = System.nanoTime() - start;
        assertEquals(0, result.code(), result.err());
        assertTrue(took > 1_500_000_000L, "the walk takes a while: " + took / 1_000_000 + " ms in all");
        Matcher ran = RAN.matcher(result.err());
        assertTrue(ran.find(), result.err());
        double seconds = Double.parseDouble(ran.group(1)) / (ran.group(2).equals("ms") ? 1000 : 1);
        assertTrue(seconds >= 0.5 && seconds < 1.0, "it ran " + ran.group(1) + " " + ran.group(2)
                + ": the deadline of 500 ms counts the time the target ran, not the walk");
    }

    @Test
    void aChildKilledMidWalkIsToldInOneLine() throws Exception {
        Thread killer = new Thread(DumpTraceTest::killTheChildOnceItWalks);
        killer.start();
        CliTest.Result result = CliTest.run("dump", "--trace=100000");
        killer.join();
        assertFalse(result.err().contains("internal error"), result.err());
        List<String> said = result.errLines().stream()
                .filter(l -> l.startsWith("the child was killed by SIGKILL (signal 9) from outside")).toList();
        assertEquals(1, said.size(), result.err());
        assertTrue(said.get(0).matches(".* from outside [\\d.]+ m?s after the jump, after instruction \\d+"),
                said.get(0));
    }

    /** SIGKILL, from outside, to this JVM's isolated child, a second after it has started walking. */
    private static void killTheChildOnceItWalks() {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            List<ProcessHandle> children = ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains(ChildMain.class.getName())).toList();
            if (!children.isEmpty()) {
                sleep(2500);
                children.forEach(ProcessHandle::destroyForcibly);
                return;
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
