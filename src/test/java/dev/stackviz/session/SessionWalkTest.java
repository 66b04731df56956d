package dev.stackviz.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.machine.TraceRefused;
import dev.stackviz.machine.TraceableMachine;
import dev.stackviz.machine.TracedRun;
import dev.stackviz.model.Cpu;
import dev.stackviz.model.Cpus;
import dev.stackviz.model.Instruction;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Seed;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * i and c in the session, against a child whose walk the test scripts: what each press marks, what
 * it says, when the target's line shows, and the watchdog's clock standing still while it is held.
 * (TracerTest and TraceIT walk a real child with ptrace.)
 */
class SessionWalkTest {

    static final Instruction MOV = new Instruction(0x7f00_0000_1000L, "sv_jump", 0, "mov r9, rdi", 3, true);
    static final Instruction SYSCALL = new Instruction(0x7f00_0000_2010L, "sv_target_forever", 0x10, "syscall", 2, true);
    static final Instruction AFTER = new Instruction(0x7f00_0000_2012L, "sv_target_forever", 0x12, "jmp 0x7f0000002000",
            2, true);

    final List<String> marks = new ArrayList<>();
    Walked machine;

    Session session(List<TraceStep> script) {
        Session session = new Session(e -> {
            machine = new Walked(script);
            return new Machines.Choice(machine, null);
        }, null, false, Duration.ofSeconds(60), Duration.ofSeconds(1), System::nanoTime);
        session.onStep(marks::add);
        return session;
    }

    static Cpu cpu(long rip, long rax) {
        return Cpus.of("rip", rip, "rax", rax);
    }

    static TraceStep step(long number, Instruction executed, TraceStep.Syscall syscall) {
        return new TraceStep(number, executed, cpu(executed.address(), 1), cpu(executed.address() + executed.length(),
                syscall == null ? 1 : syscall.result()), syscall, null, null);
    }

    @Test
    void eachIExecutesOneInstructionAndIsMarked() {
        try (Session session = session(List.of(step(1, MOV, null),
                step(2, SYSCALL, new TraceStep.Syscall(1, "write", Seed.MESSAGE.length() + 1))))) {
            session.press("i");
            assertEquals(List.of("step 2/6 top", "step 3/6 align", "step 4/6 write", "step 5/6 context",
                    "step 6/6 switch", "instr 0: at sv_jump+0x0"), marks, "the first i sets up, switches traced, stops");
            assertTrue(session.switchedEver());
            assertFalse(session.live(), "held by the tracer: no live redraw");
            session.press("i");
            assertEquals("instr 1: mov", marks.get(marks.size() - 1));
            assertEquals("", session.frame().output(), "nothing written before the write");
            session.press("i");
            assertEquals("instr 2: syscall", marks.get(marks.size() - 1));
            assertEquals(Seed.MESSAGE + "\n", session.frame().output(),
                    "the frame after the write shows its line, though the reader hands it over late");
        }
    }

    @Test
    void theWatchdogsClockStandsStillWhileTheTracerHoldsTheThreadAndCLetsItGo() {
        try (Session session = session(List.of(step(1, MOV, null)))) {
            session.press("i");
            await("held time counted as paused").atMost(Duration.ofSeconds(5))
                    .until(() -> session.frame().run().paused() > 0);
            session.press("c");
            assertEquals("continue", marks.get(marks.size() - 1));
            assertFalse(machine.run.traced(), "let go");
            long paused = session.frame().run().paused();
            await("the clock runs again").during(Duration.ofMillis(60)).atMost(Duration.ofSeconds(2))
                    .until(() -> session.frame().run().paused() == paused);
            session.press("i");
            assertEquals("the target runs on untraced: r, then i, walks the switch again", session.frame().hint());
        }
    }

    @Test
    void aFaultThatIsDeliveredSaysTheChildDiesOfIt() {
        List<TraceStep> script = new ArrayList<>();
        script.add(step(1, MOV, null));
        script.add(null); // the next step delivers the signal: nothing executes
        try (Session session = session(script)) {
            session.press("i");
            session.press("i");
            session.press("i");
            assertEquals("the signal is delivered: the child dies of it", session.frame().hint());
            long paused = session.frame().run().paused();
            await("the watchdog's clock runs again once nothing holds the child").during(Duration.ofMillis(60))
                    .atMost(Duration.ofSeconds(2)).until(() -> session.frame().run().paused() == paused);
        }
    }

    @Test
    void whereTracingIsRefusedNothingSwitchesAndTheReasonIsShown() {
        try (Session session = session(List.of())) {
            machine.refuse = "ptrace_scope is 3";
            session.press("i");
            assertEquals("stepping is not possible here: ptrace_scope is 3; s switches without it", session.frame().hint());
            assertEquals(Frame.Phase.SETUP, session.frame().phase(), "nothing switched");
            assertFalse(session.switchedEver());
        }
    }

    @Test
    void inProcessThereIsNoChildToStep() {
        Session session = new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime);
        try (session) {
            session.press("i");
            assertEquals("instruction stepping needs the isolated child and the native switch: the simulated "
                    + "machine has no switch to trace", session.frame().hint());
            assertEquals(Frame.Phase.SETUP, session.frame().phase());
        }
    }

    /** An isolated child's stack (simulated memory) whose traced switch walks the test's script. */
    static final class Walked extends DelegatingMachine implements TraceableMachine {
        final List<TraceStep> script;
        String refuse;
        WalkedRun run;

        Walked(List<TraceStep> script) {
            super(new SimulatedMachine(StackSpec.defaults()));
            this.script = script;
        }

        @Override
        public TracedRun switchTraced(Consumer<String> output) throws TraceRefused {
            if (refuse != null) {
                throw new TraceRefused(refuse);
            }
            run = new WalkedRun(script, output);
            return run;
        }

        @Override
        public Run switchTo(Consumer<String> output) {
            throw new IllegalStateException("the test walks the switch with i");
        }

        @Override
        public MachineKind kind() {
            return MachineKind.ISOLATED;
        }

        @Override
        public long pid() {
            return 4242;
        }
    }

    /** A one-way jump held by a tracer: each step is the script's next; a write's line reaches the session late. */
    static final class WalkedRun implements TracedRun {
        final List<TraceStep> script;
        final Consumer<String> output;
        final long switchedAt = System.nanoTime();
        int done;
        volatile Trace.Status status = Trace.Status.AT_JUMP;
        volatile long stopRequestedAt;
        volatile long returnedAt;

        WalkedRun(List<TraceStep> script, Consumer<String> output) {
            this.script = script;
            this.output = output;
        }

        @Override
        public Trace trace() {
            List<TraceStep> steps = script.subList(0, done).stream().filter(s -> s != null).toList();
            return new Trace(status, steps, steps.size(), done == 0 ? MOV : AFTER, cpu(MOV.address(), 0), null);
        }

        @Override
        public TraceStep stepInstruction() {
            TraceStep step = script.get(done++);
            if (step == null) {
                status = Trace.Status.ENDED;
                return null;
            }
            status = Trace.Status.STOPPED;
            if (step.syscall() != null && step.syscall().name().equals("write")) {
                LateReader.deliver(output, Seed.MESSAGE + "\n");
            }
            return step;
        }

        @Override
        public void untrace() {
            status = Trace.Status.RUNNING;
        }

        @Override
        public boolean oneWay() {
            return true;
        }

        public long heartbeat() {
            return 0;
        }

        public long wokeRsp() {
            return 0;
        }

        public long written() {
            return 0;
        }

        public void requestStop() {
            stopRequestedAt = System.nanoTime();
            returnedAt = System.nanoTime();
        }

        public boolean awaitReturn(Duration timeout) {
            return returnedAt != 0;
        }

        public boolean hasReturned() {
            return returnedAt != 0;
        }

        public Registers saved() {
            return null;
        }

        public long switchedAt() {
            return switchedAt;
        }

        public long stopRequestedAt() {
            return stopRequestedAt;
        }

        public long returnedAt() {
            return returnedAt;
        }

        public int threadId() {
            return -1;
        }
    }
}
