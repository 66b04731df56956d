package dev.stackviz.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Written.BelowRow;
import dev.stackviz.frame.Written.Holds;
import dev.stackviz.frame.Written.Pushes;
import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Step;
import dev.stackviz.model.TargetLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The facts a frame derives from its bytes: what its window holds, where the heartbeat is read,
 * and what was written where a sentence names it (the overflow's pushes, the rows below base, the
 * lowest byte written in the buffer).
 */
class FrameTest {

    static final long START = FrameBuilder.BASE - 16;

    static Frame window(int length) {
        return FrameBuilder.at(Step.ALLOCATE).window(START, length).build();
    }

    @Test
    void theWindowHoldsExactlyItsOwnBytes() {
        Frame frame = window(64);
        assertTrue(frame.inWindow(START, 8), "the first 8 bytes");
        assertTrue(frame.inWindow(START + 56, 8), "the last 8 bytes");
        assertFalse(frame.inWindow(START - 1, 8), "one byte before the window");
        assertFalse(frame.inWindow(START + 57, 8), "one byte past its end");
        assertFalse(frame.inWindow(START + 64, 1), "just past its end");
    }

    /** The target reported heartbeat 99; the slot at aligned-24 (0x...1258) holds 5 where the window has it. */
    static Frame running(int windowLength) {
        FrameBuilder b = FrameBuilder.running(0x7f3ca8001268L).window(START, windowLength);
        b.run(new Frame.RunFacts(false, 0x7f3ca8001268L, 33, 0, null, 99, 0, 0, false));
        return windowLength >= 0x58 - 0x30 + 8 ? b.u64(b.aligned(24), 5).build() : b.build();
    }

    @Test
    void theHeartbeatIsReadFromTheWindowWhereItHoldsTheWholeSlot() {
        // the slot is 0x7f3ca8001258..5f; the window starts at 0x7f3ca8001230
        assertEquals(5, running(0x30).heartbeat(), "the window ends right after the slot");
        assertEquals(99, running(0x2f).heartbeat(), "the window ends one byte short: the run's own reading");
    }

    @Test
    void beforeTheSwitchThereIsNoHeartbeat() {
        assertEquals(0, FrameBuilder.at(Step.SET_CONTEXT).u64(FrameBuilder.BASE + 24, 5).build().heartbeat());
    }

    static final long A = TargetLayout.OVERFLOW_PATTERN;
    static final long HEARTBEAT = 4_138_868;

    @Test
    void theOverflowsPushesAreCountedInsideTheBufferAndAcrossBase() {
        FrameBuilder aligned = FrameBuilder.overflowRunning(48).pushed();
        assertEquals(new Pushes(aligned.aligned(8), aligned.aligned(56), 5, 5, 0), aligned.build().written().pushes());
        FrameBuilder off = FrameBuilder.child(Experiment.OVERFLOW, Step.SWITCH).stack(48, 5)
                .phase(Frame.Phase.RUNNING);
        off.run(off.aligned(8), 0, null).setUp().pushed();
        assertEquals(new Pushes(off.aligned(8), off.aligned(56), 5, 4, 1), off.build().written().pushes(),
                "base 5 bytes past a multiple of 8: the lowest push starts below base and ends inside");
    }

    @Test
    void aPushIsCountedOnlyBelowTheRspTheTargetWokeWithAndOnlyWithThePattern() {
        FrameBuilder b = FrameBuilder.overflowRunning(64);
        b.u64(b.aligned(8), A).u64(b.aligned(16), A).u64(b.aligned(24), A + 1);
        assertEquals(new Pushes(b.aligned(8), b.aligned(56), 1, 1, 0), b.build().written().pushes());
    }

    @Test
    void withoutItsReportThePushesCountFromThePredictedRsp() {
        FrameBuilder b = FrameBuilder.child(Experiment.OVERFLOW, Step.SWITCH).phase(Frame.Phase.RUNNING)
                .run(0, 0, null);
        Frame frame = b.build();
        assertEquals(frame.predictedRsp(), frame.written().pushes().from());
        assertEquals(frame.predictedRsp() - 48, frame.written().pushes().lowest());
    }

    @Test
    void onlyTheOverflowAfterItsSwitchHasPushes() {
        assertEquals(null, FrameBuilder.child(Experiment.OVERFLOW, Step.SET_CONTEXT).build().written().pushes(),
                "not switched yet");
        assertEquals(null, FrameBuilder.child(Experiment.NONE, Step.SWITCH).run(0x7f3ca8001268L, 0, null).build()
                .written().pushes(), "another experiment");
        assertEquals(null, FrameBuilder.running(0x7f3ca8001268L).build().written().pushes(), "in-process");
    }

    @Test
    void onlyThePushesTheWindowHoldsAreSeen() {
        FrameBuilder b = FrameBuilder.child(Experiment.OVERFLOW, Step.SWITCH).phase(Frame.Phase.RUNNING);
        b.run(b.aligned(8), 0, null).window(b.aligned(40), 24);
        Frame frame = b.u64(b.aligned(40), A).u64(b.aligned(32), A).u64(b.aligned(24), A).build();
        assertEquals(new Pushes(b.aligned(8), b.aligned(56), 3, 3, 0), frame.written().pushes(),
                "the window holds aligned-40 to aligned-17, not the slots at aligned-16 and below aligned-40");
    }

    @Test
    void theRowsBelowBaseAreNamedByWhatTheyHoldHighestFirst() {
        FrameBuilder b = FrameBuilder.overflowRunning(40).pushed();
        long base = b.layout().base();
        Frame frame = b.u64(base - 32, 0x1234).build();
        assertEquals(List.of(new BelowRow(8, Holds.PATTERN, A), new BelowRow(16, Holds.PATTERN, A),
                new BelowRow(24, Holds.HEARTBEAT, HEARTBEAT), new BelowRow(32, Holds.OTHER, 0x1234)),
                frame.written().belowBase());
    }

    @Test
    void aRowAcrossABaseThatIsNotEightAlignedIsNotBelowIt() {
        FrameBuilder b = FrameBuilder.child(Experiment.OVERFLOW, Step.SWITCH).stack(48, 5).phase(Frame.Phase.RUNNING);
        b.run(b.aligned(8), 0, null).setUp().pushed();
        assertEquals(List.of(new BelowRow(13, Holds.HEARTBEAT, HEARTBEAT)), b.build().written().belowBase());
    }

    @Test
    void theLowestWriteInTheBufferIsItsLowestNonZeroByte() {
        FrameBuilder b = FrameBuilder.child(Experiment.SEED_HELLO, Step.SWITCH).phase(Frame.Phase.RUNNING)
                .below(new BelowBase(65536, 0));
        b.run(b.aligned(8), 0, null);
        long base = b.layout().base();
        assertEquals(0, b.u64(b.layout().top(), 0x41).u64(base - 8, 0x41).build().written().lowestInBuffer(),
                "bytes above top and below base are not in the buffer");
        assertEquals(base + 13, b.u64(base + 8, 0x0000_1200_0000_0000L).build().written().lowestInBuffer(),
                "byte 5 of the row at base + 8");
        assertEquals(base, b.u64(base, 1).build().written().lowestInBuffer(), "base itself");
        FrameBuilder part = FrameBuilder.child(Experiment.SEED_HELLO, Step.SWITCH).phase(Frame.Phase.RUNNING);
        part.run(part.aligned(8), 0, null).window(base + 16, 8).u64(base + 16, 0x100);
        assertEquals(base + 17, part.build().written().lowestInBuffer(), "where the window holds only part of it");
    }
}
