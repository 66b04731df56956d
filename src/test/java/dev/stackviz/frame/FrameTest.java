package dev.stackviz.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.model.Step;
import org.junit.jupiter.api.Test;

/** The facts a frame derives from its bytes: what its window holds, and where the heartbeat is read. */
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
}
