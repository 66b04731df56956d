package dev.stackviz.frame;

import static dev.stackviz.frame.FrameBuilder.at;
import static dev.stackviz.frame.FrameBuilder.child;
import static dev.stackviz.frame.FrameBuilder.running;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchdog's line in the view, its report in dump, the output pane and the numbers they are made of. */
class StatusTextsTest {

    static final String DOT = " • ";

    static Report report(Report.Cause cause, Duration stopTook, boolean returned, Fate fate) {
        return new Report(cause, Duration.ofSeconds(60), Duration.ofMillis(2345), 1500, stopTook, returned,
                Duration.ofSeconds(1), fate);
    }

    static String status(FrameBuilder frame) {
        return StatusTexts.status(frame.build(), DOT);
    }

    @Test
    void aRunningTargetsClockLeavesOutTheTimeTheAppWasSuspended() {
        FrameBuilder b = running(0x7f3ca8001268L);
        b.run(new Frame.RunFacts(false, 0x7f3ca8001268L, 33, 0, null, 0, FrameBuilder.NOW - 3_450_000_000L,
                1_000_000_000L, false)).u64(b.aligned(24), 777);
        assertEquals("watchdog: RUNNING 2.4 s • heartbeat 777 • k stops it • deadline 60.00 s", status(b),
                "3.45 s since the switch, 1 s of it suspended");
    }

    @Test
    void aRunningChildIsEndedNotStopped() {
        FrameBuilder b = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RUNNING).run(0x7f3ca8001268L, 0, null);
        assertEquals("watchdog: RUNNING 2.3 s • heartbeat 0 • k ends it • deadline 60.00 s", status(b));
    }

    @Test
    void aStoppedChildSaysWhoCanLetItGoOn() {
        FrameBuilder b = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RUNNING)
                .run(new Frame.RunFacts(true, 0x7f3ca8001268L, 33, 0, null, 0, 0, 0, true));
        assertEquals("child 4242 is STOPPED (SIGSTOP or a debugger): its heartbeat stands still • kill -CONT 4242 lets "
                + "it go on • k ends it", status(b));
    }

    @Test
    void whileSteppingTheWatchdogIsPausedAndCountsInstructions() {
        FrameBuilder b = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RUNNING).run(0, 0, null)
                .trace(StoryTest.atJump());
        assertEquals("watchdog: paused while stepping • instruction 0 • c runs it at full speed • k ends it", status(b));
    }

    @Test
    void stoppingSaysWhatTheWatchdogIsWaitingFor() {
        assertEquals("watchdog: asked the target to stop; waiting for it to come back",
                status(running(0x7f3ca8001268L).phase(Frame.Phase.STOPPING)), "in-process");
        assertEquals("watchdog (SIMULATED target): asked the target to stop; waiting for it to come back",
                status(running(0x7f3ca8001268L).simulated().phase(Frame.Phase.STOPPING)), "simulated");
        assertEquals("watchdog: sent SIGTERM; waiting for the child to go",
                status(child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.STOPPING).run(0, 0, null)), "a child");
    }

    @Test
    void aLostTargetAndAChildThatWouldNotDieAreToldApart() {
        Report lost = report(Report.Cause.KILL, null, false, null);
        assertEquals("watchdog: the target did NOT come back within 1.00 s; its thread is lost",
                status(running(0x7f3ca8001268L).phase(Frame.Phase.LOST).report(lost)), "in-process");
        assertEquals("watchdog: the child did not end, even after SIGKILL",
                status(child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.LOST).run(0, 0, null).report(lost)),
                "a child");
    }

    @Test
    void aReturnedTargetSaysWhyHowLongAndHowFastItCameBack() {
        Report back = report(Report.Cause.DEADLINE, Duration.ofNanos(120_000), true, null);
        assertEquals("watchdog: deadline of 60.00 s reached • ran 2.35 s • heartbeat 1500 • back in 120.0 us",
                status(running(0x7f3ca8001268L).phase(Frame.Phase.RETURNED).report(back)));
    }

    static String childStatus(Report report) {
        return status(child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RETURNED).run(0, 0, null).report(report));
    }

    @Test
    void aChildsStatusSaysHowItEndedAndWhoEndedIt() {
        assertEquals("child was killed by SIGSEGV (signal 11) on its own • seen gone 2.35 s after the jump",
                childStatus(report(Report.Cause.ENDED_BY_ITSELF, null, true, Fate.killedBy(Fate.SIGSEGV, null))));
        assertEquals("child was killed by SIGTERM (signal 15) • ran 2.35 s • gone 3.0 ms after k",
                childStatus(report(Report.Cause.KILL, Duration.ofMillis(3), true, Fate.killedBy(Fate.SIGTERM, null))));
        assertEquals("child was killed by SIGTERM (signal 15) • ran 2.35 s • gone 3.0 ms after the deadline",
                childStatus(report(Report.Cause.DEADLINE, Duration.ofMillis(3), true,
                        Fate.killedBy(Fate.SIGTERM, null))));
        assertEquals("child ended • ran 2.35 s", childStatus(report(Report.Cause.KILL, null, true, null)),
                "no fate read and no stop timed");
    }

    @Test
    void dumpsReportOfAnInProcessTarget() {
        Report back = report(Report.Cause.KILL, Duration.ofNanos(120_000), true, null);
        assertEquals("watchdog: kill requested; the target ran 2.35 s, heartbeat 1500, back in 120.0 us",
                StatusTexts.report(back, false, false));
        assertEquals("watchdog: kill requested; the target ran 2.35 s, heartbeat 1500, the Java thread playing it "
                + "stopped in 120.0 us [SIMULATED]", StatusTexts.report(back, true, false));
        Report lost = report(Report.Cause.DEADLINE, null, false, null);
        assertEquals("watchdog: deadline of 60.00 s reached; asked the target to stop, and it was NOT back within "
                + "1.00 s: its thread is lost (heartbeat 1500)", StatusTexts.report(lost, false, false));
        assertEquals("watchdog: deadline of 60.00 s reached; asked the target to stop, and it was NOT back within "
                + "1.00 s: its thread is lost (heartbeat 1500) [SIMULATED]", StatusTexts.report(lost, true, false));
    }

    @Test
    void dumpsReportOfAChild() {
        assertEquals("watchdog: kill requested; the child did not end, even after SIGKILL",
                StatusTexts.report(report(Report.Cause.KILL, null, false, null), false, true));
        assertEquals("watchdog: nobody asked the target to stop; the child was killed by SIGSEGV (signal 11); the "
                + "parent saw it gone 2.35 s after the jump (it died sooner: that is when the parent noticed)",
                StatusTexts.report(report(Report.Cause.ENDED_BY_ITSELF, null, true, Fate.killedBy(Fate.SIGSEGV, null)),
                        false, true));
        assertEquals("watchdog: kill requested; the child was killed by SIGTERM (signal 15); it ran 2.35 s, heartbeat "
                + "1500, and took 3.0 ms to die",
                StatusTexts.report(report(Report.Cause.KILL, Duration.ofMillis(3), true,
                        Fate.killedBy(Fate.SIGTERM, null)), false, true));
        assertEquals("watchdog: kill requested; the child ended; it ran 2.35 s, heartbeat 1500",
                StatusTexts.report(report(Report.Cause.KILL, null, true, null), false, true), "no fate, no stop timed");
    }

    @Test
    void theOutputPaneShowsTheLastLinesTheTargetWrote() {
        Frame three = running(0x7f3ca8001268L).output("one\ntwo\nthree\n").build();
        assertEquals(List.of("two", "three"), StatusTexts.outputLines(three, 2), "the last two");
        assertEquals(List.of("one", "two", "three"), StatusTexts.outputLines(three, 8), "all there are");
        assertEquals(List.of("(waiting)"), StatusTexts.outputLines(running(0x7f3ca8001268L).build(), 8), "switched");
        assertEquals(List.of("(nothing yet: it writes once it wakes up)"),
                StatusTexts.outputLines(at(Step.TOP).build(), 8),
                "before the switch");
    }

    @Test
    void theBenchPanelFramesTheFiguresWithWhatTheyAre() {
        assertEquals(List.of("switch costs, measured just now on this machine (stackviz bench --quick)", "",
                "sv_switch  4.1 ns", "", "any key closes this panel; 'stackviz bench' measures longer"),
                StatusTexts.benchPanel(List.of("sv_switch  4.1 ns")));
    }

    static final StackLayout LAYOUT = new StackLayout(FrameBuilder.BASE, 48);
    static final long ALIGNED = LAYOUT.aligned();

    @Test
    void addressesAreNamedFromTheAlignedTopEitherSide() {
        assertEquals("aligned-16", Texts.relative(LAYOUT, ALIGNED - 16));
        assertEquals("aligned", Texts.relative(LAYOUT, ALIGNED));
        assertEquals("aligned+8", Texts.relative(LAYOUT, ALIGNED + 8));
        assertEquals("not set yet", Texts.relative(LAYOUT, 0));
    }

    @Test
    void distancesFromBaseSayWhichSideAndHowFar() {
        long base = LAYOUT.base();
        assertEquals("exactly base", Texts.fromBase(LAYOUT, base));
        assertEquals("1 byte below base", Texts.fromBase(LAYOUT, base - 1));
        assertEquals("1 byte above base", Texts.fromBase(LAYOUT, base + 1));
        assertEquals("24 bytes above base", Texts.fromBase(LAYOUT, base + 24));
    }

    @Test
    void anAddressMoreThanAMebibyteFromTheStackIsTheThreadsOwnStack() {
        assertEquals("aligned-1048576", Texts.place(LAYOUT, ALIGNED - (1 << 20)), "exactly 1 MiB below");
        assertEquals("the thread's own stack", Texts.place(LAYOUT, ALIGNED - (1 << 20) - 1), "a byte further");
        assertEquals("aligned+1048576", Texts.place(LAYOUT, ALIGNED + (1 << 20)), "exactly 1 MiB above");
        assertEquals("the thread's own stack", Texts.place(LAYOUT, 0x7ffd5a3c1e08L), "a thread's stack, far away");
        assertEquals("aligned-8", Texts.place(at(Step.TOP).build(), ALIGNED - 8), "from a frame's layout");
    }
}
