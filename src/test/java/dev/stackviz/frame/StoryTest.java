package dev.stackviz.frame;

import static dev.stackviz.frame.FrameBuilder.at;
import static dev.stackviz.frame.FrameBuilder.child;
import static dev.stackviz.frame.FrameBuilder.running;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.model.Cpus;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Instruction;
import dev.stackviz.model.Report;
import dev.stackviz.model.Step;
import dev.stackviz.model.Trace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The explanation under the grid, sentence by sentence, for frames built by hand at fixed
 * addresses: the seed's 48 bytes at 0x7f3ca8001240, so aligned = top = 0x7f3ca8001270.
 */
class StoryTest {

    static Report killed(Fate fate) {
        return new Report(Report.Cause.KILL, Duration.ofSeconds(60), Duration.ofMillis(2345), 1500,
                Duration.ofMillis(3), true, Duration.ofSeconds(1), fate);
    }

    static Report lost() {
        return new Report(Report.Cause.KILL, Duration.ofSeconds(60), Duration.ofMillis(2345), 1500, null, false,
                Duration.ofSeconds(1), null);
    }

    /** The switching thread, stopped by the tracer at the first instruction of sv_jump. */
    static Trace atJump() {
        Instruction next = new Instruction(0x7f3cb2a01000L, "sv_jump", 0, "endbr64", 4, true);
        return new Trace(Trace.Status.AT_JUMP, List.of(), 0, next, Cpus.of("rip", 0x7f3cb2a01000L, "rsp",
                0x7ffd5a3c1e08L), null);
    }

    @Test
    void beforeTheTargetReportsItsRspTheViewSaysSo() {
        assertEquals("The switch ran; the target has not reported its rsp yet. k asks it to go back.",
                Texts.explanation(running(0).build()));
    }

    @Test
    void theCpuWokeWhereTheSetupPredicted() {
        Frame frame = running(0x7f3ca8001268L).setUp().build();
        assertEquals("The CPU woke up in the target with rsp = 0x7f3ca8001268 = aligned-8, as predicted. Its heartbeat, "
                + "a local at aligned-24 = 0x7f3ca8001258, changes as you watch. k asks it to go back.",
                Texts.explanation(frame));
    }

    @Test
    void aWakeElsewhereThanPredictedIsCalledOut() {
        Frame frame = running(0x7f3ca8001260L).setUp().build();
        assertEquals("The CPU woke up in the target with rsp = 0x7f3ca8001260 (aligned-16), NOT aligned-8 as predicted. "
                + "Its heartbeat, a local at aligned-24 = 0x7f3ca8001258, changes as you watch. k asks it to go back.",
                Texts.explanation(frame));
    }

    @Test
    void aTargetThatCameBackSaysHowAndOffersAFreshStack() {
        Frame frame = running(0x7f3ca8001268L).phase(Frame.Phase.RETURNED).report(killed(null)).build();
        assertEquals("The target jumped to the saved context (sv_resume): the thread is back on its own stack with "
                + "its registers and signal mask restored, and sv_switch returned. r starts a fresh stack.",
                Texts.explanation(frame));
    }

    @Test
    void aTargetThatDidNotComeBackIsLostAndOnlyQuitHelps() {
        Frame frame = running(0x7f3ca8001268L).phase(Frame.Phase.LOST).report(lost()).build();
        assertEquals("The target did not come back within 1.00 s: its thread is lost, spinning on the buffer. "
                + "stackviz keeps that memory allocated. q quits.", Texts.explanation(frame));
    }

    @Test
    void aChildThatWouldNotDieMayRemainAfterQuitting() {
        Frame frame = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.LOST).run(0x7f3ca8001268L, 0, null)
                .report(lost()).build();
        assertEquals("The child did not end even after SIGKILL: it is stuck in the kernel. q quits; the child may "
                + "remain.", Texts.explanation(frame));
    }

    @Test
    void theSeedsChildEndedFromOutsideOffersANewChild() {
        Frame frame = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RETURNED).run(0x7f3ca8001268L, 0, null)
                .report(killed(Fate.killedBy(Fate.SIGTERM, null))).build();
        assertEquals("The child ran the seed's forever loop on 48 bytes until it was ended from outside: it was killed "
                + "by SIGTERM (signal 15). r starts a new child.", Texts.explanation(frame));
    }

    @Test
    void aChildThatEndedBeforeItsReportWasReadShowsThePredictedRspAsSuch() {
        Frame frame = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RUNNING).run(0, 0, null).build();
        assertEquals("The child jumped one way and woke in the target with rsp = 0x7f3ca8001268 (predicted: the child "
                + "ended before its report was read). Its heartbeat at aligned-24 = 0x7f3ca8001258 counts; there is "
                + "no way back. k ends the child (SIGTERM, then SIGKILL).", Texts.explanation(frame));
    }

    @Test
    void whileTheTracerHoldsTheThreadTheKeysAreIAndC() {
        Frame frame = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RUNNING).run(0, 0, null).trace(atJump())
                .build();
        assertEquals("The child's switching thread stopped at the first instruction of sv_jump (a hardware breakpoint "
                + "in DR0; the code is untouched). rsp is still its own stack's. i: the next one; c: full speed.",
                Texts.explanation(frame));
    }

    @Test
    void afterAFaultTheNextStepDeliversTheSignal() {
        Trace at = atJump();
        Trace faulted = new Trace(Trace.Status.FAULTED, at.steps(), 0, at.next(), at.cpu(), null);
        Frame frame = child(Experiment.MISALIGNED, Step.SWITCH).phase(Frame.Phase.RUNNING).run(0, 0, null)
                .trace(faulted).build();
        assertEquals("i delivers the signal.", Texts.next(frame));
    }

    @Test
    void aTracedChildThatEndedIsToldAsEndedNotAsAStep() {
        Frame frame = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RETURNED).run(0x7f3ca8001268L, 0, null)
                .trace(atJump()).report(killed(Fate.killedBy(Fate.SIGTERM, null))).build();
        assertEquals("The child ran the seed's forever loop on 48 bytes until it was ended from outside: it was killed "
                + "by SIGTERM (signal 15).", Texts.story(frame));
    }

    @Test
    void aTraceLetGoIsNoLongerStepping() {
        Trace at = atJump();
        Trace let = new Trace(Trace.Status.RUNNING, at.steps(), 0, null, at.cpu(), null);
        Frame frame = child(Experiment.NONE, Step.SWITCH).phase(Frame.Phase.RUNNING).run(0x7f3ca8001268L, 0, null)
                .trace(let).setUp().build();
        assertEquals("The child jumped one way and woke in the target with rsp = 0x7f3ca8001268 = aligned-8, as "
                + "predicted. Its heartbeat at aligned-24 = 0x7f3ca8001258 counts; there is no way back. k ends the "
                + "child (SIGTERM, then SIGKILL).", Texts.explanation(frame));
    }
}
