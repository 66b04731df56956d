package dev.stackviz.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.model.Cpu;
import dev.stackviz.model.Cpus;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Instruction;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Origin;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the instruction walk (i, and dump --trace) says about each step, from registers and
 * instructions built by hand as the tracer reads them from a child: sv_jump's instructions, a
 * system call, the ret into the target, a fault, a call into libc stepped over whole.
 */
class TraceTextsTest {

    static final long BASE = 0x7f3ca8001240L;
    static final StackLayout LAYOUT = new StackLayout(BASE, 48); // top = aligned = 0x7f3ca8001270
    static final long ALIGNED = LAYOUT.aligned();
    static final long ENTRY = 0x7f3cb2a01060L;
    static final long JUMP = 0x7f3cb2a00f80L;
    /** rsp on the switching thread's own stack, far from the buffer. */
    static final long OWN = 0x7ffd12345670L;

    static final Instruction MOV_R9 = new Instruction(JUMP, "sv_jump", 0, "mov r9, rdi", 3, true);
    static final Instruction SYSCALL = new Instruction(JUMP + 0x1a, "sv_jump", 0x1a, "syscall", 2, true);
    static final Instruction MOV_RBX = new Instruction(JUMP + 0x1c, "sv_jump", 0x1c, "mov rbx, qword ptr [r9 + 0x8]", 4,
            true);
    static final Instruction MOV_RSP = new Instruction(JUMP + 0x20, "sv_jump", 0x20, "mov rsp, qword ptr [r9]", 3, true);
    static final Instruction RET = new Instruction(JUMP + 0x23, "sv_jump", 0x23, "ret", 1, true);
    static final Instruction TARGET = new Instruction(ENTRY, "sv_target_forever", 0, "mov qword ptr [rbx + 0x8], rsp", 4,
            true);

    /** A frame of the isolated child while the tracer holds it, with {@code trace} and what the target reported. */
    static Frame frame(Experiment experiment, Trace trace, long woke) {
        long start = BASE - 8;
        byte[] window = new byte[64];
        Frame.RunFacts run = woke < 0 ? null : new Frame.RunFacts(true, woke, 0, 0, null, 0, 0, 0, false);
        return new Frame(MachineKind.ISOLATED, 4242, Origin.PROC_MEM, LAYOUT, experiment, Step.SWITCH,
                Frame.Phase.RUNNING, start, window, window.clone(), ENTRY, BASE + 0x80, ALIGNED - 16, ALIGNED - 16, run,
                trace, null, null, "", Frame.Overlay.NONE, List.of(), "", Duration.ofSeconds(60), 0);
    }

    /** The frame after {@code step}, stopped at {@code next}. */
    static Frame after(TraceStep step, Instruction next) {
        return frame(Experiment.NONE, new Trace(Trace.Status.STOPPED, List.of(step), step.number(), next, step.after(),
                null), 0);
    }

    static TraceStep step(long number, Instruction executed, Cpu before, Cpu after) {
        return new TraceStep(number, executed, before, after, null, null, null);
    }

    static Cpu at(Instruction instruction, long rsp) {
        return Cpus.of("rip", instruction.address(), "rsp", rsp);
    }

    // ---- stopped at the breakpoint, nothing executed ----------------------------------------

    @Test
    void atTheBreakpointTheWalkSaysWhereItStoppedAndThatRspIsTheThreadsOwn() {
        Frame f = frame(Experiment.NONE, new Trace(Trace.Status.AT_JUMP, List.of(), 0, MOV_R9, at(MOV_R9, OWN), null), 0);
        assertEquals("The child's switching thread stopped at the first instruction of sv_jump (a hardware breakpoint "
                + "in DR0; the code is untouched). rsp is still its own stack's.", TraceTexts.story(f));
        assertEquals(List.of("stopped at sv_jump+0x0: mov r9, rdi",
                "rip 0x7f3cb2a00f80  rsp 0x7ffd12345670 (the thread's own stack)"), TraceTexts.lines(f));
    }

    @Test
    void instructionBytesThatAreNotTheListingsAreFlagged() {
        Instruction patched = new Instruction(JUMP, "sv_jump", 0, "mov r9, rdi", 3, false);
        Frame f = frame(Experiment.NONE, new Trace(Trace.Status.AT_JUMP, List.of(), 0, patched, at(patched, OWN), null), 0);
        assertEquals("stopped at sv_jump+0x0: mov r9, rdi (bytes differ!)", TraceTexts.lines(f).get(0));
        TraceStep step = step(1, patched, at(patched, OWN), at(SYSCALL, OWN));
        assertEquals("instr 1: sv_jump+0x0: mov r9, rdi (bytes differ from the listing!)",
                TraceTexts.lines(after(step, SYSCALL)).get(0));
    }

    // ---- the steps of the switch ---------------------------------------------------------------

    @Test
    void aStoreChangesNoRegisterButRipAndSaysTheGridShowsWhatItWrote() {
        Instruction spin = new Instruction(ENTRY + 4, "sv_target_forever", 4, "sub rsp, 0x10", 4, true);
        Cpu before = Cpus.of("rip", ENTRY, "rsp", ALIGNED - 8, "rbx", 0x7f3ca80012c0L);
        TraceStep step = step(11, TARGET, before, Cpus.with(before, "rip", ENTRY + 4));
        Frame f = after(step, spin);
        assertEquals(List.of("instr 11: sv_target_forever+0x0: mov qword ptr [rbx + 0x8], rsp",
                "next:    sv_target_forever+0x4: sub rsp, 0x10",
                "rip 0x7f3cb2a01064  rsp 0x7f3ca8001268 (aligned-8)",
                "changed: rip only"), TraceTexts.lines(f));
        assertEquals("One instruction executed: the registers it changed are above, and * marks the bytes of the grid "
                + "it wrote.", TraceTexts.story(f));
        assertEquals("instr 11  sv_target_forever+0x0: mov qword ptr [rbx + 0x8], rsp  rip 0x7f3cb2a01064  rsp "
                + "0x7f3ca8001268 (aligned-8)", TraceTexts.walkLine(LAYOUT, step));
    }

    @Test
    void eachChangedRegisterIsListedOldAndNewInReadingOrder() {
        Cpu before = Cpus.of("rip", MOV_RBX.address(), "rsp", OWN, "rbx", 0x1L, "rax", 0xeL);
        Cpu after = Cpus.with(before, "rip", MOV_RSP.address(), "rbx", 0x7f3ca80012c0L, "rax", 0L);
        Frame f = after(step(8, MOV_RBX, before, after), MOV_RSP);
        assertEquals("changed: rax 0xe -> 0x0, rbx 0x1 -> 0x7f3ca80012c0", TraceTexts.lines(f).get(3));
        assertEquals("instr 8  sv_jump+0x1c: mov rbx, qword ptr [r9 + 0x8]  rip 0x7f3cb2a00fa0  rsp 0x7ffd12345670 "
                + "(the thread's own stack)  rax 0xe -> 0x0  rbx 0x1 -> 0x7f3ca80012c0",
                TraceTexts.walkLine(LAYOUT, step(8, MOV_RBX, before, after)));
    }

    @Test
    void movRspTakesTheThreadIntoTheBuffer() {
        TraceStep step = step(9, MOV_RSP, at(MOV_RSP, OWN), at(RET, ALIGNED - 16));
        Frame f = after(step, RET);
        assertEquals("rsp moved from the thread's own stack to aligned-16, inside the buffer.", TraceTexts.story(f));
        assertEquals(List.of("instr 9: sv_jump+0x20: mov rsp, qword ptr [r9]",
                "next:    sv_jump+0x23: ret",
                "rip 0x7f3cb2a00fa3  rsp 0x7f3ca8001260 (aligned-16)",
                "changed: rsp 0x7ffd12345670 -> 0x7f3ca8001260"), TraceTexts.lines(f));
        assertEquals("instr 9  sv_jump+0x20: mov rsp, qword ptr [r9]  rip 0x7f3cb2a00fa3  rsp 0x7f3ca8001260 "
                + "(aligned-16)  rsp 0x7ffd12345670 -> 0x7f3ca8001260", TraceTexts.walkLine(LAYOUT, step));
    }

    @Test
    void retIntoTheTargetSaysTheCpuRunsItNow() {
        TraceStep step = step(10, RET, at(RET, ALIGNED - 16), at(TARGET, ALIGNED - 8));
        assertEquals("ret popped 0x7f3cb2a01060 from aligned-16: the target's address. The CPU runs the target now, "
                + "on rsp = aligned-8.", TraceTexts.story(after(step, TARGET)));
    }

    @Test
    void retAnywhereElseSaysOnlyWhatItPopped() {
        Instruction elsewhere = new Instruction(0x7f3cb2a02000L, "sv_target_sse", 0, "mov qword ptr [rbx + 0x8], rsp",
                4, true);
        TraceStep step = step(10, RET, at(RET, ALIGNED - 24), at(elsewhere, ALIGNED - 16));
        assertEquals("ret popped 0x7f3cb2a02000 from aligned-24; rsp = aligned-16.",
                TraceTexts.story(after(step, elsewhere)));
    }

    @Test
    void theNextInstructionIsUnknownOnceTheThreadHasGone() {
        TraceStep step = step(10, RET, at(RET, ALIGNED - 16), at(TARGET, ALIGNED - 8));
        assertEquals("next: -", TraceTexts.lines(after(step, null)).get(1));
    }

    // ---- system calls ----------------------------------------------------------------------

    static TraceStep syscall(String name, long number, long result) {
        Cpu before = Cpus.of("rip", SYSCALL.address(), "rsp", OWN, "rax", number, "rcx", 0L);
        Cpu after = Cpus.with(before, "rip", MOV_RBX.address(), "rax", result, "rcx", MOV_RBX.address());
        return new TraceStep(7, SYSCALL, before, after, new TraceStep.Syscall(number, name, result), null, null);
    }

    @Test
    void aSystemCallSaysWhatItReturnedAndWhatThatMeans() {
        assertEquals("syscall rt_sigprocmask returned 0: every blockable signal is blocked from here on.",
                TraceTexts.story(after(syscall("rt_sigprocmask", 14, 0), MOV_RBX)));
        assertEquals("syscall write returned 33: its bytes are in the pipe, and on screen.",
                TraceTexts.story(after(syscall("write", 1, 33), MOV_RBX)));
        assertEquals("syscall write returned 0.", TraceTexts.story(after(syscall("write", 1, 0), MOV_RBX)),
                "nothing written: nothing in the pipe");
        assertEquals("syscall getpid returned 4242.", TraceTexts.story(after(syscall("getpid", 39, 4242), MOV_RBX)));
    }

    @Test
    void aReturnValueInTheErrnoRangeIsCalledAnErrno() {
        assertEquals("syscall write returned -32 (an errno).",
                TraceTexts.story(after(syscall("write", 1, -32), MOV_RBX)));
        assertEquals("syscall write returned -4095 (an errno).",
                TraceTexts.story(after(syscall("write", 1, -4095), MOV_RBX)), "the largest errno");
        assertEquals("syscall mmap returned -4096.", TraceTexts.story(after(syscall("mmap", 9, -4096), MOV_RBX)),
                "below -4095 it is a value, not an error");
    }

    @Test
    void dumpTraceWritesASystemCallWithItsResultAndTheRegistersItChanged() {
        assertEquals("instr 7  sv_jump+0x1a: syscall  rip 0x7f3cb2a00f9c  rsp 0x7ffd12345670 (the thread's own stack)"
                + "  write returned 33  rax 0x1 -> 0x21  rcx 0x0 -> 0x7f3cb2a00f9c",
                TraceTexts.walkLine(LAYOUT, syscall("write", 1, 33)));
    }

    // ---- where rsp went ----------------------------------------------------------------------

    static String moved(long from, long to) {
        Instruction push = new Instruction(ENTRY + 8, "sv_target_overflow", 8, "push rax", 1, true);
        Instruction next = new Instruction(ENTRY + 9, "sv_target_overflow", 9, "push rax", 1, true);
        return TraceTexts.story(after(step(12, push, at(push, from), at(next, to)), next));
    }

    @Test
    void rspMovingBelowBaseIsCalledOutsideTheBuffer() {
        assertEquals("rsp moved from aligned-48 to aligned-56, below base, outside the buffer.",
                moved(BASE, BASE - 8));
        assertEquals("rsp moved from aligned-56 to aligned-4143, below base, outside the buffer.",
                moved(BASE - 8, BASE - 4095));
        assertEquals("rsp moved from aligned-56 to aligned-4144.", moved(BASE - 8, BASE - 4096),
                "4 KiB below base: no longer called the buffer's neighbour");
    }

    @Test
    void rspMovingInsideTheBufferOrAboveItIsPlacedExactly() {
        assertEquals("rsp moved from aligned-40 to aligned-48, inside the buffer.", moved(BASE + 8, BASE));
        assertEquals("rsp moved from aligned-8 to aligned+8.", moved(ALIGNED - 8, ALIGNED + 8));
    }

    @Test
    void anAddressIsPlacedAgainstTheBufferUpToAMebibyteAway() {
        long mib = 1 << 20;
        assertEquals("rsp moved from aligned-1048576 to the thread's own stack.",
                moved(ALIGNED - mib, ALIGNED - mib - 1));
        assertEquals("rsp moved from aligned+1048576 to the thread's own stack.",
                moved(ALIGNED + mib, ALIGNED + mib + 1));
    }

    @Test
    void anSseInstructionSaysTheXmmRegistersAreNotShown() {
        Instruction pxor = new Instruction(0x7f3cb2a02010L, "sv_target_sse", 0x10, "pxor xmm0, xmm0", 4, true);
        Cpu before = at(pxor, ALIGNED - 40);
        TraceStep step = step(20, pxor, before, Cpus.with(before, "rip", pxor.address() + 4));
        assertEquals("One instruction executed: the registers it changed are above (xmm registers are not read), and * "
                + "marks the bytes of the grid it wrote.", TraceTexts.story(after(step, pxor)));
    }

    // ---- a fault ---------------------------------------------------------------------------------

    static final Instruction MOVAPS = new Instruction(0x7f3cb2a02014L, "sv_target_sse", 0x14, "movaps xmmword ptr [rsp], xmm0",
            4, true);

    /** The misaligned experiment's movaps, faulting as the tracer reports it (the registers unchanged). */
    static Frame faulted(Instruction executed, int code, String kind, long woke) {
        Cpu cpu = at(executed, ALIGNED - 40);
        TraceStep step = new TraceStep(21, executed, cpu, cpu, null, null, new TraceStep.Fault(11, code, 0, kind));
        return frame(Experiment.MISALIGNED, new Trace(Trace.Status.FAULTED, List.of(step), 21, executed, cpu, null), woke);
    }

    @Test
    void aMisalignedMovapsSaysWhyItFaultedAndHowTheTargetWasEntered() {
        Frame f = faulted(MOVAPS, 0x80, "general protection", ALIGNED - 16);
        assertEquals("movaps did not complete: SIGSEGV, general protection: movaps needs a 16-byte aligned address, "
                + "and [rsp] = aligned-40 is 8 off; the target was entered with rsp % 16 = 0 (aligned-16), where the "
                + "ABI promises 8.", TraceTexts.story(f));
        assertEquals(List.of("instr 21: sv_target_sse+0x14: movaps xmmword ptr [rsp], xmm0",
                "next:    sv_target_sse+0x14: movaps xmmword ptr [rsp], xmm0",
                "rip 0x7f3cb2a02014  rsp 0x7f3ca8001248 (aligned-40)"), TraceTexts.lines(f),
                "no registers changed: the instruction did not complete");
        assertEquals("instr 21  sv_target_sse+0x14: movaps xmmword ptr [rsp], xmm0  rip 0x7f3cb2a02014  rsp "
                + "0x7f3ca8001248 (aligned-40)  SIGSEGV, general protection",
                TraceTexts.walkLine(LAYOUT, f.trace().last()));
    }

    @Test
    void withoutTheWakingRspTheFaultSaysOnlyWhatTheInstructionNeeded() {
        String need = "movaps did not complete: SIGSEGV, general protection: movaps needs a 16-byte aligned address, "
                + "and [rsp] = aligned-40 is 8 off.";
        assertEquals(need, TraceTexts.story(faulted(MOVAPS, 0x80, "general protection", 0)), "not read yet");
        assertEquals(need, TraceTexts.story(faulted(MOVAPS, 0x80, "general protection", -1)), "no run facts at all");
    }

    @Test
    void aFaultElsewhereGivesTheSignalAndTheKernelsReasonOnly() {
        Instruction store = new Instruction(0x7f3cb2a02014L, "sv_target_sse", 0x14, "movaps xmmword ptr [rax], xmm0", 4,
                true);
        assertEquals("movaps did not complete: SIGSEGV, address not mapped.",
                TraceTexts.story(faulted(store, 1, "address not mapped", ALIGNED - 16)));
        Instruction push = new Instruction(ENTRY + 8, "sv_target_overflow", 8, "push rax", 1, true);
        assertEquals("push did not complete: SIGSEGV, access not permitted.",
                TraceTexts.story(faulted(push, 2, "access not permitted", ALIGNED - 8)));
    }

    // ---- a call into libc, stepped over whole ------------------------------------------------

    static TraceStep over(String callee, long instructions, long lowest, List<String> syscalls) {
        Instruction call = new Instruction(0x7f3cb2a02100L, "sv_target_libc_hello", 0x20, "call 0x7f11aa0 <" + callee
                + ">", 5, true);
        Cpu before = at(call, ALIGNED - 16);
        Cpu after = Cpus.with(before, "rip", call.address() + 5, "rax", 33L);
        return new TraceStep(30, call, before, after, null, new TraceStep.StepOver(callee, instructions, lowest, syscalls),
                null);
    }

    @Test
    void aSteppedOverCallSaysHowDeepLibcWentBelowBase() {
        TraceStep puts = over("puts", 1234, BASE - 424, List.of("fstat", "write"));
        Frame f = after(puts, MOV_R9);
        assertEquals("call puts, stepped over: 1234 instructions ran in the C library, rsp down to aligned-472, 424 "
                + "bytes below base; system calls: fstat, write.", TraceTexts.story(f));
        assertEquals(3, TraceTexts.lines(f).size(), "no list of changed registers for a whole call");
        assertEquals("instr 30  sv_target_libc_hello+0x20: call 0x7f11aa0 <puts>  rip 0x7f3cb2a02105  rsp 0x7f3ca8001260"
                + " (aligned-16)  stepped over: 1234 instructions, rsp down to aligned-472",
                TraceTexts.walkLine(LAYOUT, puts));
    }

    @Test
    void aSteppedOverCallThatStayedInTheBufferGivesOnlyItsDepth() {
        assertEquals("call fflush, stepped over: 20 instructions ran in the C library, rsp down to aligned-48.",
                TraceTexts.story(after(over("fflush", 20, BASE, List.of()), MOV_R9)), "down to base itself");
    }

    // ---- a thread that ended while held ----------------------------------------------------------

    @Test
    void aThreadThatEndedWhileHeldSaysHowWhenAndAfterWhichInstruction() {
        Trace killed = new Trace(Trace.Status.ENDED, List.of(), 5830, null, null, null, Fate.killedBy(Fate.SIGKILL, null));
        assertEquals("the child was killed by SIGKILL (signal 9) from outside 1.51 s after the jump, after instruction "
                + "5830", TraceTexts.ended(killed, Duration.ofMillis(1510)));
        Trace exited = new Trace(Trace.Status.ENDED, List.of(), 12, null, null, null, Fate.exited(3));
        assertEquals("the child exited with status 3 1.51 s after the jump, after instruction 12",
                TraceTexts.ended(exited, Duration.ofMillis(1510)), "no signal: nobody from outside");
        Trace unknown = new Trace(Trace.Status.ENDED, List.of(), 0, null, null, null, null);
        assertEquals("the child ended 1.51 s after the jump, after instruction 0",
                TraceTexts.ended(unknown, Duration.ofMillis(1510)), "no fate read");
        assertEquals("the child was killed by SIGKILL (signal 9) from outside 1.51 s after the jump, after instruction 0",
                TraceTexts.ended(unknown, Fate.killedBy(Fate.SIGKILL, null), Duration.ofMillis(1510)),
                "the tracer found it gone before its waitpid: the child's exit says how");
    }
}
