package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    static final long WINDOW = 0x7f3c_a800_1000L;

    static Fiber fiber(int index, Fiber.Status status, byte[] window) {
        return new Fiber(index, status, 0, 3, new StackLayout(WINDOW + 16, 48), WINDOW, window,
                new Registers(0, 0, 0, 0, 0, 0, 0, 0));
    }

    static Scheduler scheduler(Fiber... fibers) {
        return new Scheduler(Scheduler.Mode.STEP, 0, -1, 0, true, false, List.of(fibers), 0, 0);
    }

    @Test
    void fibersAreNumberedFromOneAndTheThreadIsNamedForItsStack() {
        assertEquals("thread", Scheduler.name(-1));
        assertEquals("fiber 1", Scheduler.name(0));
        assertEquals("fiber 3", Scheduler.name(2));
        byte[] w = new byte[8];
        assertEquals("switch 0: thread -> fiber 1", scheduler(fiber(0, Fiber.Status.RUNNING, w)).lastSwitch());
        assertEquals(2, fiber(1, Fiber.Status.READY, new byte[8]).number());
    }

    @Test
    void theSchedulerIsDoneOnlyWhenEveryFiberIs() {
        byte[] w = new byte[8];
        assertTrue(scheduler(fiber(0, Fiber.Status.DONE, w), fiber(1, Fiber.Status.DONE, w)).allDone());
        assertFalse(scheduler(fiber(0, Fiber.Status.DONE, w), fiber(1, Fiber.Status.RUNNING, w)).allDone());
        assertFalse(scheduler(fiber(0, Fiber.Status.READY, w), fiber(1, Fiber.Status.DONE, w)).allDone());
    }

    @Test
    void aFiberReadsWholeSlotsInsideItsWindowOnly() {
        byte[] window = new byte[32];
        System.arraycopy(StackLayout.littleEndian(0x7f3c_b2a0_1060L), 0, window, 24, 8);
        Fiber f = fiber(0, Fiber.Status.READY, window);
        assertTrue(f.inWindow(WINDOW), "the first slot");
        assertTrue(f.inWindow(WINDOW + 24), "the last whole slot");
        assertFalse(f.inWindow(WINDOW + 25), "a slot that runs past the end");
        assertFalse(f.inWindow(WINDOW - 1), "below the window");
        assertEquals(0x7f3c_b2a0_1060L, f.u64(WINDOW + 24));
        assertEquals(0, f.u64(WINDOW + 16));
    }
}
