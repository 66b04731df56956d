package dev.stackviz.machine.isolated;

import dev.stackviz.machine.TraceRefused;
import dev.stackviz.machine.sys.ProcessMemory;
import dev.stackviz.machine.trace.Listing;
import dev.stackviz.machine.trace.Tracee;
import dev.stackviz.machine.trace.WaitStatus;
import dev.stackviz.model.Cpu;
import dev.stackviz.model.Instruction;
import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * stackviz's walk through the child's jump, on the trace engine ({@link Tracee}): a hardware
 * breakpoint at sv_jump (debug register DR0, no write to the code, no mapping made writable), then
 * one instruction per step, registers read from the CPU's saved state, named from the library's
 * {@link Listing} and checked against the bytes in the child's memory. A call out of the library
 * is stepped to its return and counted as one step; a fault is shown, then let happen untraced.
 */
final class TracedJump implements AutoCloseable, Tracee.Listener {

    private static final int KEPT = 8;
    /** Calls out of the library are single-stepped to their return; after this many, a breakpoint finishes them. */
    private static final long STEP_OVER_LIMIT = 200_000;

    private final long base;
    private final Listing listing;
    private final ProcessMemory memory;
    private final CompletableFuture<Void> atJump = new CompletableFuture<>();
    private final List<TraceStep> steps = new ArrayList<>();
    private volatile Trace trace = new Trace(Trace.Status.RUNNING, List.of(), 0, null, null, null);
    private Tracee tracee;
    /** The fault shown by the last step: the next step lets the thread go, to die of it untraced. */
    private int pendingSignal;
    private long count;

    private TracedJump(long base, Listing listing, ProcessMemory memory) {
        this.base = base;
        this.listing = listing;
        this.memory = memory;
    }

    /**
     * Attaches to thread {@code tid}, sets a hardware breakpoint at {@code breakAt} and lets it go
     * on. The thread stops when it gets there ({@link #awaitJump}).
     */
    static TracedJump attach(int tid, long base, long breakAt, Listing listing, ProcessMemory memory)
            throws TraceRefused {
        TracedJump jump = new TracedJump(base, listing, memory);
        try {
            jump.tracee = Tracee.seize(tid, jump);
            jump.tracee.breakAt(0, breakAt);
            jump.tracee.resume();
        } catch (RuntimeException e) {
            jump.close();
            throw new TraceRefused(e.getMessage());
        }
        return jump;
    }

    /** Waits until the thread stops at the breakpoint; false if it did not within {@code timeout}. */
    boolean awaitJump(Duration timeout) throws InterruptedException {
        try {
            atJump.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    Trace trace() {
        return trace;
    }

    // ---- the engine's reports, on its thread ---------------------------------------------------

    @Override
    public void breakpoint(long address, Cpu cpu) {
        tracee.clearBreakpoint(0); // sv_jump's, the only one: from here on it steps
        trace = new Trace(Trace.Status.AT_JUMP, List.of(), 0, instruction(cpu.rip()), cpu, null);
        atJump.complete(null);
    }

    /** The thread is gone: {@code end} says how it ended. */
    @Override
    public void ended(WaitStatus end) {
        trace = new Trace(Trace.Status.ENDED, trace.steps(), count, null, trace.cpu(), null, end.fate());
        atJump.complete(null);
    }

    // ---- steps ---------------------------------------------------------------------------------

    /** Executes one instruction (a call: to its return) and reports it; null once the thread is gone or let go. */
    synchronized TraceStep step() {
        if (trace.status() == Trace.Status.ENDED) {
            return null;
        }
        if (trace.status() != Trace.Status.AT_JUMP && trace.status() != Trace.Status.STOPPED
                && trace.status() != Trace.Status.FAULTED) {
            throw new IllegalStateException("the traced thread is not stopped");
        }
        try {
            Cpu before = tracee.regs();
            Instruction executed = instruction(before.rip());
            if (pendingSignal != 0) {
                // the fault shown last time: let the thread go; it faults again, untraced, and dies of it
                pendingSignal = 0;
                release();
                return null;
            }
            TraceStep step = executed.mnemonic().equals("call") && executed.length() > 0
                    ? stepOver(before, executed) : stepOne(before, executed);
            if (step != null) {
                steps.add(step);
                if (steps.size() > KEPT) {
                    steps.remove(0);
                }
            }
            return step;
        } catch (Tracee.Gone e) {
            return null; // ended() has said how
        }
    }

    private TraceStep stepOne(Cpu before, Instruction executed) {
        Tracee.Step result = tracee.step();
        if (result instanceof Tracee.Step.Ended) {
            return null;
        }
        if (result instanceof Tracee.Step.Faulted fault) {
            pendingSignal = fault.signal();
            TraceStep step = new TraceStep(++count, executed, before, before, null, null, new TraceStep.Fault(
                    fault.signal(), fault.info().code(), fault.info().address(),
                    Tracee.faultKind(fault.signal(), fault.info().code())));
            trace = new Trace(Trace.Status.FAULTED, List.copyOf(withStep(step)), count, executed, before, null);
            return step;
        }
        Cpu after = ((Tracee.Step.Done) result).after();
        TraceStep.Syscall syscall = executed.mnemonic().equals("syscall")
                ? new TraceStep.Syscall(before.rax(), TraceStep.Syscall.name(before.rax()), after.rax()) : null;
        TraceStep step = new TraceStep(++count, executed, before, after, syscall, null, null);
        trace = new Trace(Trace.Status.STOPPED, List.copyOf(withStep(step)), count, instruction(after.rip()), after,
                null);
        return step;
    }

    /** A call out of the target (into libc): single-stepped to its return, counted, its depth kept. */
    private TraceStep stepOver(Cpu before, Instruction call) {
        List<String> syscalls = new ArrayList<>();
        Tracee.Over over = tracee.stepOver(before, before.rip() + call.length(), STEP_OVER_LIMIT, cpu -> {
            if (isSyscall(cpu.rip())) {
                syscalls.add(TraceStep.Syscall.name(cpu.rax()));
            }
        });
        if (over.end() != null) {
            return null;
        }
        String text = call.text();
        String callee = text.contains("<") ? text.substring(text.indexOf('<') + 1, text.lastIndexOf('>')) : text;
        TraceStep step = new TraceStep(++count, call, before, over.last(), null,
                new TraceStep.StepOver(callee, over.instructions(), over.lowestRsp(), List.copyOf(syscalls)), null);
        trace = new Trace(Trace.Status.STOPPED, List.copyOf(withStep(step)), count, instruction(over.last().rip()),
                over.last(), null);
        return step;
    }

    private List<TraceStep> withStep(TraceStep step) {
        List<TraceStep> all = new ArrayList<>(steps);
        all.add(step);
        return all.size() > KEPT ? all.subList(all.size() - KEPT, all.size()) : all;
    }

    /** Lets the thread go, untraced, at full speed (c, k, the watchdog). */
    synchronized void release() {
        if (tracee == null) {
            return;
        }
        tracee.detach();
        if (trace.status() != Trace.Status.ENDED) {
            trace = new Trace(Trace.Status.RUNNING, trace.steps(), count, null, trace.cpu(), null);
        }
        atJump.complete(null);
    }

    @Override
    public void close() {
        try {
            release();
        } catch (RuntimeException e) {
            // gone already
        }
        if (tracee != null) {
            tracee.close();
        }
    }

    private Instruction instruction(long rip) {
        byte[] code = null;
        try {
            code = memory.read(rip, 16);
        } catch (IOException e) {
            // not readable: the instruction is shown unmatched
        }
        return listing.instruction(rip, base, code);
    }

    private boolean isSyscall(long rip) {
        try {
            byte[] code = memory.read(rip, 2);
            return code[0] == 0x0f && code[1] == 0x05;
        } catch (IOException e) {
            return false;
        }
    }
}
