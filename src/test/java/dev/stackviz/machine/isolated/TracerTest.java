package dev.stackviz.machine.isolated;

import dev.stackviz.machine.inprocess.NativeSwitchTest;

import dev.stackviz.machine.Machines;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.TracedRun;
import dev.stackviz.machine.sys.Posix;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Instruction;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The switch in a real child, one instruction at a time, registers read from the CPU (ptrace). */
class TracerTest {

    @BeforeAll
    static void onlyWhereTheNativeSwitchRuns() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
    }

    @Test
    void theSeedsJumpObservedInstructionByInstruction() throws Exception {
        try (IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.NONE,
                Duration.ofMillis(500), false)) {
            StackLayout layout = machine.layout();
            machine.writeEntry();
            machine.writeContext();
            StringBuffer output = new StringBuffer();
            TracedRun run = machine.switchTraced(output::append);
            Trace trace = run.trace();
            assertEquals(Trace.Status.AT_JUMP, trace.status());
            assertEquals("sv_jump+0x0: endbr64", trace.next().describe());
            assertTrue(trace.next().matched(), "the bytes at rip are the listing's");
            TraceStep step;
            do {
                step = run.stepInstruction();
                System.out.println("instr " + step.number() + " " + step.executed().describe() + " rsp "
                        + Long.toHexString(step.after().rsp()) + " changed " + step.changed());
            } while (!step.executed().mnemonic().equals("ret"));
            assertEquals(machine.entryAddress(), step.after().rip(), "ret: rip = the entry address");
            assertEquals(layout.aligned() - 8, step.after().rsp(), "ret: rsp = aligned-8");
            assertEquals(layout.aligned() - 16, step.before().rsp(), "after mov rsp: aligned-16");
            assertEquals("sv_target_forever+0x0", run.trace().next().where());
            for (String mapping : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + machine.pid() + "/maps"))) {
                String[] fields = mapping.split("\\s+");
                String perms = fields[1];
                long start = Long.parseUnsignedLong(fields[0].split("-")[0], 16);
                long end = Long.parseUnsignedLong(fields[0].split("-")[1], 16);
                boolean library = mapping.contains("jna") || mapping.contains("libstackviz");
                boolean stack = layout.base() >= start && layout.base() < end;
                if (library) {
                    assertTrue(!perms.contains("w") || !perms.contains("x"),
                            "the breakpoint made no code of ours writable: " + mapping);
                }
                if (stack) {
                    assertEquals("rw-p", perms, "the buffer is plain data: " + mapping);
                }
            }
            while (!"syscall".equals(run.trace().next().mnemonic())) {
                run.stepInstruction();
            }
            assertEquals("", output.toString(), "nothing written before the write");
            step = run.stepInstruction();
            assertNotNull(step.syscall());
            assertEquals("write", step.syscall().name());
            assertEquals(33, step.syscall().result());
            await("the target's line").atMost(Duration.ofSeconds(2)).until(() -> output.length() > 0);
            assertEquals("I LOVE WAKING UP ON A NEW STACK!\n", output.toString());
            run.untrace();
            long first = run.heartbeat();
            await("let go, it runs at full speed: the heartbeat moves").atMost(Duration.ofSeconds(2))
                    .until(() -> run.heartbeat() > first);
        }
    }

    static TracedRun traced(IsolatedMachine machine) throws Exception {
        machine.writeEntry();
        machine.writeContext();
        return machine.switchTraced(text -> { });
    }

    /** Steps until the next instruction is {@code mnemonic} (at most {@code limit} steps). */
    static void stepTo(TracedRun run, String mnemonic, int limit) {
        for (int i = 0; i < limit && !run.trace().next().mnemonic().equals(mnemonic); i++) {
            run.stepInstruction();
        }
        assertEquals(mnemonic, run.trace().next().mnemonic());
    }

    @Test
    void misalignedStopsOnTheFaultingMovapsWithGeneralProtection() throws Exception {
        try (IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.MISALIGNED,
                Duration.ofMillis(500), false)) {
            TracedRun run = traced(machine);
            stepTo(run, "movaps", 40);
            long movaps = run.trace().next().address();
            TraceStep fault = run.stepInstruction();
            assertNotNull(fault.fault(), "the step did not complete");
            assertEquals(11, fault.fault().signal());
            assertEquals("general protection", fault.fault().kind());
            assertEquals(movaps, fault.before().rip(), "it stopped on the faulting instruction");
            assertEquals("movaps xmmword ptr [rsp], xmm0", fault.executed().text());
            assertTrue(fault.executed().where().startsWith("sv_target_sse+0x"), fault.executed().where());
            assertEquals(8, Math.floorMod(fault.before().rsp(), 16), "[rsp] is 8 off a multiple of 16");
            assertEquals(Trace.Status.FAULTED, run.trace().status());
            assertEquals(null, run.stepInstruction(), "the next step delivers the signal");
            assertTrue(run.awaitReturn(Duration.ofSeconds(5)));
            assertEquals("was killed by SIGSEGV (signal 11)", run.fate().describe());
        }
    }

    @Test
    void overflowShowsEachPushLandingAndCrossingBase() throws Exception {
        try (IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.OVERFLOW,
                Duration.ofMillis(500), false)) {
            StackLayout layout = machine.layout();
            TracedRun run = traced(machine);
            stepTo(run, "push", 40);
            long rsp = run.trace().cpu().rsp();
            boolean crossed = false;
            for (int push = 0; push < 6; push++) {
                TraceStep step = run.stepInstruction();
                assertEquals("push", step.executed().mnemonic());
                assertEquals(rsp - 8, step.after().rsp(), "each push moves rsp down 8");
                rsp = step.after().rsp();
                assertEquals(0x4141414141414141L, IsolatedMachine.fromBytes(machine.readLive(rsp, 8)),
                        "and its 'AAAAAAAA' is at the new rsp");
                crossed |= rsp < layout.base();
            }
            assertTrue(crossed, "the last push lands below base");
            assertEquals(layout.base() - 8, rsp);
        }
    }

    @Test
    void seedHellosCallIntoLibcIsSteppedOverAndItsDepthKept() throws Exception {
        try (IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.SEED_HELLO,
                Duration.ofMillis(500), false)) {
            StackLayout layout = machine.layout();
            TracedRun run = traced(machine);
            stepTo(run, "call", 40);
            long callRsp = run.trace().cpu().rsp();
            assertEquals(0, callRsp % 16, "the ABI: rsp % 16 == 0 at the call");
            TraceStep over = run.stepInstruction();
            assertNotNull(over.over());
            assertEquals("puts@plt", over.over().callee());
            assertTrue(over.over().instructions() > 100, over.over().instructions() + " instructions");
            assertTrue(over.over().lowestRsp() < layout.base(), "puts went below the 48-byte buffer");
            assertEquals(callRsp, over.after().rsp(), "back at the call's return, rsp as before");
            assertEquals(over.before().rip() + over.executed().length(), over.after().rip());
        }
    }

    @Test
    void closingMidWalkLeavesNoStoppedOrTracedProcess() throws Exception {
        IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.NONE, Duration.ofMillis(500),
                false);
        TracedRun run = traced(machine);
        run.stepInstruction();
        long pid = machine.pid();
        assertTrue(tracedThreads(pid) > 0, "a thread is traced while stepping");
        machine.close();
        IsolatedMachineTest.assertGone(pid);
    }

    @Test
    void aStopFromOutsideIsNotAStep() throws Exception {
        try (IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.NONE,
                Duration.ofMillis(500), false)) {
            TracedRun run = traced(machine);
            run.stepInstruction();
            signal(machine, Posix.SIGSTOP);
            signal(machine, Posix.SIGCONT);
            assertStepsTheNextInstruction(run, 2);
            signal(machine, Posix.SIGSTOP);
            assertStepsTheNextInstruction(run, 3);
            signal(machine, Posix.SIGCONT);
            assertStepsTheNextInstruction(run, 4);
            assertEquals(4, run.trace().count());
        }
    }

    /** The instruction at rip is the one the step executes, as step {@code number}, and rip moves past it. */
    private static void assertStepsTheNextInstruction(TracedRun run, long number) {
        Instruction next = run.trace().next();
        TraceStep step = run.stepInstruction();
        assertEquals(number, step.number(), "step " + step.number() + " executed " + step.executed().describe());
        assertEquals(next.address(), step.before().rip());
        assertEquals(next.address() + next.length(), step.after().rip(), next.describe() + " ran");
    }

    /** A signal from outside, as kill(1) sends it; then a moment for the kernel to act on it. */
    private static void signal(IsolatedMachine machine, int signal) throws InterruptedException {
        assertEquals(0, Posix.signal(machine.pid(), signal));
        Thread.sleep(200);
    }

    @Test
    void aTraceeKilledWhileHeldIsSeenGoneWithItsSignal() throws Exception {
        try (IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.NONE,
                Duration.ofMillis(500), false)) {
            TracedRun run = traced(machine);
            run.stepInstruction();
            long killed = System.nanoTime();
            assertEquals(0, Posix.signal(machine.pid(), Fate.SIGKILL));
            await("the tracer notices the death by itself, and the child is reaped (no zombie)")
                    .atMost(Duration.ofMillis(500)).until(run::hasReturned);
            assertTrue(System.nanoTime() - killed < 300_000_000L, "within a few frames");
            assertEquals(Trace.Status.ENDED, run.trace().status());
            assertEquals(Fate.SIGKILL, run.trace().fate().signal(), "the tracer says which signal ended it");
            assertEquals(null, run.stepInstruction(), "a step of a thread that is gone executes nothing, and throws not");
            assertEquals("was killed by SIGKILL (signal 9)", run.fate().describe());
        }
    }

    @Test
    void aTraceeKilledMidWalkEndsTheWalkWithItsSignal() throws Exception {
        try (IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.NONE,
                Duration.ofMillis(500), false)) {
            TracedRun run = traced(machine);
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                Posix.signal(machine.pid(), Fate.SIGKILL);
            });
            killer.start();
            long steps = 0;
            while (run.stepInstruction() != null) {
                steps++;
            }
            killer.join();
            assertTrue(steps > 10, steps + " steps before the kill");
            assertEquals(Trace.Status.ENDED, run.trace().status());
            assertEquals(Fate.SIGKILL, run.trace().fate().signal());
            assertTrue(run.awaitReturn(Duration.ofSeconds(2)), "reaped");
        }
    }

    /** How many of the process's threads have a tracer (TracerPid in /proc/PID/task/TID/status). */
    static long tracedThreads(long pid) throws Exception {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(t -> {
                try {
                    return java.nio.file.Files.readAllLines(t.resolve("status")).stream()
                            .anyMatch(l -> l.startsWith("TracerPid:") && !l.endsWith("\t0"));
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
