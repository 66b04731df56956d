package dev.stackviz.frame;

import static dev.stackviz.frame.FrameBuilder.at;
import static dev.stackviz.frame.FrameBuilder.child;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.model.Experiment;
import dev.stackviz.model.Isa;
import dev.stackviz.model.Step;
import org.junit.jupiter.api.Test;

/**
 * What each setup step says, for frames built by hand at fixed addresses: the seed's 48 bytes at
 * 0x7f3ca8001240, so aligned = top = 0x7f3ca8001270 (or 5 bytes higher, where the top is not aligned).
 */
class SetupTextsTest {

    @Test
    void theBufferIsOnTheHeapNativelyAndAJavaArraySimulated() {
        String guards = ", base = 0x7f3ca8001240. This is all the stack the target will get; the dimmed bytes around "
                + "it are guards, to show any write outside it.";
        assertEquals("A zeroed buffer of 48 bytes on the heap" + guards, SetupTexts.setup(at(Step.ALLOCATE).build()));
        assertEquals("A zeroed buffer of 48 bytes (SIMULATED: a Java array at a made-up address)" + guards,
                SetupTexts.setup(at(Step.ALLOCATE).simulated().build()));
    }

    @Test
    void inAChildTheFirstStepIntroducesTheExperiment() {
        Frame frame = child(Experiment.OVERFLOW, Step.ALLOCATE).build();
        assertEquals(ExperimentTexts.intro(frame), SetupTexts.setup(frame));
    }

    @Test
    void anAlignedTopStaysAndAnotherMovesDownToAMultipleOfSixteen() {
        assertEquals("0x7f3ca8001270 & ~15 = 0x7f3ca8001270: already aligned. The ABI keeps rsp a multiple of 16 at "
                + "every call, because aligned SSE loads and stores fault otherwise.",
                SetupTexts.setup(at(Step.ALIGN).build()));
        assertEquals("0x7f3ca8001275 & ~15 = 0x7f3ca8001270: the top moves down 5 bytes to a multiple of 16, because "
                + "the ABI keeps rsp 16-aligned at calls (aligned SSE accesses fault otherwise).",
                SetupTexts.setup(at(Step.ALIGN).stack(48, 5).build()));
    }

    @Test
    void theSeedsEntrySaysWhyItGoesWhereItGoes() {
        assertEquals("The target's address 0x7f3cb2a01060 goes to aligned-16 = 0x7f3ca8001260, lowest byte first "
                + "(little-endian). Why -16: ret pops it and leaves rsp = aligned-8 = 0x7f3ca8001268, as after a call: "
                + "(rsp + 8) % 16 == 0.", SetupTexts.setup(at(Step.WRITE_ENTRY).setUp().build()));
    }

    @Test
    void aMisalignedEntrySaysWhatRspRetWillLeaveAndWhatTheAbiPromisesInstead() {
        Frame frame = child(Experiment.MISALIGNED, Step.WRITE_ENTRY).setUp().build();
        assertEquals("The target's address 0x7f3cb2a01060 goes to aligned-24 = 0x7f3ca8001258, lowest byte first "
                + "(little-endian). ret will pop it and leave rsp = aligned-16 = 0x7f3ca8001260: (rsp + 8) % 16 = 8, "
                + "where the ABI promises every function 0.", Texts.explanation(frame),
                "the misaligned entry is explained from the rsp it will leave; the key to press comes at the context");
    }

    @Test
    void theContextStepNamesTheSlotCtxRspPointsAt() {
        assertEquals("ctx.rsp = aligned-24 = 0x7f3ca8001258. The switch will load rsp from ctx, and ret will pop the "
                + "address stored there.", SetupTexts.setup(child(Experiment.MISALIGNED, Step.SET_CONTEXT).build()));
    }

    /** On AArch64 the same steps say what differs: sp, x30, a 16-byte load, alignment at all times. */
    @Test
    void onAarch64TheStepsSayWhatRetDoesThere() {
        FrameBuilder arm = at(Step.ALIGN).isa(Isa.AARCH64);
        assertEquals("0x7f3ca8001270 & ~15 = 0x7f3ca8001270: already aligned. AAPCS64 keeps sp a multiple of 16 at all "
                + "times: a load or store through a misaligned sp faults.", SetupTexts.setup(arm.build()));
        assertEquals("0x7f3ca8001275 & ~15 = 0x7f3ca8001270: the top moves down 5 bytes to a multiple of 16. AAPCS64 "
                + "keeps sp a multiple of 16 at all times: a load or store through a misaligned sp faults.",
                SetupTexts.setup(at(Step.ALIGN).isa(Isa.AARCH64).stack(48, 5).build()));
        assertEquals("The target's address 0x7f3cb2a01060 goes to aligned-16 = 0x7f3ca8001260, lowest byte first "
                + "(little-endian). Why -16: ldr x30, [sp], #16 will load it and leave sp = aligned = 0x7f3ca8001270, a "
                + "multiple of 16: sp moves in 16-byte steps, so the 8 bytes above the address go with it.",
                SetupTexts.setup(at(Step.WRITE_ENTRY).isa(Isa.AARCH64).setUp().build()));
        assertEquals("ctx.sp = aligned-16 = 0x7f3ca8001260. The switch will load sp from ctx, then the address stored "
                + "there into x30, the link register: AArch64's ret pops nothing, it branches to x30.",
                SetupTexts.setup(at(Step.SET_CONTEXT).isa(Isa.AARCH64).build()));
        assertEquals("The switch: ldr x11, [ctx]; mov sp, x11; ldr x30, [sp], #16; ret.",
                SetupTexts.setup(at(Step.SWITCH).isa(Isa.AARCH64).build()));
        assertEquals("The switch: mov rsp, [ctx]; ret.", SetupTexts.setup(at(Step.SWITCH).build()));
        assertEquals("step 6/6 switch: sp = ctx.sp; ldr x30, [sp], #16; ret",
                Texts.step(at(Step.SWITCH).isa(Isa.AARCH64).build()));
        assertEquals("step 5/6 context: ctx.sp = aligned-16", Texts.step(at(Step.SET_CONTEXT).isa(Isa.AARCH64).build()));
        assertEquals("step 5/6 context: ctx.rsp = aligned-16", Texts.step(at(Step.SET_CONTEXT).build()));
    }

    /** The target wakes 16 bytes above the entry on AArch64: at aligned itself. */
    @Test
    void onAarch64ThePredictionIsAligned() {
        Frame arm = at(Step.SET_CONTEXT).isa(Isa.AARCH64).setUp().build();
        assertEquals(arm.layout().aligned(), arm.predictedRsp());
        Frame x86 = at(Step.SET_CONTEXT).setUp().build();
        assertEquals(x86.layout().aligned() - 8, x86.predictedRsp());
    }
}
