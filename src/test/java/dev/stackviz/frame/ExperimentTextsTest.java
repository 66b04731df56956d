package dev.stackviz.frame;

import static dev.stackviz.frame.FrameBuilder.child;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Step;
import dev.stackviz.model.TargetLayout;
import org.junit.jupiter.api.Test;

/**
 * What the experiments say: how each introduces itself, and what overflow and seed-hello show while
 * they run, each number read from the frame's bytes.
 */
class ExperimentTextsTest {

    static final long A = TargetLayout.OVERFLOW_PATTERN;

    @Test
    void eachExperimentIntroducesItselfWithItsOwnNumbers() {
        assertEquals("Child 4242: the seed exactly, on a zeroed buffer of 48 bytes at base = 0x7f3ca8001240. After "
                + "the setup, a one-way jump (sv_jump) into a target that never comes back; k (or the watchdog) ends "
                + "the child: SIGTERM, then SIGKILL.", intro(Experiment.NONE), "none");
        assertEquals("Experiment misaligned, in child 4242: the entry will go to aligned-24 instead of aligned-16, so "
                + "that after ret rsp = aligned-16, a multiple of 16, where the ABI promises a function (rsp + 8) % 16 "
                + "== 0. The target then makes an aligned SSE store (movaps).", intro(Experiment.MISALIGNED),
                "misaligned");
        assertEquals("Experiment overflow, in child 4242: from rsp = aligned-8 the target pushes 6 values (48 bytes), "
                + "down to aligned-56, which is 8 bytes below base of this 48-byte buffer.",
                intro(Experiment.OVERFLOW), "overflow");
        assertEquals("Experiment seed-hello, in child 4242: the target prints through the C library (puts, fflush), "
                + "as the seed's println! does, on a 48-byte stack. The child keeps 64 KiB of zeros below base, so "
                + "what libc writes there shows instead of doing harm.", intro(Experiment.SEED_HELLO), "seed-hello");
    }

    private static String intro(Experiment experiment) {
        return ExperimentTexts.intro(child(experiment, Step.ALLOCATE).below(new BelowBase(65536, 0)).build());
    }

    @Test
    void theOverflowIntroSaysWhereThePushesEndInABiggerBuffer() {
        Frame frame = child(Experiment.OVERFLOW, Step.ALLOCATE).stack(64, 0).build();
        assertEquals("Experiment overflow, in child 4242: from rsp = aligned-8 the target pushes 6 values (48 bytes), "
                + "down to aligned-56, which is 8 bytes above base of this 64-byte buffer.",
                ExperimentTexts.intro(frame));
    }

    @Test
    void seedHelloWarnsWhereTheMemoryBelowBaseCannotBeRead() {
        Frame frame = child(Experiment.SEED_HELLO, Step.ALLOCATE).below(null).build();
        assertEquals("Experiment seed-hello, in child 4242: the target prints through the C library (puts, fflush), "
                + "as the seed's println! does, on a 48-byte stack. The memory below base cannot be read here, so "
                + "where libc writes will not show.", ExperimentTexts.intro(frame));
    }

    static final String MOVAPS = "movaps needs a 16-byte aligned address. The target ";

    @Test
    void theMisalignedStoreIsToldFromTheRspTheTargetReported() {
        FrameBuilder b = child(Experiment.MISALIGNED, Step.SWITCH).phase(Frame.Phase.RUNNING);
        assertEquals(MOVAPS + "woke with rsp = aligned-8 (rsp % 16 = 8), reserved 24 bytes trusting the ABI, and stored "
                + "to [rsp] = aligned-32, 0 off a multiple of 16. Waiting to see how the child ends.",
                ExperimentTexts.running(b.run(b.aligned(8), 0, null).build()),
                "a report that is not the prediction: the numbers are the report's");
        assertEquals(MOVAPS + "was to wake with (predicted) rsp = aligned-16 (rsp % 16 = 0), reserved 24 bytes trusting "
                + "the ABI, and stored to [rsp] = aligned-40, 8 off a multiple of 16. Waiting to see how the child ends.",
                ExperimentTexts.running(b.run(0, 0, null).build()), "no report: the prediction, said to be one");
    }

    @Test
    void aMisalignedChildThatFaultedSaysWhyTheSetupWritesWhereItDoes() {
        FrameBuilder b = child(Experiment.MISALIGNED, Step.SWITCH).phase(Frame.Phase.RETURNED);
        b.run(b.aligned(16), 0, null);
        String store = "woke with rsp = aligned-16 (rsp % 16 = 0), reserved 24 bytes trusting the ABI, and stored to "
                + "[rsp] = aligned-40, 8 off a multiple of 16.";
        assertEquals(MOVAPS + store + " The CPU faulted: the child was killed by SIGSEGV (signal 11). This is why the "
                + "setup writes at aligned-16.",
                ExperimentTexts.ended(b.report(StoryTest.killed(Fate.killedBy(Fate.SIGSEGV, null))).build()));
        assertEquals(MOVAPS + store + " The child was killed by SIGTERM (signal 15).",
                ExperimentTexts.ended(b.report(StoryTest.killed(Fate.killedBy(Fate.SIGTERM, null))).build()));
        assertEquals(MOVAPS + store + " The child ended.", ExperimentTexts.ended(b.report(StoryTest.killed(null)).build()),
                "no fate read");
    }

    @Test
    void bytesReadBeforeTheFirstPushAreNotTakenForNothingWritten() {
        Frame frame = FrameBuilder.overflowRunning(40).build();
        assertEquals("From aligned-8 the target pushes 6 'AAAAAAAA' down to aligned-56 (24 bytes below base), then "
                + "puts its heartbeat in the lowest slot; the bytes read so far show none of it yet.",
                ExperimentTexts.running(frame));
    }

    @Test
    void onFortyBytesTwoPushesLandBelowBaseAndTheScreenNamesEach() {
        Frame frame = FrameBuilder.overflowRunning(40).pushed().build();
        assertEquals("From aligned-8 the target pushed 6 'AAAAAAAA' down to aligned-56 (24 bytes below base), then put "
                + "its heartbeat in the lowest slot. 3 rows of 'AAAAAAAA' are inside the buffer; below base, "
                + "base-8 and base-16 hold 'AAAAAAAA', base-24 holds the heartbeat. The entry "
                + "address at aligned-16 was overwritten.", ExperimentTexts.running(frame));
    }

    @Test
    void onSixtyFourBytesNothingLeavesTheBuffer() {
        Frame frame = FrameBuilder.overflowRunning(64).pushed().build();
        assertEquals("From aligned-8 the target pushed 6 'AAAAAAAA' down to aligned-56 (8 bytes above base), then put "
                + "its heartbeat in the lowest slot. 5 rows of 'AAAAAAAA' are inside the buffer; below base, nothing "
                + "was written. The entry address at aligned-16 was overwritten.", ExperimentTexts.running(frame));
    }

    @Test
    void beforeThePushesArriveTheEntryIsStillInPlaceAndOneRowIsSaidAsOne() {
        FrameBuilder b = FrameBuilder.overflowRunning(48);
        Frame frame = b.u64(b.aligned(24), A).build();
        assertEquals("From aligned-8 the target pushed 6 'AAAAAAAA' down to aligned-56 (8 bytes below base), then put "
                + "its heartbeat in the lowest slot. 1 row of 'AAAAAAAA' is inside the buffer; below base, nothing was "
                + "written.", ExperimentTexts.running(frame));
    }

    @Test
    void withoutItsReportTheOverflowCountsFromThePredictedRsp() {
        FrameBuilder b = child(Experiment.OVERFLOW, Step.SWITCH).phase(Frame.Phase.RUNNING).run(0, 0, null).setUp();
        Frame frame = b.pushed().build();
        assertEquals("From aligned-8 the target pushed 6 'AAAAAAAA' down to aligned-56 (8 bytes below base), then put "
                + "its heartbeat in the lowest slot. 5 rows of 'AAAAAAAA' are inside the buffer; below base, base-8 "
                + "holds the heartbeat. The entry address at aligned-16 was overwritten.",
                ExperimentTexts.running(frame));
    }

    @Test
    void aPatternAtRspItselfWasNotPushedAndIsNotCounted() {
        FrameBuilder b = FrameBuilder.overflowRunning(64);
        Frame frame = b.u64(b.aligned(8), A).u64(b.aligned(24), A).build();
        assertEquals("From aligned-8 the target pushed 6 'AAAAAAAA' down to aligned-56 (8 bytes above base), then put "
                + "its heartbeat in the lowest slot. 1 row of 'AAAAAAAA' is inside the buffer; below base, nothing was "
                + "written.", ExperimentTexts.running(frame));
    }

    @Test
    void otherBytesBelowBaseAreShownAsNumbersDownToTheWindowsLastRow() {
        FrameBuilder b = FrameBuilder.overflowRunning(48).pushed();
        long windowStart = b.aligned(56) - FrameBuilder.GUARD;
        Frame frame = b.u64(b.layout().base() - 16, 0x1234).u64(windowStart, 0xbeef).build();
        assertEquals("From aligned-8 the target pushed 6 'AAAAAAAA' down to aligned-56 (8 bytes below base), then put "
                + "its heartbeat in the lowest slot. 5 rows of 'AAAAAAAA' are inside the buffer; below base, base-8 "
                + "holds the heartbeat, base-16 holds 0x1234, base-40 holds 0xbeef. The entry address at aligned-16 "
                + "was overwritten.", ExperimentTexts.running(frame));
    }

    @Test
    void aBaseThatIsNotEightAlignedLeavesItsSharedRowOutOfWhatLiesBelow() {
        FrameBuilder b = child(Experiment.OVERFLOW, Step.SWITCH).stack(48, 5).phase(Frame.Phase.RUNNING);
        b.run(b.aligned(8), 0, null).setUp();
        Frame frame = b.pushed().build();
        assertEquals("From aligned-8 the target pushed 6 'AAAAAAAA' down to aligned-56 (13 bytes below base), then put "
                + "its heartbeat in the lowest slot. 4 rows of 'AAAAAAAA' are inside the buffer, 1 across base; below "
                + "base, base-13 holds the heartbeat. The entry address at aligned-16 was overwritten.",
                ExperimentTexts.running(frame));
    }

    /** seed-hello running, with libc's bytes as {@code bytes} (address, u64 pairs). */
    static Frame seedHello(BelowBase below, long callRsp, long... bytes) {
        FrameBuilder b = child(Experiment.SEED_HELLO, Step.SWITCH).phase(Frame.Phase.RUNNING).below(below);
        b.run(b.aligned(8), callRsp == 0 ? 0 : b.aligned((int) callRsp), null).setUp();
        for (int i = 0; i < bytes.length; i += 2) {
            b.u64(b.aligned((int) bytes[i]), bytes[i + 1]);
        }
        return b.build();
    }

    @Test
    void seedHelloSaysHowLowLibcWroteInsideTheBuffer() {
        // the lowest non-zero byte is byte 5 of aligned-40: aligned-35
        Frame frame = seedHello(new BelowBase(65536, 0), 32, 40, 0x0000_1200_0000_0000L);
        assertEquals("puts and fflush ran inside the 48-byte buffer, down to aligned-35; nothing below base was "
                + "written (64 KiB watched). puts was called with rsp = aligned-32, a multiple of 16, as the ABI asks.",
                ExperimentTexts.running(frame));
    }

    @Test
    void seedHelloWithNothingWrittenInTheBufferNamesNoDepth() {
        FrameBuilder b = child(Experiment.SEED_HELLO, Step.SWITCH).phase(Frame.Phase.RUNNING)
                .below(new BelowBase(65536, 0));
        b.run(b.aligned(8), 0, null);
        Frame frame = b.u64(b.layout().top(), 0x4141).build();
        assertEquals("puts and fflush ran inside the 48-byte buffer; nothing below base was written (64 KiB watched).",
                ExperimentTexts.running(frame), "the byte at top is outside the buffer");
    }

    @Test
    void seedHelloWithoutTheMemoryBelowBaseSaysItCannotBeRead() {
        Frame frame = seedHello(null, 40);
        assertEquals("puts and fflush ran on this 48-byte stack; the memory below base cannot be read here. puts was "
                + "called with rsp = aligned-40, NOT a multiple of 16, as the ABI asks.",
                ExperimentTexts.running(frame));
    }
}
