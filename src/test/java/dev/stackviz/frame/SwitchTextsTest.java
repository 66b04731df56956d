package dev.stackviz.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.model.Cpu;
import dev.stackviz.model.StackFault;
import dev.stackviz.model.StackSwitch;
import dev.stackviz.model.TraceStep;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A traced program's switch in words: every line from the facts it was given. */
class SwitchTextsTest {

    static final long OLD = 0x7ffd_0000_1000L;
    static final long NEW = 0x5555_0000_2008L;
    static final long HELLO = 0x5555_0000_0159L;

    static Cpu cpu(long rsp, long rbx, long rip) {
        long[] values = new long[Cpu.NAMES.length];
        values[Arrays.asList(Cpu.NAMES).indexOf("rsp")] = rsp;
        values[Arrays.asList(Cpu.NAMES).indexOf("rbx")] = rbx;
        values[Arrays.asList(Cpu.NAMES).indexOf("rip")] = rip;
        return new Cpu(values);
    }

    /** 16 bytes from NEW - 8: eight zeros below rsp, then HELLO, little-endian. */
    static byte[] window() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[8 + i] = (byte) (HELLO >>> (8 * i));
        }
        return bytes;
    }

    static StackSwitch jump(StackSwitch.Landing landing, TraceStep.Fault fault, long rbxAfter) {
        return new StackSwitch(1, "", "main+0x4f", "mov rsp, qword ptr [rax]", cpu(OLD, 7, 0x1000), cpu(NEW, rbxAfter,
                0x1003), "[stack]", "[heap]", NEW - 8, window(), "hello+0x0",
                List.of(new StackSwitch.Stepped("main+0x52", "ret", cpu(NEW + 8, rbxAfter, HELLO))), landing, fault);
    }

    static StackSwitch.Landing ret(String ripWhere, long rsp) {
        return new StackSwitch.Landing("main+0x52", "ret", HELLO, "hello+0x0", HELLO, ripWhere, rsp);
    }

    @Test
    void aRetOntoAFunctionsFirstInstructionIsJudgedAgainstTheAbi() {
        List<String> lines = SwitchTexts.block(jump(ret("hello+0x0", NEW + 8), null, 7));
        assertEquals("switch 1: main+0x4f: mov rsp, qword ptr [rax]", lines.get(0));
        assertEquals("  rsp 0x7ffd00001000 ([stack]) -> 0x555500002008 ([heap]), -0x2aa7ffffeff8", lines.get(1));
        assertEquals("  at the new rsp: 0x555500000159 = hello+0x0", lines.get(2));
        assertEquals("  callee-saved: rbx 0x000000000007 rbp 0x000000000000 r12 0x000000000000 r13 0x000000000000"
                + " r14 0x000000000000 r15 0x000000000000", lines.get(3));
        assertEquals("  the new stack, from rsp+15 down to rsp-8 (the seed's format):", lines.get(4));
        assertEquals("    mem: " + (NEW + 7) + ", val: 0", lines.get(5), "rsp+15 to rsp+8 are outside the window");
        assertEquals("    mem: " + NEW + ", val: 89   <- rsp", lines.get(12));
        assertEquals("    mem: " + (NEW - 8) + ", val: 0", lines.get(20));
        assertEquals("  then main+0x52: ret  rsp 0x555500002010", lines.get(21));
        assertEquals("  ret popped 0x555500000159 = hello+0x0: rip -> hello+0x0, rsp % 16 = 0 (the ABI promises 8 at "
                + "a function's first instruction: code compiled for it may fault here, at a movaps)", lines.get(22));
        assertEquals(23, lines.size());
    }

    @Test
    void aCalleeSavedRegisterThatChangedShowsWhatItWas() {
        List<String> lines = SwitchTexts.block(jump(ret("hello+0x0", NEW), null, 9));
        assertTrue(lines.get(3).startsWith("  callee-saved: rbx 0x000000000009 (was 0x000000000007) rbp"), lines.get(3));
        assertTrue(lines.get(lines.size() - 1).endsWith("rsp % 16 = 8 (as the ABI promises at a function's first "
                + "instruction: rsp + 8 is 16-aligned)"), lines.get(lines.size() - 1));
    }

    @Test
    void aReturnIntoTheMiddleOfAFunctionIsNotHeldToTheEntrysAlignment() {
        List<String> lines = SwitchTexts.block(jump(ret("main+0x9d", NEW + 8), null, 7));
        assertTrue(lines.get(lines.size() - 1).endsWith("rip -> main+0x9d, rsp % 16 = 0 (back inside a function, on "
                + "the frame its caller left)"), lines.get(lines.size() - 1));
    }

    @Test
    void aJmpSaysWhereRipWentAndNothingPopped() {
        StackSwitch.Landing jmp = new StackSwitch.Landing("f+0x3", "jmp rcx", 0, "", HELLO, "hello+0x0", NEW);
        assertFalse(jmp.byRet());
        List<String> lines = SwitchTexts.block(jump(jmp, null, 7));
        assertTrue(lines.get(lines.size() - 1).startsWith("  jmp: rip -> hello+0x0, rsp % 16 = 8"),
                lines.get(lines.size() - 1));
    }

    @Test
    void withoutALandingTheFaultOrTheStepsSayWhy() {
        TraceStep.Fault fault = new TraceStep.Fault(11, 1, 0x10, "address not mapped");
        List<String> faulted = SwitchTexts.block(jump(null, fault, 7));
        assertEquals("  fault: SIGSEGV (address not mapped) at address 0x000000000010", faulted.get(faulted.size() - 1));
        List<String> none = SwitchTexts.block(jump(null, null, 7));
        assertEquals("  no ret or jmp within 1 instructions of the switch", none.get(none.size() - 1));
    }

    @Test
    void aValueThatPointsNowhereIsShownBare() {
        StackSwitch plain = new StackSwitch(2, "", "f+0x1", "mov rsp, rsi", cpu(OLD, 0, 1), cpu(NEW, 0, 2), "anonymous",
                "anonymous", NEW - 8, window(), "", List.of(), null, null);
        assertEquals("  at the new rsp: 0x555500000159", SwitchTexts.block(plain).get(2));
        StackSwitch unreadable = new StackSwitch(2, "", "f+0x1", "mov rsp, rsi", cpu(OLD, 0, 1), cpu(NEW + 64, 0, 2),
                "anonymous", "anonymous", NEW - 8, window(), "", List.of(), null, null);
        assertEquals("  at the new rsp: (not readable)", SwitchTexts.block(unreadable).get(2));
        assertEquals(HELLO, plain.u64(NEW));
        assertNull(plain.u64(NEW + 1), "8 bytes from NEW + 1 run past the window");
        assertNull(plain.u64(NEW - 9));
    }

    @Test
    void aFaultSaysWhereAndWhatMovapsNeeds() {
        StackFault movaps = new StackFault(new TraceStep.Fault(11, 0x80, 0, "general protection"), "hello+0x4",
                "movaps xmmword ptr [rsp], xmm0", cpu(NEW - 16, 0, HELLO + 4), "[heap]", NEW - 24, new byte[16], false);
        assertEquals(List.of("fault: SIGSEGV (general protection) at hello+0x4: movaps xmmword ptr [rsp], xmm0",
                "  rsp 0x555500001ff8 ([heap]), rsp % 16 = 8: movaps needs a 16-byte-aligned address, which the ABI's "
                        + "alignment would have given",
                "  the signal is delivered next: the program dies of it, as it would untraced"),
                SwitchTexts.fault(movaps));
        StackFault other = new StackFault(new TraceStep.Fault(11, 1, 8, "address not mapped"), "f+0x0",
                "mov rax, qword ptr [rdi]", cpu(NEW, 0, 1), "[heap]", NEW, new byte[8], false);
        assertEquals("  rsp 0x555500002008 ([heap]), rsp % 16 = 8", SwitchTexts.fault(other).get(1));
        assertEquals(3, SwitchTexts.fault(other).size());
        StackFault resolver = new StackFault(new TraceStep.Fault(11, 1, NEW - 0xa00, "address not mapped"),
                "ld-linux-x86-64.so.2+0x1229f", "mov qword ptr [rsp], rax", cpu(NEW - 0xa00, 0, 1), "unmapped memory",
                NEW - 0xa00, new byte[0], true);
        assertEquals("  this is the dynamic linker: a program linked lazily resolves its first call to each library"
                + " function here, which needs about 2.5 KB of stack; link with -Wl,-z,now or run with LD_BIND_NOW=1"
                + " to bind every call at start", SwitchTexts.fault(resolver).get(2));
    }
}
