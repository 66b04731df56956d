package dev.stackviz.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.StatusTexts;
import dev.stackviz.machine.Machines;
import dev.stackviz.model.Durations;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.StackSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real child held by the tracer (i) and killed from outside: the view learns of it by itself, and says it truly. */
class KilledWhileHeldTest {

    private static final Duration GRACE = Duration.ofMillis(500);

    @BeforeAll
    static void onlyWhereTheNativeSwitchRuns() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
    }

    @Test
    void aChildKilledWhileHeldIsToldWithinAFrameWithWhoAndWhen() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        try (Session session = new Session(e -> Machines.openIsolated(StackSpec.defaults(), e, GRACE),
                Experiment.NONE, false, Duration.ofSeconds(30), GRACE, System::nanoTime)) {
            session.onChange(changes::incrementAndGet);
            session.press("i");
            session.press("i");
            Thread.sleep(1000); // held for a second: not time the target ran
            ProcessHandle.of(session.machine().pid()).orElseThrow().destroyForcibly();
            await("the view is told, with no key pressed").atMost(Duration.ofMillis(500))
                    .until(() -> changes.get() > 0 && session.frame().phase() == Frame.Phase.RETURNED);
            Frame frame = session.frame();
            String status = StatusTexts.status(frame, " • ");
            assertTrue(status.startsWith("child was killed by SIGKILL (signal 9) from outside • seen gone 1."),
                    status);
            assertTrue(frame.report().ran().compareTo(Duration.ofMillis(500)) < 0,
                    "ran " + Durations.human(frame.report().ran()) + ": the held second is not run time");
            session.press("i");
            assertEquals("the target has ended: r, then i, walks the switch again", session.frame().hint());
            session.press("k");
            assertEquals("the target has already stopped: r starts again", session.frame().hint());
        }
    }
}
