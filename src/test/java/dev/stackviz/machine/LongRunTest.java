package dev.stackviz.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** 1,000 switch/kill cycles in one process leave threads, fds and memory where they were. */
class LongRunTest {

    @Test
    void thousandCyclesLeaveNothingBehind() throws Exception {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A fixed heap, touched up front: RSS growth then shows native memory, not the heap filling
                // up. C1 only: C2's compile arenas (malloc'd, ~10 MiB, not always given back) showed up as
                // jumps of 10-15 MiB in some runs. A fixed number of compiler threads, so that the JVM's
                // own threads do not come and go during the count.
                "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UseDynamicNumberOfCompilerThreads",
                "-cp", System.getProperty("java.class.path"),
                LongRun.class.getName(), "1000").redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, run.exitValue(), out);
        System.out.println("long run: " + out.strip().replace('\n', ' '));
        Matcher m = Pattern.compile("cycles=(\\d+) returned=(\\d+) threads=(\\d+)/(\\d+) fds=(\\d+)/(\\d+) "
                + "rss_kib=(\\d+)/(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(m.group(1), m.group(2), "every kill returned");
        assertEquals(m.group(3), m.group(4), "threads back to their baseline");
        assertEquals(m.group(5), m.group(6), "file descriptors back to their baseline");
        long growth = Long.parseLong(m.group(8)) - Long.parseLong(m.group(7));
        assertTrue(growth < 8 * 1024, "RSS grew by " + growth + " KiB");
    }
}
