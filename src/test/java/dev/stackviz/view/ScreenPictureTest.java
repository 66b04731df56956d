package dev.stackviz.view;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.session.Session;
import dev.stackviz.model.StackSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The key screens at 80x24, rendered by the real Painter through a Lanterna screen onto a
 * DefaultVirtualTerminal. The simulated machine has fixed addresses and the clock is fixed, so
 * every picture is exact. Each picture is a file in src/test/resources/screens (see Pictures.assertScreen).
 */
class ScreenPictureTest {

    static final Theme THEME = new Theme(true, true);
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    Session session = open(StackSpec.defaults());

    /** A session on the simulated machine, with a clock of its own. */
    static Session simulated(StackSpec spec) {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        return new Session(() -> new SimulatedMachine(spec, clock::get), Duration.ofSeconds(60),
                Duration.ofSeconds(1), clock::get);
    }

    Session open(StackSpec spec) {
        return new Session(() -> new SimulatedMachine(spec, clock::get), Duration.ofSeconds(60),
                Duration.ofSeconds(1), clock::get);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void firstFrameShowsTheZeroedBufferBetweenItsGuards() {
        assertScreen("stack-allocate-80x24");
    }

    @Test
    void topStepMarksOnePastTheLastByte() {
        steps(1);
        assertScreen("stack-top-80x24");
    }

    @Test
    void alignStepSaysTheTopWasAlreadyAligned() {
        steps(2);
        assertScreen("stack-align-80x24");
    }

    @Test
    void writeStepMarksTheEntryBytesAsChanged() {
        steps(3);
        assertScreen("stack-write-80x24");
    }

    @Test
    void contextStepPredictsRspAndMarksCtxAsChanged() {
        steps(4);
        assertScreen("stack-context-80x24");
    }

    @Test
    void afterTheSwitchTheOutputTheHeartbeatAndTheSavedRegistersShow() {
        session.handle(Action.SWITCH);
        until("the target's line", () -> !session.frame().output().isEmpty());
        clock.addAndGet(1_500_000_000L);
        until("heartbeat 1500", () -> session.frame().heartbeat() == 1500);
        assertScreen("stack-running-80x24");
    }

    @Test
    void afterTheKillTheWatchdogSaysHowLongTheTargetRan() {
        session.handle(Action.SWITCH);
        until("the target's line", () -> !session.frame().output().isEmpty());
        clock.addAndGet(1_500_000_000L);
        until("heartbeat 1500", () -> session.frame().heartbeat() == 1500);
        session.handle(Action.KILL);
        until("the watchdog's report", () -> session.frame().report() != null);
        assertScreen("stack-killed-80x24");
    }

    @Test
    void steppingBackReplaysTheEarlierStateOnAMisalignedStack() {
        session.close();
        session = open(new StackSpec(48, 5));
        steps(4);
        session.handle(Action.STEP_BACK);
        assertScreen("stack-misaligned-back-to-write-80x24");
    }

    @Test
    void keysThatMakeNoSenseNowGiveAHint() {
        session.close();
        session = open(new StackSpec(48, 5));
        steps(4);
        session.handle(Action.STEP_BACK);
        session.handle(Action.KILL);
        assertScreen("stack-kill-hint-80x24");
    }

    @Test
    void steppingBackFromWriteMarksTheErasedBytes() {
        steps(3);
        session.handle(Action.STEP_BACK);
        String screen = screen();
        assertTrue(screen.contains("0x7f3ca8001260 *00*00*00*00*00*00 00 00 0x0000000000000000"), screen);
        assertTrue(screen.startsWith("stackviz • SIMULATED • step 3/6 align"), screen);
    }

    @Test
    void aSmallTerminalIsToldTheSizeNeeded() {
        Pictures.assertScreen("too-small-60x20", Pictures.render(session.frame(), 60, 20, THEME));
    }

    @Test
    void helpListsEveryKey() {
        session.handle(Action.HELP);
        String screen = screen();
        String flat = screen.replaceAll("[\\s░]+", " ");
        for (String line : dev.stackviz.model.Keys.helpLines()) {
            assertTrue(flat.contains(line.replaceAll("\\s+", " ").trim()), "the help says: " + line + "\n" + screen);
        }
        session.handle(Action.STEP_FORWARD);
        Pictures.assertScreen("stack-allocate-80x24", screen(), "any key closes the help, and does nothing else");
    }

    String screen() {
        return Pictures.render(session.frame(), 80, 24, THEME);
    }

    /** The 80x24 screen is the golden one in src/test/resources/screens/NAME.txt. */
    void assertScreen(String name) {
        Pictures.assertScreen(name, screen());
    }

    void steps(int n) {
        for (int i = 0; i < n; i++) {
            session.handle(Action.STEP_FORWARD);
        }
    }

    /** Waits up to 5 s for {@code condition}, polling every millisecond; the failure names what it waited for. */
    static void until(String what, Callable<Boolean> condition) {
        await(what).atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(condition);
    }
}
