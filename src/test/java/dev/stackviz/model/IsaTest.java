package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two instruction sets' facts, and the registers a context of each holds. */
class IsaTest {

    @Test
    void osArchNamesTheInstructionSet() {
        assertEquals(Isa.AARCH64, Isa.of("aarch64"));
        assertEquals(Isa.AARCH64, Isa.of("ARM64"));
        assertEquals(Isa.X86_64, Isa.of("amd64"));
        assertEquals(Isa.X86_64, Isa.of("x86_64"));
        assertEquals(Isa.of(System.getProperty("os.arch")), Isa.host());
    }

    @Test
    void theSimulatedMachinePlaysX86EverywhereAndTheOthersAreTheHosts() {
        assertEquals(Isa.X86_64, Isa.of(MachineKind.SIMULATED, Isa.AARCH64));
        assertEquals(Isa.AARCH64, Isa.of(MachineKind.NATIVE, Isa.AARCH64));
        assertEquals(Isa.X86_64, Isa.of(MachineKind.NATIVE, Isa.X86_64));
    }

    @Test
    void retPopsEightBytesOnX86AndTheLoadSixteenOnAarch64() {
        assertEquals(8, Isa.X86_64.popped());
        assertEquals(16, Isa.AARCH64.popped());
        assertTrue(Isa.X86_64.retPops());
        assertFalse(Isa.AARCH64.retPops());
        assertEquals("rsp", Isa.X86_64.sp());
        assertEquals("sp", Isa.AARCH64.sp());
        assertEquals("mov rsp, [ctx]; ret", Isa.X86_64.jump());
        assertEquals("ldr x11, [ctx]; mov sp, x11; ldr x30, [sp], #16; ret", Isa.AARCH64.jump());
        assertEquals("AArch64", Isa.AARCH64.title());
        assertEquals("x86-64", Isa.X86_64.title());
    }

    @Test
    void theTwoLinesOfRegistersShowWhatTheyLeaveOut() {
        assertEquals(List.of("rbx", "rbp"), Isa.X86_64.firstLine());
        assertEquals(List.of("r12", "r13", "r14", "r15"), Isa.X86_64.secondLine());
        assertEquals("", Isa.X86_64.notShown());
        assertEquals(List.of("x19", "x20"), Isa.AARCH64.firstLine());
        assertEquals(List.of("x29", "x30"), Isa.AARCH64.secondLine());
        assertEquals(12, Isa.AARCH64.calleeSaved().size());
        assertTrue(Isa.AARCH64.notShown().contains("x21-x28 and d8-d15"));
    }

    @Test
    void registersAreNamedByTheirInstructionSet() {
        Registers x86 = new Registers(0x1000, 1, 2, 3, 4, 5, 6, 7);
        assertEquals(Isa.X86_64, x86.isa());
        assertEquals(1, x86.get("rbx"));
        assertEquals(3, x86.get("r12"));
        assertEquals(6, x86.get("r15"));
        assertEquals(0x1000, x86.sp());
        assertEquals(7, x86.sigmask());
        Registers arm = new Registers(Isa.AARCH64, 0x2000, List.of(19L, 20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L,
                29L, 30L), 0);
        assertEquals(30, arm.get("x30"));
        assertEquals(19, arm.get("x19"));
        IllegalArgumentException noSuch = assertThrows(IllegalArgumentException.class, () -> arm.get("rbx"));
        assertEquals("AArch64 has no callee-saved rbx", noSuch.getMessage());
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> new Registers(Isa.AARCH64, 0, List.of(1L, 2L), 0));
        assertEquals("AArch64 has 12 callee-saved registers, not 2", tooFew.getMessage());
    }

    @Test
    void theStepTitlesSayTheAarch64Switch() {
        assertEquals("ctx.sp = aligned-16", Step.SET_CONTEXT.summary(16, Isa.AARCH64));
        assertEquals("sp = ctx.sp; ldr x30, [sp], #16; ret", Step.SWITCH.summary(16, Isa.AARCH64));
        assertEquals("ctx.rsp = aligned-16", Step.SET_CONTEXT.summary(16, Isa.X86_64));
        assertEquals("mov rsp, [ctx]; ret", Step.SWITCH.summary(16));
        assertEquals(Step.TOP.summary(16), Step.TOP.summary(16, Isa.AARCH64));
    }
}
