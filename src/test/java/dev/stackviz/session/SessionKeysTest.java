package dev.stackviz.session;

import dev.stackviz.machine.Run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stack view's keys on the simulated machine: the markers a recording gets, the hints, what each key opens and closes. */
class SessionKeysTest {

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final List<Machine> opened = new ArrayList<>();
    final List<Experiment> asked = new ArrayList<>();
    final List<String> marks = new ArrayList<>();
    final AtomicInteger changes = new AtomicInteger();

    /** A session whose machines are simulated and counted; with experiments, e asks for the next one. */
    Session session(boolean experiments) {
        Session session = new Session(e -> {
            asked.add(e);
            Machine machine = new SimulatedMachine(StackSpec.defaults(), clock::get);
            opened.add(machine);
            return new Machines.Choice(machine, null);
        }, null, experiments, Duration.ofSeconds(60), Duration.ofSeconds(1), clock::get);
        session.onStep(marks::add);
        session.onChange(changes::incrementAndGet);
        return session;
    }

    @Test
    void everyStepForwardAndBackIsMarkedOnce() {
        try (Session session = session(false)) {
            assertEquals("step 1/6 allocate", session.stepName());
            session.press("n");
            session.press("n");
            session.press("p");
            session.press("n");
            assertEquals(List.of("step 2/6 top", "step 3/6 align", "step 2/6 top", "step 3/6 align"), marks);
            session.press("s");
            assertEquals(List.of("step 4/6 write", "step 5/6 context", "step 6/6 switch"),
                    marks.subList(4, marks.size()), "s takes the remaining steps, each marked, then switches");
            assertTrue(session.switchedEver());
        }
    }

    @Test
    void goingBackUndoesTheWritesInMemoryAndGoingForwardMakesThem() {
        try (Session session = session(false)) {
            Machine machine = session.machine();
            long entry = machine.entrySlot();
            session.press("n");
            session.press("n");
            session.press("n");
            Frame written = session.frame();
            assertEquals(Step.WRITE_ENTRY, written.step());
            assertEquals(machine.entryAddress(), u64(machine, entry), "the write step wrote the entry");
            assertTrue(differ(written, entry), "and the frame marks those bytes as changed by it");
            session.press("n");
            assertEquals(machine.layout().entrySlot(), machine.contextRsp(), "the context step set ctx.rsp");
            session.press("p");
            session.press("p");
            Frame back = session.frame();
            assertEquals(Step.ALIGN, back.step());
            assertEquals(0, u64(machine, entry), "back before the write: the entry is gone from memory");
            assertEquals(0, machine.contextRsp(), "and ctx.rsp with it");
            assertTrue(differ(back, entry), "the frame marks what going back changed");
            session.press("n");
            assertEquals(machine.entryAddress(), u64(machine, entry), "forward again: written again");
        }
    }

    static long u64(Machine machine, long address) {
        return dev.stackviz.model.StackLayout.fromLittleEndian(machine.read(address, 8), 0);
    }

    /** The frame's bytes at {@code address} differ from what they were before the key. */
    static boolean differ(Frame f, long address) {
        int at = (int) (address - f.windowStart());
        return !java.util.Arrays.equals(java.util.Arrays.copyOfRange(f.window(), at, at + 8),
                java.util.Arrays.copyOfRange(f.before(), at, at + 8));
    }

    @Test
    void theTargetsLineAsksForAFrameAndKIsMarked() {
        try (Session session = session(false)) {
            assertFalse(session.switchedEver());
            assertFalse(session.live(), "nothing runs before s");
            session.press("s");
            await("the simulated target's line").atMost(Duration.ofSeconds(5))
                    .until(() -> !session.frame().output().isEmpty());
            assertTrue(changes.get() >= 1, "its line asked for a frame");
            assertTrue(session.live(), "running: the view redraws it");
            int beforeKill = changes.get();
            session.press("k");
            assertEquals("kill", marks.get(marks.size() - 1));
            await("the watchdog's report").atMost(Duration.ofSeconds(5)).until(() -> session.frame().report() != null);
            await("the report asks for a frame").atMost(Duration.ofSeconds(5)).until(() -> changes.get() > beforeKill);
            assertFalse(session.live(), "back: nothing to redraw");
        }
    }

    @Test
    void rStopsTheTargetAndOpensAFreshStack() {
        try (Session session = session(false)) {
            session.press("s");
            Machine first = session.machine();
            session.press("r");
            assertEquals(2, opened.size());
            assertNotSame(first, session.machine(), "a fresh machine");
            Frame fresh = session.frame();
            assertEquals(Step.ALLOCATE, fresh.step());
            assertEquals(Frame.Phase.SETUP, fresh.phase(), "the old target was stopped, no run is left");
            assertEquals("", fresh.output(), "its output is gone with it");
            assertEquals("a fresh stack", fresh.hint());
            assertEquals("reset: step 1/6 allocate", marks.get(marks.size() - 1));
        }
    }

    @Test
    void eOpensEachExperimentInTurnWhereThereAreAny() {
        try (Session session = session(true)) {
            session.press("e");
            session.press("e");
            assertEquals(java.util.Arrays.asList(null, Experiment.MISALIGNED, Experiment.MISALIGNED.next()), asked);
            assertEquals("isolated child, experiment " + Experiment.MISALIGNED.next().option() + " (e for the next)",
                    session.frame().hint());
        }
        int before = opened.size();
        try (Session session = session(false)) {
            session.press("e");
            assertEquals(before + 1, opened.size(), "without experiments e opens nothing after the first machine");
            assertEquals("experiments need the native switch: they run in an isolated child process",
                    session.frame().hint());
        }
    }

    @Test
    void eComesBackToTheInProcessSwitchAfterTheLastExperiment() {
        try (Session session = session(true)) {
            for (int i = 0; i < 5; i++) {
                session.press("e");
            }
            assertEquals(java.util.Arrays.asList(null, Experiment.MISALIGNED, Experiment.OVERFLOW,
                    Experiment.SEED_HELLO, Experiment.NONE, null), asked);
            assertEquals("in-process: the two-way switch, sv_switch (e for the next)", session.frame().hint());
            assertEquals(null, session.frame().experiment());
        }
    }

    @Test
    void cWithNothingBeingSteppedSaysWhat() {
        try (Session session = session(false)) {
            session.press("c");
            assertEquals("c lets a target that i is stepping run at full speed; nothing is being stepped",
                    session.frame().hint());
            session.press("s");
            session.press("c");
            assertEquals("c lets a target that i is stepping run at full speed; nothing is being stepped",
                    session.frame().hint());
            session.press("i");
            assertEquals("instruction stepping needs the isolated child and the native switch: the simulated "
                    + "machine has no switch to trace", session.frame().hint());
        }
    }

    /** Headless (a key script), TuiApp hands Ctrl-Z to the view: there is no terminal to give back. */
    @Test
    void suspendWithoutATerminalSaysWhyAndChangesNothing() {
        try (Session session = session(false)) {
            session.press("n");
            session.handle(Action.SUSPEND);
            Frame frame = session.frame();
            assertEquals("Ctrl-Z suspends the view in a terminal; headless, there is none to give back", frame.hint());
            assertEquals("step 2/6 top", session.stepName());
        }
    }

    @Test
    void theBenchmarksFiguresArriveAsAPanelAndAskForAFrame() {
        try (Session session = session(false)) {
            session.allowBench(() -> List.of("sv_swap 3.6 ns"));
            session.press("b");
            await("the benchmark's panel").atMost(Duration.ofSeconds(5))
                    .until(() -> session.frame().overlay() == Frame.Overlay.BENCH);
            assertTrue(session.overlayShown());
            assertEquals(List.of("sv_swap 3.6 ns"), session.frame().panel());
            assertTrue(changes.get() >= 1, "the figures asked for a frame");
            session.press("x");
            assertFalse(session.overlayShown(), "any key closes the panel");
        }
    }

    @Test
    void aBenchmarkThatFailsSaysWhy() {
        try (Session session = session(false)) {
            session.allowBench(() -> {
                throw new IllegalStateException("no perf counters");
            });
            session.press("b");
            await("the panel").atMost(Duration.ofSeconds(5)).until(session::overlayShown);
            assertEquals(List.of("the benchmark failed: no perf counters"), session.frame().panel());
        }
    }

    @Test
    void closingStopsARunningTarget() {
        Session session = session(false);
        session.press("s");
        await("the target's line").atMost(Duration.ofSeconds(5)).until(() -> !session.frame().output().isEmpty());
        session.close();
        Frame after = session.frame();
        assertTrue(after.phase() == Frame.Phase.RETURNED || after.phase() == Frame.Phase.STOPPING,
                "asked to stop on close: " + after.phase());
        assertSame(opened.get(0), session.machine());
    }

    @Test
    void pauseStopsTheMachineAndTheWatchdogsClockAndResumeStartsBoth() {
        int[] calls = new int[4];
        Session session = new Session(e -> new Machines.Choice(new Counted(new SimulatedMachine(StackSpec.defaults(),
                clock::get), calls), null), null, false, Duration.ofSeconds(60), Duration.ofSeconds(1), clock::get);
        try (session) {
            session.pause(); // nothing runs: nothing to pause
            session.resume();
            assertEquals(0, calls[0] + calls[1], "before s there is no target to pause");
            session.press("s");
            session.pause();
            assertEquals(1, calls[0], "the target pauses with the app (a child: SIGSTOP)");
            await("time away counted as paused").atMost(Duration.ofSeconds(5))
                    .until(() -> session.frame().run().paused() > 0);
            session.resume();
            assertEquals(1, calls[1], "and goes on with it");
            long paused = session.frame().run().paused();
            await("the watchdog's clock runs again").during(Duration.ofMillis(60)).atMost(Duration.ofSeconds(2))
                    .until(() -> session.frame().run().paused() == paused);
            session.handle(Action.KILL);
            await("the report").atMost(Duration.ofSeconds(5)).until(() -> session.frame().report() != null);
            session.pause();
            assertEquals(1, calls[0], "a target that has stopped is not paused again");
        }
    }

    @Test
    void resetStopsTheTargetThenClosesTheMachineItLeavesAndCloseClosesTheLast() {
        List<Counted> opened = new ArrayList<>();
        Session session = new Session(e -> {
            Counted machine = new Counted(new SimulatedMachine(StackSpec.defaults(), clock::get), new int[4]);
            opened.add(machine);
            return new Machines.Choice(machine, null);
        }, null, false, Duration.ofSeconds(60), Duration.ofSeconds(1), clock::get);
        try (session) {
            session.press("s");
            await("the target's line").atMost(Duration.ofSeconds(5)).until(() -> !session.frame().output().isEmpty());
            session.press("r");
            assertEquals(2, opened.size(), "r opens a fresh machine");
            assertEquals(1, opened.get(0).calls[2], "and closes the one it leaves");
            assertEquals(1, opened.get(0).calls[3], "after its target has stopped");
            assertEquals(0, opened.get(1).calls[2]);
        }
        assertEquals(1, opened.get(1).calls[2], "close closes the machine in use");
    }

    /**
     * The simulated machine, counting what it is told: calls[0] pauses, calls[1] resumes, calls[2] closes,
     * calls[3] closes that came after every target it ran had stopped.
     */
    static final class Counted extends DelegatingMachine {
        final int[] calls;
        final List<dev.stackviz.machine.Run> runs = new ArrayList<>();

        Counted(SimulatedMachine inner, int[] calls) {
            super(inner);
            this.calls = calls;
        }

        @Override
        public void pause() {
            calls[0]++;
        }

        @Override
        public void resume() {
            calls[1]++;
        }

        @Override
        public dev.stackviz.machine.Run switchTo(java.util.function.Consumer<String> output) {
            dev.stackviz.machine.Run run = inner.switchTo(output);
            runs.add(run);
            return run;
        }

        @Override
        public void close() {
            calls[2]++;
            if (runs.stream().allMatch(dev.stackviz.machine.Run::hasReturned)) {
                calls[3]++;
            }
            inner.close();
        }
    }
}
