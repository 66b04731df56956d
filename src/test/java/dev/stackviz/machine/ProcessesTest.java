package dev.stackviz.machine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A terminal's Ctrl-Z stops every process of the foreground group: the half-started children are continued. */
class ProcessesTest {

    @Test
    void aChildStoppedInOurGroupIsContinuedAndOneInAGroupOfItsOwnIsLeftStopped() throws Exception {
        Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null && Files.isExecutable(Path.of("/usr/bin/setsid")));
        // as a spawning child caught by the terminal's SIGTSTP: stopped, in our process group
        Process ours = new ProcessBuilder("sh", "-c", "kill -STOP $$; echo continued").start();
        Process own = new ProcessBuilder("setsid", "sh", "-c", "kill -STOP $$; echo continued").start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> Processes.state(ours.pid()) == 'T' && Processes.state(own.pid()) == 'T');
            assertEquals(1, Processes.continueHalfStartedChildren());
            assertTrue(ours.waitFor(5, TimeUnit.SECONDS), "continued, and done");
            assertEquals("continued\n", new String(ours.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals('T', Processes.state(own.pid()), "a child in a session of its own is the app's to continue, not this");
        } finally {
            ours.destroyForcibly();
            own.destroyForcibly();
            own.waitFor(5, TimeUnit.SECONDS);
        }
    }

}
