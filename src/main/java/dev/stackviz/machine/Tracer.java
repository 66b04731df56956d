package dev.stackviz.machine;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.stackviz.model.Cpu;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Instruction;
import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Traces one thread of the isolated child with ptrace(2): a hardware breakpoint at sv_jump (debug
 * register DR0, no write to the code, no mapping made writable), then one instruction per step,
 * registers read from the CPU's saved state. ptrace takes its requests only from the thread that
 * attached, so every request runs on this tracer's own thread; callers wait for the result.
 *
 * <p>PTRACE_O_EXITKILL: if the app goes (even by SIGKILL), the kernel kills the traced child, so
 * no process is ever left stopped behind it.
 */
final class Tracer implements AutoCloseable {

    private static final int SIGTRAP = 5;
    private static final int ESRCH = 3;
    /** How often a held thread is looked at (waitpid, WNOHANG): its death is seen within a frame of the view. */
    private static final long HELD_POLL_MILLIS = 20;
    private static final int PTRACE_EVENT_STOP = 128;
    private static final int KEPT = 8;
    /** Calls out of the library are single-stepped to their return; after this many, a breakpoint finishes them. */
    private static final long STEP_OVER_LIMIT = 200_000;

    private final int tid;
    private final long base;
    private final Listing listing;
    private final ProcessMemory memory;
    private final Thread thread;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> atJump = new CompletableFuture<>();
    private final List<TraceStep> steps = new ArrayList<>();
    private volatile Trace trace;
    private volatile boolean closed;
    /** The tracee runs (waiting for the breakpoint): the loop polls waitpid. */
    private boolean running;
    private boolean attached;
    private int pendingSignal;
    private long count;

    private Tracer(int tid, long base, Listing listing, ProcessMemory memory) {
        this.tid = tid;
        this.base = base;
        this.listing = listing;
        this.memory = memory;
        this.trace = new Trace(Trace.Status.RUNNING, List.of(), 0, null, null, null);
        this.thread = new Thread(this::loop, "stackviz-tracer-" + tid);
        thread.setDaemon(true);
    }

    /**
     * Attaches to thread {@code tid} (PTRACE_SEIZE, then PTRACE_INTERRUPT), sets a hardware
     * breakpoint at {@code breakAt} and lets it go on. The thread stops when it gets there.
     */
    static Tracer attach(int tid, long base, long breakAt, Listing listing, ProcessMemory memory) throws TraceRefused {
        Tracer tracer = new Tracer(tid, base, listing, memory);
        tracer.thread.start();
        try {
            tracer.call(() -> {
                tracer.arm(breakAt);
                return null;
            }, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            tracer.close();
            throw new TraceRefused(e.getMessage());
        }
        return tracer;
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

    /** Executes one instruction (a call: to its return) and reports it. */
    TraceStep step() {
        return call(this::stepNow, Duration.ofSeconds(30));
    }

    /** Lets the thread go, untraced, at full speed (c, k, the watchdog). */
    void release() {
        if (!closed && thread.isAlive()) {
            call(() -> {
                detach();
                return null;
            }, Duration.ofSeconds(5));
        }
    }

    Trace trace() {
        return trace;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            release();
        } catch (RuntimeException e) {
            // gone already
        }
        closed = true;
        tasks.offer(() -> { });
    }

    // ---- on the tracer thread ------------------------------------------------------------------

    private <T> T call(Supplier<T> task, Duration timeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.offer(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the tracer did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void loop() {
        try {
            while (!closed) {
                Runnable task = tasks.poll(running ? 1 : attached ? HELD_POLL_MILLIS : 100, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
                if (running) {
                    pollForBreakpoint();
                } else if (attached) {
                    pollForEnd();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (attached) {
                try {
                    detach();
                } catch (RuntimeException e) {
                    // the kernel detaches us when this thread ends anyway
                }
            }
        }
    }

    private void arm(long breakAt) {
        ptrace(Ptrace.PTRACE_SEIZE, 0, Ptrace.PTRACE_O_EXITKILL, "PTRACE_SEIZE");
        attached = true;
        ptrace(Ptrace.PTRACE_INTERRUPT, 0, 0, "PTRACE_INTERRUPT");
        int s = awaitStop();
        while (stopped(s) && (s >> 16) != PTRACE_EVENT_STOP) {
            // a signal the JVM sent itself came first: hand it on, then take our interrupt-stop
            ptrace(Ptrace.PTRACE_CONT, 0, (s >> 8) & 0xff, "PTRACE_CONT");
            s = awaitStop();
        }
        if (!stopped(s)) {
            throw new IllegalStateException("the child's thread " + tid + " ended before it could be traced");
        }
        pokeDebug(0, breakAt);
        pokeDebug(7, 1); // DR7: L0 on, DR0 an execute breakpoint of length 1
        ptrace(Ptrace.PTRACE_CONT, 0, 0, "PTRACE_CONT");
        running = true;
    }

    /** While the thread runs toward the breakpoint: hand back the JVM's own signals, stop at ours. */
    private void pollForBreakpoint() {
        int[] status = new int[1];
        int r = Ptrace.INSTANCE.waitpid(tid, status, Ptrace.WALL | Ptrace.WNOHANG);
        if (r != tid) {
            return;
        }
        int s = status[0];
        if (!stopped(s)) {
            ended(s);
            return;
        }
        try {
            int signal = (s >> 8) & 0xff;
            if (signal == SIGTRAP && (s >> 16) == 0 && (peekDebug(6) & 1) != 0) {
                running = false;
                pokeDebug(7, 0);
                pokeDebug(6, 0);
                Cpu cpu = regs();
                trace = new Trace(Trace.Status.AT_JUMP, List.of(), 0, instruction(cpu.rip()), cpu, null);
                atJump.complete(null);
                return;
            }
            int deliver = (s >> 16) == PTRACE_EVENT_STOP ? 0 : signal; // a group-stop or our interrupt: no signal
            ptrace(Ptrace.PTRACE_CONT, 0, deliver, "PTRACE_CONT");
        } catch (Gone e) {
            ended(awaitEnd());
        }
    }

    /**
     * While the thread is held between steps, nothing else would ask the kernel about it: a thread
     * killed from outside (SIGKILL wakes it from its stop) would stay a zombie, and its process with
     * it, until the next key. WNOHANG: a held thread that lives reports nothing.
     */
    private void pollForEnd() {
        int[] status = new int[1];
        if (Ptrace.INSTANCE.waitpid(tid, status, Ptrace.WALL | Ptrace.WNOHANG) == tid && !stopped(status[0])) {
            ended(status[0]);
        }
    }

    private TraceStep stepNow() {
        if (trace.status() == Trace.Status.ENDED) {
            return null;
        }
        try {
            return stepHeld();
        } catch (Gone e) {
            ended(awaitEnd());
            return null;
        }
    }

    private TraceStep stepHeld() {
        if (trace.status() != Trace.Status.AT_JUMP && trace.status() != Trace.Status.STOPPED
                && trace.status() != Trace.Status.FAULTED) {
            throw new IllegalStateException("the traced thread is not stopped");
        }
        Cpu before = regs();
        Instruction executed = instruction(before.rip());
        if (pendingSignal != 0) {
            // the fault shown last time: let the thread go; it faults again, untraced, and dies of it
            pendingSignal = 0;
            detach();
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
    }

    private TraceStep stepOne(Cpu before, Instruction executed) {
        int s = singleStep();
        if (!stopped(s)) {
            ended(s);
            return null;
        }
        int signal = (s >> 8) & 0xff;
        if (signal != SIGTRAP && (s >> 16) == 0) {
            TraceStep.Fault fault = fault(signal);
            pendingSignal = signal;
            TraceStep step = new TraceStep(++count, executed, before, before, null, null, fault);
            trace = new Trace(Trace.Status.FAULTED, List.copyOf(withStep(step)), count, executed, before, null);
            return step;
        }
        Cpu after = regs();
        TraceStep.Syscall syscall = executed.mnemonic().equals("syscall")
                ? new TraceStep.Syscall(before.rax(), TraceStep.Syscall.name(before.rax()), after.rax()) : null;
        TraceStep step = new TraceStep(++count, executed, before, after, syscall, null, null);
        trace = new Trace(Trace.Status.STOPPED, List.copyOf(withStep(step)), count, instruction(after.rip()), after,
                null);
        return step;
    }

    /** A call out of the target (into libc): single-stepped to its return, counted, its depth kept. */
    private TraceStep stepOver(Cpu before, Instruction call) {
        long returnTo = before.rip() + call.length();
        long lowest = before.rsp();
        long instructions = 0;
        List<String> syscalls = new ArrayList<>();
        Cpu cpu = before;
        while (instructions < STEP_OVER_LIMIT) {
            boolean syscall = isSyscall(cpu.rip());
            long number = cpu.rax();
            int s = singleStep();
            if (!stopped(s)) {
                ended(s);
                return null;
            }
            instructions++;
            cpu = regs();
            lowest = Math.min(lowest, cpu.rsp());
            if (syscall) {
                syscalls.add(TraceStep.Syscall.name(number));
            }
            if (cpu.rip() == returnTo && cpu.rsp() == before.rsp()) {
                break;
            }
        }
        String text = call.text();
        String callee = text.contains("<") ? text.substring(text.indexOf('<') + 1, text.lastIndexOf('>')) : text;
        TraceStep step = new TraceStep(++count, call, before, cpu, null,
                new TraceStep.StepOver(callee, instructions, lowest, List.copyOf(syscalls)), null);
        trace = new Trace(Trace.Status.STOPPED, List.copyOf(withStep(step)), count, instruction(cpu.rip()), cpu, null);
        return step;
    }

    /**
     * Executes one instruction; returns the wait status of its end (SIGTRAP, or the fault it raised)
     * or of the thread's end. A stop that is not the instruction's end is no step and is not counted:
     * a group-stop or its notification (SIGSTOP, SIGCONT, Ctrl-Z from outside; with PTRACE_SEIZE, a
     * PTRACE_EVENT_STOP), or a signal another process sent, which is handed on as it would be
     * untraced (SIGTERM ends the child; SIGSTOP stops its other threads).
     */
    private int singleStep() {
        int deliver = 0;
        while (true) {
            ptrace(Ptrace.PTRACE_SINGLESTEP, 0, deliver, "PTRACE_SINGLESTEP");
            int s = awaitStop();
            if (!stopped(s)) {
                return s;
            }
            int signal = (s >> 8) & 0xff;
            if ((s >> 16) == PTRACE_EVENT_STOP) {
                deliver = 0;
            } else if (signal == SIGTRAP || raisedByTheCpu(signal)) {
                return s;
            } else {
                deliver = signal;
            }
        }
    }

    /** A fault of the instruction itself: a signal the kernel raised (si_code > 0), not one a process sent. */
    private boolean raisedByTheCpu(int signal) {
        boolean fault = signal == Fate.SIGSEGV || signal == 7 || signal == 4 || signal == 8; // SIGBUS, SIGILL, SIGFPE
        return fault && siginfo().getInt(8) > 0;
    }

    private List<TraceStep> withStep(TraceStep step) {
        List<TraceStep> all = new ArrayList<>(steps);
        all.add(step);
        return all.size() > KEPT ? all.subList(all.size() - KEPT, all.size()) : all;
    }

    private void detach() {
        if (!attached) {
            return;
        }
        if (running) {
            ptrace(Ptrace.PTRACE_INTERRUPT, 0, 0, "PTRACE_INTERRUPT");
            awaitStop();
            running = false;
        }
        try {
            pokeDebug(7, 0);
        } catch (IllegalStateException gone) {
            // the thread went
        }
        Ptrace.INSTANCE.ptrace(Ptrace.PTRACE_DETACH, tid, null, null);
        attached = false;
        if (trace.status() != Trace.Status.ENDED) {
            trace = new Trace(Trace.Status.RUNNING, trace.steps(), count, null, trace.cpu(), null);
        }
        atJump.complete(null);
    }

    /** The thread is gone: {@code status} is its last wait status, which says how it ended. */
    private void ended(int status) {
        running = false;
        attached = false;
        int signal = status & 0x7f;
        Fate fate = signal != 0 ? Fate.killedBy(signal, null) : Fate.exited((status >> 8) & 0xff);
        trace = new Trace(Trace.Status.ENDED, trace.steps(), count, null, trace.cpu(), null, fate);
        atJump.complete(null);
    }

    /**
     * A request failed with ESRCH on a thread that was stopped: it was killed meanwhile (SIGKILL ends
     * even a stopped tracee). Its exit is reported at once; this reaps it.
     */
    private int awaitEnd() {
        int s;
        do {
            s = awaitStop();
        } while (stopped(s));
        return s;
    }

    /** Blocks until the thread reports its next stop (or its end); returns the wait status. */
    private int awaitStop() {
        int[] status = new int[1];
        while (true) {
            int r = Ptrace.INSTANCE.waitpid(tid, status, Ptrace.WALL);
            if (r == tid) {
                return status[0];
            }
            if (Native.getLastError() != 4) { // EINTR: again
                throw new IllegalStateException("waitpid(" + tid + ") failed: errno " + Native.getLastError());
            }
        }
    }

    private static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    private Cpu regs() {
        Memory regs = new Memory(Ptrace.REGS_SIZE);
        ptrace(Ptrace.PTRACE_GETREGS, 0, regs, "PTRACE_GETREGS");
        return new Cpu(regs.getLongArray(0, Ptrace.REGS_SIZE / 8));
    }

    private Memory siginfo() {
        Memory info = new Memory(Ptrace.SIGINFO_SIZE);
        info.clear();
        Ptrace.INSTANCE.ptrace(Ptrace.PTRACE_GETSIGINFO, tid, null, info);
        return info;
    }

    private TraceStep.Fault fault(int signal) {
        Memory info = siginfo();
        int code = info.getInt(8);      // si_code (siginfo_t: si_signo, si_errno, si_code)
        long address = info.getLong(16); // si_addr, for SIGSEGV and SIGBUS
        return new TraceStep.Fault(signal, code, address, faultKind(signal, code));
    }

    /** What the kernel's si_code means (include/uapi/asm-generic/siginfo.h). */
    static String faultKind(int signal, int code) {
        if (signal == 11) {
            return switch (code) {
                case 1 -> "address not mapped";
                case 2 -> "access not permitted";
                case 0x80 -> "general protection"; // SI_KERNEL: #GP, e.g. a misaligned movaps
                default -> "code " + code;
            };
        }
        return "code " + code;
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

    private void pokeDebug(int register, long value) {
        ptrace(Ptrace.PTRACE_POKEUSER, Ptrace.DEBUGREG_OFFSET + 8L * register, value, "PTRACE_POKEUSER DR" + register);
    }

    private long peekDebug(int register) {
        return Ptrace.INSTANCE.ptrace(Ptrace.PTRACE_PEEKUSER, tid, new Pointer(Ptrace.DEBUGREG_OFFSET + 8L * register),
                null);
    }

    private void ptrace(long request, long addr, long data, String what) {
        ptrace(request, addr, data == 0 ? null : new Pointer(data), what);
    }

    private void ptrace(long request, long addr, Pointer data, String what) {
        long r = Ptrace.INSTANCE.ptrace(request, tid, addr == 0 ? null : new Pointer(addr), data);
        if (r == -1) {
            int errno = Native.getLastError();
            if (errno == ESRCH && attached) {
                throw new Gone();
            }
            throw new IllegalStateException(what + " on thread " + tid + " failed: " + errnoText(errno));
        }
    }

    /** ESRCH from a thread we trace: it is gone (killed from outside), not an error of ours. */
    private static final class Gone extends RuntimeException {
        Gone() {
            super("the traced thread is gone", null, false, false);
        }
    }

    /** The reason behind an errno from ptrace, in words a user can act on. */
    static String errnoText(int errno) {
        return switch (errno) {
            case 1 -> "operation not permitted (EPERM: Yama's ptrace_scope, a seccomp filter or a container forbids "
                    + "tracing here; see /proc/sys/kernel/yama/ptrace_scope)";
            case 3 -> "no such thread (ESRCH)";
            case 5 -> "input/output error (EIO)";
            case 13 -> "permission denied (EACCES)";
            case 38 -> "ptrace is not available (ENOSYS)";
            default -> "errno " + errno;
        };
    }
}
