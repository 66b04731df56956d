package dev.stackviz.machine.inprocess;

import dev.stackviz.machine.Machines;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.StackLayout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real scheduler in asm/, switching real fibers on real 16-byte stacks. */
class FibersTest {

    static final Duration PATIENCE = Duration.ofSeconds(5);

    @BeforeAll
    static void onlyWhereTheNativeSwitchRuns() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
    }

    @Test
    void afterKSwitchesEachCounterIsWhatRoundRobinPredicts() {
        for (int n = 2; n <= 4; n++) {
            try (NativeFibers fibers = NativeFibers.open(n, 16, 100)) {
                StringBuffer out = new StringBuffer();
                fibers.start(out::append);
                int k = 3 * n + 1;
                for (int i = 0; i < k; i++) {
                    assertTrue(fibers.step(PATIENCE), "switch " + (i + 1));
                }
                Scheduler s = fibers.read();
                assertEquals(k, s.switches());
                for (Fiber f : s.fibers()) {
                    long predicted = (k - f.index() + n - 1) / n; // switch j (from 1) runs fiber (j - 1) % n
                    assertEquals(predicted, f.counter(), n + " fibers, fiber " + f.number());
                }
                assertEquals((k - 1) % n, s.to(), "the last switch's fiber runs");
                assertEquals(Fiber.Status.RUNNING, s.fibers().get(s.to()).status());
            }
        }
    }

    @Test
    void eachSavedContextIsWhatItsFiberResumesWith() {
        try (NativeFibers fibers = NativeFibers.open(3, 16, 100)) {
            fibers.start(text -> { });
            for (int i = 0; i < 5; i++) {
                fibers.step(PATIENCE);
            }
            Scheduler s = fibers.read();
            long returnAddress = 0;
            for (Fiber f : s.fibers()) {
                if (f.status() == Fiber.Status.RUNNING) {
                    continue;
                }
                StackLayout layout = f.layout();
                assertEquals(layout.aligned() - 16, f.saved().sp(), "fiber " + f.number() + "'s rsp: its own stack");
                long at = f.u64(f.saved().sp());
                assertTrue(at > s.entry() && at < s.entry() + 0x40, "the return address a yield left: " + Long.toHexString(at));
                assertTrue(returnAddress == 0 || returnAddress == at, "the same call site for every fiber");
                returnAddress = at;
                assertEquals(s.finish(), f.u64(layout.aligned() - 8), "above it, the finishing routine");
                boolean arm = f.saved().isa() == dev.stackviz.model.Isa.AARCH64;
                assertTrue(f.saved().get(arm ? "x19" : "rbx") != 0 && f.saved().get(arm ? "x20" : "r12") != 0,
                        "rbx and r12 (x19 and x20): the fiber and the scheduler");
            }
        }
    }

    @Test
    void aFiberThatReturnsLandsInTheFinishingRoutineAndAllDoneReturnsToTheThread() {
        try (NativeFibers fibers = NativeFibers.open(2, 16, 2)) {
            StringBuffer out = new StringBuffer();
            fibers.start(out::append);
            int steps = 0;
            while (!fibers.returned() && steps < 20) {
                assertTrue(fibers.step(PATIENCE));
                steps++;
            }
            Scheduler s = fibers.read();
            assertTrue(s.returned(), "every fiber done: back on the thread's own stack");
            assertEquals(-1, s.to());
            for (Fiber f : s.fibers()) {
                assertEquals(Fiber.Status.DONE, f.status());
                assertEquals(f.rounds(), f.counter());
                assertEquals(f.layout().aligned(), f.saved().sp(),
                        "ret popped the finish routine's address (aligned-8): it saved rsp = aligned");
            }
            await("fiber 2's last line").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1))
                    .until(() -> out.toString().contains("fiber 2: 3\n"));
            assertEquals("fiber 1: 1\nfiber 2: 1\nfiber 1: 2\nfiber 2: 2\nfiber 2: 3\n", out.toString());
        }
    }

    @Test
    void aHundredThousandSwitchesAtFullSpeedThenStopReturnWithTheCalleeSavedRegistersIntact() throws Exception {
        try (NativeFibers fibers = NativeFibers.open(3, 16, Long.MAX_VALUE / 4, true)) {
            fibers.runFree();
            CompletableFuture<Long> mismatch = CompletableFuture.supplyAsync(fibers::runCheckedHere);
            await("100,000 switches at full speed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> fibers.read().switches() >= 100_000);
            fibers.requestStop();
            assertEquals(0L, mismatch.get(10, TimeUnit.SECONDS), "rbx, rbp, r12-r15 as they were before");
        }
    }

    @Test
    void steppedThenFullSpeedRunsToTheEnd() throws Exception {
        for (int k = 0; k <= 4; k++) {
            try (NativeFibers fibers = NativeFibers.open(3, 16, 2)) {
                StringBuffer out = new StringBuffer();
                fibers.start(out::append);
                for (int i = 0; i < k; i++) {
                    assertTrue(fibers.step(PATIENCE), "switch " + (i + 1));
                }
                fibers.runFree();
                int steps = k;
                await("the scheduler's return after " + steps + " steps and full speed").atMost(Duration.ofSeconds(3))
                        .pollInterval(Duration.ofMillis(1)).until(fibers::returned);
                assertEquals(13, fibers.read().switches());
            }
        }
    }

    /**
     * step() returns once the scheduler has set its waiting flag, a few instructions before it sleeps
     * on the gate. A change of mode in that window must still wake it: every change of mode also
     * changes the word it sleeps on (FUTEX_WAIT sleeps only while the word is unchanged). The window
     * is too short to hit on purpose here (300 tries did not, before the word changed with the mode);
     * this checks that full speed and stop always take effect right after a step.
     */
    @Test
    void fullSpeedOrStopRightAfterAStepIsNeverLost() throws Exception {
        for (int i = 0; i < 300; i++) {
            try (NativeFibers fibers = NativeFibers.open(2, 16, 1_000_000_000L, true)) {
                fibers.start(text -> { });
                assertTrue(fibers.step(PATIENCE));
                if (i % 2 == 0) {
                    fibers.runFree();
                    long before = fibers.read().switches();
                    await("run " + i + ": full speed makes 1000 switches").atMost(Duration.ofSeconds(2))
                            .pollInterval(Duration.ofMillis(1)).until(() -> fibers.read().switches() >= before + 1000);
                }
                assertTrue(fibers.stop(Duration.ofSeconds(2)), "run " + i + ": the scheduler returned");
            }
        }
    }
}
