package dev.stackviz.view;

import dev.stackviz.frame.Frame;
import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Origin;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import dev.stackviz.model.TargetLayout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One frame of each experiment, as the isolated child leaves its memory (the bytes written here are
 * the ones TruthTest sees the real targets write), drawn by the real painter at 80x24. The frames
 * are built by hand, with fixed addresses, so that the pictures are exact. Each picture is a file in
 * src/test/resources/screens (see Pictures.assertScreen).
 */
class ExperimentPictureTest {

    static final long BASE = 0x7f3ca8001240L;
    static final long ENTRY = 0x7f3cb2a01060L;
    static final long CONTEXT = 0x7f3ca80012c0L;
    static final int PID = 4242;
    static final StackLayout LAYOUT = new StackLayout(BASE, 48);

    /** A frame of the child's memory after the switch; {@code bytes} are (address, u64) pairs to write. */
    static Frame frame(Experiment experiment, Frame.Phase phase, long woke, long callRsp, Report report,
                       BelowBase below, long... bytes) {
        long start = dev.stackviz.machine.Machine.windowStart(LAYOUT, experiment);
        byte[] window = new byte[(int) (LAYOUT.top() + dev.stackviz.machine.Machine.GUARD - start)];
        for (int i = 0; i < bytes.length; i += 2) {
            System.arraycopy(StackLayout.littleEndian(bytes[i + 1]), 0, window, (int) (bytes[i] - start), 8);
        }
        long entrySlot = LAYOUT.aligned() - experiment.entryBelowTop();
        return new Frame(MachineKind.ISOLATED, PID, phase == Frame.Phase.RUNNING ? Origin.PROC_MEM : Origin.LAST_READ,
                LAYOUT, experiment, Step.SWITCH, phase, start, window, window.clone(), ENTRY, CONTEXT, entrySlot,
                entrySlot, new Frame.RunFacts(true, woke, 33, callRsp, null, 0, 0, 0, false), null, report, below,
                "I LOVE WAKING UP ON A NEW STACK!\n", Frame.Overlay.NONE, List.of(), "", Duration.ofSeconds(60),
                1_500_000_000L);
    }

    static long at(int belowTop) {
        return LAYOUT.aligned() - belowTop;
    }

    @Test
    void misalignedShowsTheFaultAndWhy() {
        Report died = new Report(Report.Cause.ENDED_BY_ITSELF, Duration.ofSeconds(60), Duration.ofMillis(4),
                0, null, true, Duration.ofSeconds(1), Fate.killedBy(Fate.SIGSEGV, null));
        Frame frame = frame(Experiment.MISALIGNED, Frame.Phase.RETURNED, at(16), 0, died, new BelowBase(65536, 0),
                at(24), ENTRY);
        Pictures.assertScreen("experiment-misaligned-80x24", Pictures.render(frame, 80, 24));
    }

    @Test
    void overflowShowsWhereEachPushLandedAndWhatLiesBelowBase() {
        long a = TargetLayout.OVERFLOW_PATTERN;
        Frame frame = frame(Experiment.OVERFLOW, Frame.Phase.RUNNING, at(8), 0, null, new BelowBase(65536, 8),
                at(16), a, at(24), a, at(32), a, at(40), a, at(48), a, at(56), 4_138_868);
        Pictures.assertScreen("experiment-overflow-80x24", Pictures.render(frame, 80, 24));
    }

    @Test
    void seedHelloShowsHowDeepTheCLibraryWentAndTheAlignmentOfItsCall() {
        Frame frame = frame(Experiment.SEED_HELLO, Frame.Phase.RUNNING, at(8), at(32), null,
                new BelowBase(65536, 632), at(16), ENTRY, at(24), 3_999_121, at(40), 0x7f8dabd7134fL,
                at(48), 0x7f8daa91deb0L, at(56), 1, at(64), 8);
        Pictures.assertScreen("experiment-seed-hello-80x24", Pictures.render(frame, 80, 24));
    }

    @Test
    void theSeedsForeverLoopSaysThereIsNoWayBack() {
        Frame frame = frame(Experiment.NONE, Frame.Phase.RUNNING, at(8), 0, null, new BelowBase(65536, 0),
                at(16), ENTRY, at(24), 432_513);
        Pictures.assertScreen("experiment-none-80x24", Pictures.render(frame, 80, 24));
    }
}
