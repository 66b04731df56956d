package dev.stackviz.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.machine.Machines;
import dev.stackviz.model.Action;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A child that someone stopped, or killed, during the setup: the view answers at once and says so plainly. */
class StuckChildTest {

    static final Duration GRACE = Duration.ofMillis(500);

    static Session isolated() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        return new Session(e -> Machines.openIsolated(StackSpec.defaults(), e, GRACE), Experiment.NONE, false,
                Duration.ofSeconds(30), GRACE, System::nanoTime);
    }

    static void signal(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    @Test
    void aStoppedChildIsToldAtOnceAndTheStepWaitsForIt() throws Exception {
        Session session = isolated();
        long pid = session.frame().pid();
        session.handle(Action.STEP_FORWARD);
        session.handle(Action.STEP_FORWARD);
        signal(pid, "STOP");
        Thread.sleep(50);
        long start = System.nanoTime();
        session.handle(Action.STEP_FORWARD);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Frame frame = session.frame();
        assertTrue(millis < 500, "answered in " + millis + " ms");
        assertEquals(Step.ALIGN, frame.step(), "the write did not happen");
        assertEquals("stackviz: child " + pid + " is stopped (by SIGSTOP or a debugger) and cannot answer; kill -CONT "
                + pid + " lets it go on, r starts a new one", frame.hint());
        signal(pid, "CONT");
        session.handle(Action.STEP_FORWARD);
        assertEquals(Step.WRITE_ENTRY, session.frame().step(), "once continued it goes on");
        long closing = System.nanoTime();
        signal(pid, "STOP");
        session.close();
        assertTrue((System.nanoTime() - closing) / 1_000_000 < 2000, "q does not wait for a stopped child");
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "and it is gone");
    }

    @Test
    void aKilledChildIsToldInPlainWords() throws Exception {
        try (Session session = isolated()) {
            long pid = session.frame().pid();
            session.handle(Action.STEP_FORWARD);
            signal(pid, "KILL");
            long end = System.nanoTime() + 5_000_000_000L;
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            session.handle(Action.STEP_FORWARD);
            session.handle(Action.STEP_FORWARD); // align: arithmetic, no child needed
            assertEquals(Step.ALIGN, session.frame().step());
            session.handle(Action.STEP_FORWARD); // write: the child's memory
            assertEquals("stackviz: child " + pid + " is gone: it was killed by SIGKILL; r starts a new one",
                    session.frame().hint());
            assertEquals(Step.ALIGN, session.frame().step());
        }
    }
}
