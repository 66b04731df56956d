package dev.stackviz.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.frame.FibersFrame;
import dev.stackviz.frame.FibersTexts;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.simulated.SimulatedFibers;
import dev.stackviz.model.Fiber;
import dev.stackviz.model.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The green threads' state machine: what each key does, and that what the screen says is what memory says. */
class FibersSessionTest {

    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    FibersSession simulated(int count, long rounds, AtomicLong machineClock) {
        return new FibersSession(() -> new SimulatedFibers(count, 16, rounds, machineClock::get), clock::get);
    }

    @Test
    void nMakesOneSwitchAndTheRecordingMarksIt() {
        try (FibersSession session = simulated(3, 5, new AtomicLong())) {
            List<String> marks = new ArrayList<>();
            session.onStep(marks::add);
            for (int i = 0; i < 4; i++) {
                session.press("n");
            }
            assertEquals(List.of("switch 1: thread -> fiber 1", "switch 2: fiber 1 -> fiber 2",
                    "switch 3: fiber 2 -> fiber 3", "switch 4: fiber 3 -> fiber 1"), marks);
            FibersFrame f = session.frame();
            assertEquals(4, f.now().switches());
            assertEquals("fiber 1: 1\nfiber 2: 1\nfiber 3: 1\nfiber 1: 2\n", f.output());
            assertEquals(0, f.selected(), "the fiber switched to is the one shown");
        }
    }

    @Test
    void keysThatCannotActSaySoAndChangeNothing() {
        try (FibersSession session = simulated(2, 1, new AtomicLong())) {
            session.press("k");
            assertEquals("nothing runs yet: n makes the first switch", session.frame().hint());
            assertEquals(Scheduler.Mode.SETUP, session.frame().now().mode());
            while (!session.frame().now().returned()) {
                session.press("n");
            }
            session.press("n");
            assertEquals("the scheduler has returned: r starts again", session.frame().hint());
            session.press("k");
            assertEquals("the scheduler has returned already: r starts again", session.frame().hint());
            session.press("r");
            FibersFrame fresh = session.frame();
            assertEquals(0, fresh.now().switches());
            assertEquals("", fresh.output());
            assertEquals("fresh fibers", fresh.hint());
        }
    }

    @Test
    void tabAndHelpChangeNeitherTheFibersNorWhatTheLastSwitchChanged() {
        try (FibersSession session = simulated(3, 5, new AtomicLong())) {
            session.press("n");
            session.press("n");
            String explained = FibersTexts.explanation(session.frame());
            session.press("tab");
            assertEquals(2, session.frame().selected());
            assertEquals(explained, FibersTexts.explanation(session.frame()));
            session.press("?");
            assertTrue(session.overlayShown());
            session.press("q");
            assertFalse(session.overlayShown(), "q closes the help, as in less");
            assertFalse(session.quitRequested());
            assertEquals(explained, FibersTexts.explanation(session.frame()));
            session.press("q");
            assertTrue(session.quitRequested());
        }
    }

    @Test
    void fullSpeedRunsToTheEndAndTheRateLeavesOutTheTimeAway() throws InterruptedException {
        AtomicLong machineClock = new AtomicLong(10_000_000_000L);
        try (FibersSession session = simulated(2, 1_000_000_000L, machineClock)) {
            session.press("s");
            assertTrue(session.live());
            machineClock.addAndGet(1_000_000_000L);
            session.pause(); // Ctrl-Z: ten seconds away
            machineClock.addAndGet(10_000_000_000L);
            clock.addAndGet(10_000_000_000L);
            session.resume();
            machineClock.addAndGet(1_000_000_000L);
            session.press("k");
            assertFalse(session.live());
            FibersFrame f = session.frame();
            assertTrue(f.now().returned());
            assertEquals(Scheduler.Mode.STOP, f.now().mode());
            double seconds = 2.0; // 1 s before the pause and 1 s after: the 10 s away are not counted
            assertEquals(f.now().switches() / seconds, f.rate(), f.rate() * 1e-9);
        }
    }

    /** At full speed no line asks for a frame; the scheduler's return must, or the screen stays at "full speed". */
    @Test
    void theSchedulersReturnAsksForAFrame() throws Exception {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        Machines.FibersChoice choice = Machines.openFibers(3, 16, 2, false);
        java.util.concurrent.CountDownLatch changedAfterReturn = new java.util.concurrent.CountDownLatch(1);
        try (FibersSession session = new FibersSession(choice::machine, System::nanoTime)) {
            session.onChange(() -> {
                if (choice.machine().returned()) {
                    changedAfterReturn.countDown();
                }
            });
            session.press("s");
            assertTrue(changedAfterReturn.await(5, java.util.concurrent.TimeUnit.SECONDS), "a frame after the return");
            assertTrue(session.frame().now().returned());
            assertFalse(session.live());
        }
    }

    /**
     * The real scheduler, stepped: every number the explanation states about the last switch is
     * checked against memory and against the build's own listing (the call's return address).
     */
    @Test
    void whatTheScreenSaysOfEachSwitchIsWhatMemoryAndTheListingSay() throws Exception {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        long afterCall = afterTheYieldCall();
        Machines.FibersChoice choice = Machines.openFibers(3, 16, 2, false);
        try (FibersSession session = new FibersSession(choice::machine, System::nanoTime)) {
            long body = session.frame().now().entry();
            long returnAddress = body + afterCall;
            for (int i = 1; !session.frame().now().returned(); i++) {
                session.press("n");
                FibersFrame f = session.frame();
                Scheduler s = f.now();
                String text = FibersTexts.explanation(f);
                assertEquals(i, s.switches());
                assertTrue(text.startsWith("Switch " + i + ": "), text);
                if (s.from() >= 0 && s.from() != s.to() && f.fiber(s.from()).status() == Fiber.Status.DONE) {
                    Fiber was = f.fiber(s.from());
                    assertEquals(was.layout().aligned(), was.saved().sp(),
                            "its ret popped aligned-8, so the finishing routine's yield saved rsp = aligned");
                    assertTrue(text.contains("fiber " + was.number() + ", done, switched on for good"), text);
                } else if (s.from() >= 0) {
                    Fiber was = f.fiber(s.from());
                    assertEquals(was.layout().aligned() - 16, was.saved().sp(), "a yield saves rsp at aligned-16");
                    assertEquals(returnAddress, was.u64(was.saved().sp()), "what the call left there");
                    assertTrue(text.contains("saved its rsp = aligned-16, where the call left the return address 0x"
                            + Long.toHexString(returnAddress)), text);
                }
                if (s.to() >= 0) {
                    Fiber next = f.fiber(s.to());
                    long jumpedTo = f.fiberBefore(s.to()).u64(f.fiberBefore(s.to()).saved().sp());
                    boolean first = f.fiberBefore(s.to()).counter() == 0;
                    assertEquals(first ? body : returnAddress, jumpedTo);
                    assertTrue(text.contains("pop + jmp to 0x" + Long.toHexString(jumpedTo)
                            + (first ? " (sv_fiber_body: its first run)" : ".")), text);
                    if (next.status() == Fiber.Status.DONE) {
                        assertTrue(text.contains("ret popped sv_fiber_finish from aligned-8"), text);
                    } else {
                        String line = "fiber " + next.number() + ": " + next.counter();
                        assertTrue(f.output().endsWith(line + "\n"), f.output());
                        assertTrue(text.contains("wrote '" + line + "'"), text);
                    }
                }
                assertTrue(i < 20, "it ends");
            }
            assertTrue(FibersTexts.explanation(session.frame()).contains("Every fiber done"));
        }
    }

    /** From the build's listing: how far past sv_fiber_body the instruction after `call sv_fiber_yield` is. */
    static long afterTheYieldCall() throws Exception {
        String listing = Files.readString(Path.of("target/classes/linux-x86-64/libstackviz.objdump"));
        Matcher body = Pattern.compile("(?m)^([0-9a-f]+) <sv_fiber_body>:$").matcher(listing);
        assertTrue(body.find());
        Matcher call = Pattern.compile("(?m)^\\s*[0-9a-f]+:\\t[^\\t]+\\tcall\\s+[0-9a-f]+ <sv_fiber_yield>\\n\\s*([0-9a-f]+):")
                .matcher(listing);
        assertTrue(call.find(body.end()));
        return Long.parseLong(call.group(1), 16) - Long.parseLong(body.group(1), 16);
    }
}
