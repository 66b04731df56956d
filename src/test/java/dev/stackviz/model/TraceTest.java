package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {

    static final Instruction MOV_RSP = new Instruction(0x7f00_0000_1020L, "sv_jump", 0x1c,
            "mov rsp, qword ptr [r9]", 4, true);

    static TraceStep step(long number) {
        Cpu before = Cpus.of("rip", 0x7f00_0000_1020L, "rsp", 0x7ffc_0000_0000L);
        return new TraceStep(number, MOV_RSP, before, Cpus.with(before, "rip", 0x7f00_0000_1024L, "rsp", 0x5000L),
                null, null, null);
    }

    @Test
    void theLastStepIsTheNewest() {
        TraceStep first = step(1);
        TraceStep second = step(2);
        assertSame(second, new Trace(Trace.Status.STOPPED, List.of(first, second), 2, MOV_RSP, Cpus.of(), null).last());
        assertNull(new Trace(Trace.Status.AT_JUMP, List.of(), 0, MOV_RSP, Cpus.of(), null).last(), "nothing executed yet");
    }

    @Test
    void theGridShowsTheObservedRspOnlyWhileTheThreadIsStoppedWithRegistersRead() {
        EnumSet<Trace.Status> stopped = EnumSet.of(Trace.Status.AT_JUMP, Trace.Status.STOPPED, Trace.Status.FAULTED);
        for (Trace.Status status : Trace.Status.values()) {
            assertEquals(stopped.contains(status), new Trace(status, List.of(), 0, null, Cpus.of(), null).observing(),
                    status.name());
            assertFalse(new Trace(status, List.of(), 0, null, null, null).observing(), status + " before any stop");
        }
    }

    @Test
    void aStepSaysWhichRegistersItChanged() {
        assertEquals(List.of("rip", "rsp"), step(1).changed());
    }

    @Test
    void systemCallsAreNamedAsTheKernelsTableNamesThem() {
        assertEquals("read", TraceStep.Syscall.name(0));
        assertEquals("write", TraceStep.Syscall.name(1));
        assertEquals("rt_sigprocmask", TraceStep.Syscall.name(14));
        assertEquals("exit_group", TraceStep.Syscall.name(231));
        assertEquals("getrandom", TraceStep.Syscall.name(318));
        assertEquals("syscall 400", TraceStep.Syscall.name(400));
    }

    @Test
    void anInstructionIsShownAsSymbolOffsetAndIntelText() {
        assertEquals("sv_jump+0x1c", MOV_RSP.where());
        assertEquals("sv_jump+0x1c: mov rsp, qword ptr [r9]", MOV_RSP.describe());
        assertEquals("mov", MOV_RSP.mnemonic());
        Instruction ret = new Instruction(0x7f00_0000_1024L, "sv_jump", 0x20, "ret", 1, true);
        assertEquals("ret", ret.mnemonic(), "an instruction without operands is its own mnemonic");
        Instruction unknown = new Instruction(0x7f11_0000_0000L, "libc.so.6", 0x29d90, "", 0, false);
        assertEquals("libc.so.6+0x29d90: (not in the listing)", unknown.describe());
        assertTrue(unknown.mnemonic().isEmpty());
    }
}
