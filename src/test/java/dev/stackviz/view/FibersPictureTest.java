package dev.stackviz.view;

import static org.awaitility.Awaitility.await;

import dev.stackviz.machine.simulated.SimulatedFibers;
import dev.stackviz.session.FibersSession;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The green threads at 80x24 and 160x48, painted by the real FibersPainter through a Lanterna
 * screen onto a DefaultVirtualTerminal. The simulated scheduler has fixed addresses, and both
 * clocks are fixed (the machine's advances 1 us per reading), so every picture is exact. Each picture is a
 * file in src/test/resources/screens (see Pictures.assertScreen).
 */
class FibersPictureTest {

    final AtomicLong machineClock = new AtomicLong(5_000_000_000L);
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    FibersSession session = open(3, 2);

    FibersSession open(int count, long rounds) {
        return new FibersSession(() -> new SimulatedFibers(count, 16, rounds, () -> machineClock.getAndAdd(1000)),
                clock::get, "stackviz: SIMULATED machine: --simulate was given");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private void press(String... keys) {
        for (String key : keys) {
            session.press(key);
        }
    }

    @Test
    void beforeTheFirstSwitchEachStackIsPreparedAsTheSeedPreparesOne() {
        Pictures.assertScreen("fibers-setup-80x24", Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void aYieldShowsWhatWasSavedAndWhatLoaded() {
        press("n", "n", "n", "n");
        Pictures.assertScreen("fibers-switch-4-80x24", Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void tabShowsTheNextFibersStackAt80Columns() {
        press("n", "n", "tab");
        Pictures.assertScreen("fibers-tab-80x24", Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void aFiberThatReturnsLandsInTheFinishingRoutine() {
        press("n", "n", "n", "n", "n", "n", "n");
        Pictures.assertScreen("fibers-finished-80x24", Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void whenAllAreDoneTheSchedulerReturnsAndTheScreenSaysSo() {
        press("s");
        await("the scheduler's return").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                .until(() -> session.frame().now().returned());
        Pictures.assertScreen("fibers-all-done-80x24", Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void sideBySideAt160By48() {
        press("n", "n", "n", "n");
        Pictures.assertScreen("fibers-switch-4-160x48", Pictures.render(session.frame(), 160, 48));
    }

    @Test
    void theHelpListsTheFibersKeys() {
        press("?");
        Pictures.assertScreen("fibers-help-80x24", Pictures.render(session.frame(), 80, 24));
    }
}
