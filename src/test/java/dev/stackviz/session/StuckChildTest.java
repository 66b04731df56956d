package dev.stackviz.session;

import static org.awaitility.Awaitility.await;
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
        await("child " + pid + " stopped (state T in /proc)").atMost(java.time.Duration.ofSeconds(2))
                .pollInterval(java.time.Duration.ofMillis(1)).until(() -> stopped(pid));
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
            await("child " + pid + " dead").atMost(java.time.Duration.ofSeconds(5))
                    .pollInterval(java.time.Duration.ofMillis(5))
                    .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
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

    /** The process's state in /proc/PID/stat is T: stopped by a signal. */
    static boolean stopped(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    }
}
