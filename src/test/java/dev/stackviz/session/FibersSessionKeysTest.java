package dev.stackviz.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.FibersMachine;
import dev.stackviz.machine.simulated.SimulatedFibers;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The green threads' keys against a scheduler the test drives: the switch count, the return and
 * the time are the test's, so the rate on screen, the markers and the hints can be checked exactly.
 */
class FibersSessionKeysTest {

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final List<Driven> opened = new ArrayList<>();
    final List<String> marks = new ArrayList<>();
    final AtomicInteger changes = new AtomicInteger();

    FibersSession session() {
        FibersSession session = new FibersSession(() -> {
            Driven machine = new Driven();
            opened.add(machine);
            return machine;
        }, clock::get);
        session.onStep(marks::add);
        session.onChange(changes::incrementAndGet);
        return session;
    }

    @Test
    void theRateIsSwitchesOverTheLastWindowOfAtLeast200Ms() {
        try (FibersSession session = session()) {
            Driven machine = opened.get(0);
            machine.switches = 10;
            session.press("s");
            assertEquals(List.of("full speed"), marks);
            assertTrue(session.live(), "running at full speed: the view redraws");
            advance(300);
            machine.switches += 600;
            assertEquals(2000.0, session.frame().rate(), 1e-9, "600 switches in 300 ms");
            advance(100);
            machine.switches += 1000;
            assertEquals(2000.0, session.frame().rate(), 1e-9, "100 ms is too short a window: the last rate stays");
            advance(150);
            assertEquals(1000 / 0.25, session.frame().rate(), 1e-9, "1000 switches in the 250 ms since the last window");
            advance(200);
            machine.switches += 100;
            assertEquals(500.0, session.frame().rate(), 1e-9, "a window of exactly 200 ms counts");
        }
    }

    @Test
    void timeAwayWithCtrlZIsNotInTheRate() {
        try (FibersSession session = session()) {
            Driven machine = opened.get(0);
            session.press("s");
            advance(250);
            machine.switches += 500;
            assertEquals(2000.0, session.frame().rate(), 1e-9);
            session.pause();
            assertEquals(1, machine.pauses, "the machine is told");
            advance(10_000);
            session.resume();
            assertEquals(1, machine.resumes);
            advance(250);
            machine.switches += 1000;
            assertEquals(4000.0, session.frame().rate(), 1e-9, "1000 switches in the 250 ms it ran, not in 10.25 s");
        }
    }

    @Test
    void onceReturnedTheRateIsOverTheWholeRunAtFullSpeed() {
        try (FibersSession session = session()) {
            Driven machine = opened.get(0);
            machine.switches = 7;
            session.press("s");
            machine.switches += 4000;
            machine.fullSpeedNanos = 2_000_000_000L;
            session.press("k");
            assertEquals(List.of("full speed", "stop"), marks);
            assertFalse(session.live());
            assertEquals(2000.0, session.frame().rate(), 1e-9, "4000 switches in the 2 s the machine ran them");
        }
    }

    @Test
    void sAtFullSpeedSaysSoAndLeavesTheRunAsItIs() {
        try (FibersSession session = session()) {
            session.press("n");
            session.press("s");
            session.press("s");
            assertEquals("already at full speed: k stops them", session.frame().hint());
            assertEquals(1, marks.stream().filter("full speed"::equals).count(), "no second start is marked");
            assertTrue(session.live(), "and they still run");
        }
    }

    /** Headless (a key script), TuiApp hands Ctrl-Z to the view: there is no terminal to give back. */
    @Test
    void suspendWithoutATerminalSaysWhy() {
        try (FibersSession session = session()) {
            session.handle(dev.stackviz.model.Action.SUSPEND);
            assertEquals("Ctrl-Z suspends the view in a terminal; headless, there is none to give back",
                    session.frame().hint());
        }
    }

    @Test
    void aSchedulerThatDoesNotReturnIsSaid() {
        try (FibersSession session = session()) {
            opened.get(0).stopAnswers = false;
            session.press("s");
            session.press("k");
            assertEquals("the scheduler did not return within 2000 ms", session.frame().hint());
        }
    }

    @Test
    void aNoteIsTheFirstHintAndNothingHasRunYet() {
        try (FibersSession session = new FibersSession(Driven::new, clock::get, "stackviz: SIMULATED machine: why")) {
            assertEquals("stackviz: SIMULATED machine: why", session.frame().hint());
            assertFalse(session.ranEver(), "no fiber has run before the first key");
        }
        try (FibersSession session = new FibersSession(Driven::new, clock::get)) {
            assertEquals("", session.frame().hint());
        }
    }

    @Test
    void rClosesTheOldFibersAndQClosesTheLast() {
        FibersSession session = session();
        session.press("n");
        session.press("r");
        assertEquals(2, opened.size(), "fresh fibers");
        assertTrue(opened.get(0).closed, "the old ones closed");
        assertEquals("again", marks.get(marks.size() - 1));
        assertFalse(opened.get(1).started, "the fresh ones wait for n");
        session.close();
        assertTrue(opened.get(1).closed);
    }

    @Test
    void linesAskForAFrameWhenSteppedNotAtFullSpeedAndTheReturnDoes() {
        try (FibersSession session = session()) {
            Driven machine = opened.get(0);
            session.press("n");
            assertTrue(session.ranEver(), "a switch was made");
            int afterStep = changes.get();
            assertEquals(1, afterStep, "the stepped fiber's line asked for one frame");
            session.press("s");
            machine.output.accept("fiber 2: 1\n");
            machine.output.accept("fiber 1: 2\n");
            assertEquals(afterStep, changes.get(), "at full speed a line asks for no frame: the live redraw shows it");
            machine.returnNow();
            assertEquals(afterStep + 1, changes.get(), "the return asks for one");
            machine.output.accept("fiber 2: 2\n");
            assertEquals(afterStep + 2, changes.get(), "a line after the return asks for one again");
        }
    }

    /** The reader thread may hand over a fiber's line after the switch is done: the frame after n still shows it. */
    @Test
    void aStepsFrameShowsTheLineEvenWhenTheReaderIsLate() {
        FibersSession session = new FibersSession(() -> new Late(new SimulatedFibers(2, 16, 5, clock::get)), clock::get);
        try (session) {
            for (int i = 1; i <= 4; i++) {
                session.press("n");
                String line = "fiber " + ((i - 1) % 2 + 1) + ": " + ((i + 1) / 2) + "\n";
                assertTrue(session.frame().output().endsWith(line), "after switch " + i + ": " + session.frame().output());
            }
        }
    }

    @Test
    void theOutputKeepsTheLastLinesAndCountsThemAll() {
        FibersSession.Output output = new FibersSession.Output();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String line = "fiber 1: " + i + "\n";
            output.append(line);
            all.append(line);
        }
        assertEquals(5000, output.lines());
        String kept = output.text();
        assertTrue(kept.length() <= 2 * FibersSession.Output.KEEP, "bounded: " + kept.length());
        assertTrue(kept.length() >= FibersSession.Output.KEEP - 20, "but keeps about KEEP chars: " + kept.length());
        assertTrue(all.toString().endsWith(kept), "the last lines, whole");
        assertTrue(kept.startsWith("fiber 1: "), "cut at a line's start: " + kept.substring(0, 20));
        output.append("fiber 2: 1");
        output.append("\n");
        assertEquals(5001, output.lines(), "a line handed over in two pieces counts once");
        String taken = output.take();
        assertTrue(taken.endsWith("fiber 2: 1\n") && (kept + "fiber 2: 1\n").endsWith(taken), "take: the text kept");
        assertEquals("", output.text(), "taken");
        assertEquals(5001, output.lines(), "the count goes on");
        output.append("left over\n");
        output.clear();
        assertEquals(0, output.lines());
        assertEquals("", output.text());
    }

    @Test
    void theOutputIsCutOnlyPastTwiceKeepAndWithoutANewlineKeepsExactlyKeep() {
        int keep = FibersSession.Output.KEEP;
        FibersSession.Output output = new FibersSession.Output();
        output.append("x".repeat(2 * keep));
        assertEquals(2 * keep, output.text().length(), "twice KEEP: not cut yet");
        output.append("y");
        assertTrue(output.text().equals("x".repeat(keep - 1) + "y"), "one more: no newline to cut at, so the last "
                + "KEEP: " + output.text().length() + " chars");
        FibersSession.Output lines = new FibersSession.Output();
        lines.append("a".repeat(2 * keep) + "\nbbb");
        assertEquals("bbb", lines.text(), "cut after the last KEEP's first newline: the line that follows it whole");
        assertEquals(1, lines.lines());
    }

    @Test
    void awaitingLinesReturnsOnceTheyHaveComeOrAfterItsPatience() throws Exception {
        FibersSession.Output output = new FibersSession.Output();
        output.append("one\n");
        long start = System.nanoTime();
        output.await(1, java.time.Duration.ofSeconds(30));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "the line is there: no wait");
        start = System.nanoTime();
        output.await(2, java.time.Duration.ofMillis(50));
        assertTrue(System.nanoTime() - start >= 50_000_000L, "a line that does not come: the whole patience");
        Thread writer = new Thread(() -> output.append("two\n"));
        writer.start();
        output.await(2, java.time.Duration.ofSeconds(30));
        writer.join();
        assertEquals(2, output.lines(), "returned once the second line came");
    }

    private void advance(long millis) {
        clock.addAndGet(millis * 1_000_000L);
    }

    /** Fibers whose lines reach the session 30 ms late, from another thread, as a slow pipe reader's would. */
    static final class Late implements FibersMachine {
        private final SimulatedFibers inner;

        Late(SimulatedFibers inner) {
            this.inner = inner;
        }

        @Override
        public void start(Consumer<String> output, Runnable returned) {
            inner.start(text -> LateReader.deliver(output, text), returned);
        }

        public MachineKind kind() {
            return inner.kind();
        }

        public int count() {
            return inner.count();
        }

        public int stackSize() {
            return inner.stackSize();
        }

        public Scheduler read() {
            return inner.read();
        }

        public boolean step(Duration timeout) {
            return inner.step(timeout);
        }

        public void runFree() {
            inner.runFree();
        }

        public boolean stop(Duration timeout) {
            return inner.stop(timeout);
        }

        public long fullSpeedNanos() {
            return inner.fullSpeedNanos();
        }

        public void pause() {
            inner.pause();
        }

        public void resume() {
            inner.resume();
        }

        public boolean returned() {
            return inner.returned();
        }

        public void close() {
            inner.close();
        }
    }

    /** A scheduler the test drives: its count, its return and its full-speed time are set by the test. */
    static final class Driven implements FibersMachine {
        private final SimulatedFibers shape = new SimulatedFibers(2, 16, 100, () -> 0);
        Scheduler.Mode mode = Scheduler.Mode.SETUP;
        long switches;
        boolean returned;
        boolean stopAnswers = true;
        boolean started;
        boolean closed;
        int pauses;
        int resumes;
        long fullSpeedNanos;
        Consumer<String> output = text -> { };
        Runnable onReturn = () -> { };

        @Override
        public Scheduler read() {
            Scheduler s = shape.read();
            return new Scheduler(mode, switches, -1, 0, mode == Scheduler.Mode.STEP, returned, s.fibers(), s.entry(),
                    s.finish());
        }

        @Override
        public void start(Consumer<String> output, Runnable returned) {
            if (!started) {
                started = true;
                this.output = output;
                this.onReturn = returned;
                mode = Scheduler.Mode.STEP;
            }
        }

        @Override
        public boolean step(Duration timeout) {
            switches++;
            output.accept("fiber 1: " + switches + "\n");
            return true;
        }

        @Override
        public void runFree() {
            mode = Scheduler.Mode.RUN;
        }

        @Override
        public boolean stop(Duration timeout) {
            mode = Scheduler.Mode.STOP;
            if (stopAnswers) {
                returnNow();
            }
            return stopAnswers;
        }

        void returnNow() {
            returned = true;
            onReturn.run();
        }

        public MachineKind kind() {
            return MachineKind.SIMULATED;
        }

        public int count() {
            return 2;
        }

        public int stackSize() {
            return 16;
        }

        public long fullSpeedNanos() {
            return fullSpeedNanos;
        }

        public void pause() {
            pauses++;
        }

        public void resume() {
            resumes++;
        }

        public boolean returned() {
            return returned;
        }

        public void close() {
            closed = true;
        }
    }
}
