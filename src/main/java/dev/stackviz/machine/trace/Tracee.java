package dev.stackviz.machine.trace;

import dev.stackviz.machine.sys.Posix;
import dev.stackviz.machine.sys.ProcessMemory;
import dev.stackviz.machine.sys.Ptrace;
import dev.stackviz.machine.sys.Pty;
import dev.stackviz.model.Cpu;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A thread of another process and the threads it makes, traced with ptrace(2): the engine, with no
 * idea what they run. All stop together: when one reports (a breakpoint, a fault), the others are
 * interrupted and held too, and the one that reported is the {@link #current} thread, the one that
 * {@link #step} and {@link #regs} are about; {@link #resume} lets them all run again (the current
 * one first steps over its int3, while the others are still held, so none of them runs past it
 * unseen). The kernel takes a tracee's requests only from the thread that attached, so this has a
 * tracer thread of its own that makes every request; a method called from elsewhere hands its work
 * to that thread and waits for it. It attaches with PTRACE_SEIZE and PTRACE_O_EXITKILL (if the
 * tracer goes, even by SIGKILL, the kernel kills the tracee: nothing is left stopped behind it).
 *
 * <p>While the thread runs toward a breakpoint, the tracer thread polls it, hands on the signals
 * that are not ours and holds it at the breakpoint; while it is held, it is polled too, so that a
 * thread killed from outside is reaped (and reported) at once, not at the next request.
 */
public final class Tracee implements AutoCloseable {

    /** How often a held thread is looked at: its death is seen within a frame of the view. */
    private static final long HELD_POLL_MILLIS = 20;
    /** arch/x86/include/uapi/asm/debugreg.h: DR6 says which breakpoint fired, DR7 enables them. */
    private static final int DR6 = 6;
    private static final int DR7 = 7;
    private static final int SLOTS = 4;

    /** What the tracer thread tells its owner, on the tracer thread. */
    public interface Listener {
        /**
         * The running thread stopped at a breakpoint at {@code address} (a hardware one, or an int3,
         * whose rip is set back to it); it is held.
         */
        void breakpoint(long address, Cpu cpu);

        /** The thread is gone: {@code end} says how (an exit or a signal). */
        void ended(WaitStatus end);

        /**
         * The running thread's instruction faulted ({@code signal} raised by the CPU, not sent): true
         * holds it there, before the signal is delivered; false (the default) delivers it as untraced.
         */
        default boolean faulted(int signal, Ptrace.Siginfo info, Cpu cpu) {
            return false;
        }

        /**
         * A thread made a new one ({@code tid}), attached to this tracer from its start
         * (PTRACE_O_TRACECLONE); {@code start} is its registers there (its rsp is on its own stack).
         * Both run on once this returns.
         */
        default void cloned(int tid, Cpu start) {
        }
    }

    /** The end of one single step. */
    public sealed interface Step {
        /**
         * The instruction ran; the thread is held after it. {@code delivered}: a signal the kernel
         * delivered on the way (not 0: its handler was entered, on the stack the kernel chose; the
         * registers are there), as it would be untraced.
         */
        record Done(Cpu after, int delivered) implements Step {
            public Done(Cpu after) {
                this(after, 0);
            }
        }

        /**
         * The instruction raised {@code signal} (the CPU's fault, not a signal another process sent);
         * the thread is held before it, the signal not delivered.
         */
        record Faulted(int signal, Ptrace.Siginfo info) implements Step {
        }

        /** The thread ended during the step. */
        record Ended(WaitStatus end) implements Step {
        }
    }

    /** Steps to a return: how many instructions, where it stopped, the lowest rsp on the way; {@code end} if it died. */
    public record Over(long instructions, Cpu last, long lowestRsp, WaitStatus end) {
    }

    /** A request on a thread that was held failed with ESRCH: it was killed meanwhile (reported, and reaped). */
    public static final class Gone extends RuntimeException {
        Gone() {
            super("the traced thread is gone", null, false, false);
        }
    }

    /**
     * A program started under the tracer ({@link #launch}): held at its exec; its shell, and its
     * output (stdout and stderr, through {@code pty}: close that once the program is gone, and the
     * output ends).
     */
    public record Launched(Tracee tracee, int pid, Process shell, Pty pty) {

        /** What the program writes to stdout and stderr, as it writes it. */
        public InputStream output() {
            return pty.output();
        }
    }

    /** PTRACE_EVENT_CLONE: the thread has made a new one. */
    public static final int EVENT_CLONE = 3;
    /** PTRACE_EVENT_EXEC: the thread has executed a new program. */
    public static final int EVENT_EXEC = 4;
    private static final long INT3 = 0xcc;
    /** rip's place in struct user_regs_struct, as PTRACE_GETREGS gives it. */
    private static final int RIP = 16;

    private enum State { HELD, RUNNING, DETACHED, ENDED }

    private final int tid;
    /** Every traced thread, the first one too: true while it runs. */
    private final Map<Integer, Boolean> threads = new java.util.LinkedHashMap<>();
    /** A signal a held thread was stopped with while the others were being stopped: handed on when it runs. */
    private final Map<Integer, Integer> pendingSignals = new HashMap<>();
    /** The thread the last report was about: steps and registers are its. */
    private int current;
    private final Listener listener;
    private final Thread thread;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final long[] breakpoints = new long[SLOTS];
    /** int3 breakpoints: the address, and the byte the int3 replaced. */
    private final Map<Long, Byte> soft = new TreeMap<>();
    private ProcessMemory memory;
    private volatile boolean closed;
    private State state = State.DETACHED;

    private Tracee(int tid, Listener listener) {
        this.tid = tid;
        this.current = tid;
        this.listener = listener;
        this.thread = new Thread(this::loop, "stackviz-tracer-" + tid);
        thread.setDaemon(true);
    }

    /**
     * Attaches to thread {@code tid} and stops it (PTRACE_SEIZE, then PTRACE_INTERRUPT; signals that
     * arrive first are handed on). Returns with the thread held. Throws {@link Ptrace.Failed} where
     * the kernel refuses, IllegalStateException if the thread ended first.
     */
    public static Tracee seize(int tid, Listener listener) {
        Tracee tracee = new Tracee(tid, listener);
        tracee.thread.start();
        try {
            tracee.onTracer(() -> {
                tracee.attach();
                return null;
            }, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            tracee.close();
            throw e;
        }
        return tracee;
    }

    /**
     * Starts {@code command} traced and returns it held at its exec, before its first instruction.
     * The program is a grandchild: a shell ({@code sh}) starts a second shell that stops itself, is
     * seized (PTRACE_O_EXITKILL, PTRACE_O_TRACEEXEC) and continued, and execs the program. A child of
     * the JVM would not do: the JVM's process reaper waits on its pid and would take the tracee's
     * stop reports. Its output (stdout and stderr) is {@link Launched#output}; the outer shell exits
     * with the program's status.
     */
    public static Launched launch(List<String> command, Listener listener) throws IOException {
        Pty pty = Pty.open();
        List<String> shell = new ArrayList<>(List.of("sh", "-c",
                "sh -c 'p=$1; shift; kill -STOP $$; exec \"$@\" >\"$p\" 2>&1' sh \"$@\" & echo $!; wait $! 2>/dev/null",
                "sh", pty.path()));
        shell.addAll(command);
        Process outer = null;
        try {
            outer = new ProcessBuilder(shell).redirectErrorStream(true).start();
            int pid = held(outer);
            Tracee tracee = new Tracee(pid, listener);
            tracee.thread.start();
            try {
                tracee.onTracer(() -> {
                    tracee.attachAtExec();
                    return null;
                }, Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                tracee.close();
                throw new IOException(e.getMessage(), e);
            }
            return new Launched(tracee, pid, outer, pty);
        } catch (IOException e) {
            if (outer != null) {
                outer.destroyForcibly();
            }
            pty.close();
            pty.output().close();
            throw e;
        }
    }

    /** The pid the outer shell says, once that inner shell has stopped itself before its exec. */
    private static int held(Process outer) throws IOException {
        int pid;
        try {
            pid = Integer.parseInt(firstLine(outer.getInputStream()).strip());
        } catch (NumberFormatException e) {
            throw new IOException("the program's shell did not say its pid");
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (Posix.state(pid) != 'T') {
            if (System.nanoTime() > end || Posix.state(pid) == '?') {
                throw new IOException("the program's shell did not stop before its exec");
            }
            try {
                Thread.sleep(1); // it stops within a few ms of its start: no need to spin a core
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the program's shell started", e);
            }
        }
        return pid;
    }

    /** One line, read a byte at a time, so that nothing after it is taken from the stream. */
    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    public int tid() {
        return tid;
    }

    /** The thread the last report was about (a breakpoint, a fault): the one {@link #step} steps. */
    public int current() {
        return current;
    }

    /** Sets an int3 breakpoint at {@code address} (the byte there is kept, and shown by {@link #read}). Held only. */
    public void insertBreakpoint(long address) {
        onTracer(() -> {
            requireHeld();
            if (!soft.containsKey(address)) {
                long word = peek(address);
                soft.put(address, (byte) word);
                poke(address, (word & ~0xffL) | INT3);
            }
            return null;
        });
    }

    /** Removes the int3 at {@code address}. Held only. */
    public void removeBreakpoint(long address) {
        onTracer(() -> {
            requireHeld();
            Byte original = soft.remove(address);
            if (original != null) {
                poke(address, (peek(address) & ~0xffL) | (original & 0xffL));
            }
            return null;
        });
    }

    /** {@code length} bytes of the tracee's memory at {@code address} (/proc/PID/mem), the int3s hidden. */
    public byte[] read(long address, int length) throws IOException {
        ProcessMemory mem;
        synchronized (this) {
            if (memory == null) {
                memory = ProcessMemory.open(tid);
            }
            mem = memory;
        }
        byte[] bytes = mem.read(address, length);
        for (Map.Entry<Long, Byte> bp : onTracer(() -> Map.copyOf(soft)).entrySet()) {
            long at = bp.getKey() - address;
            if (at >= 0 && at < length) {
                bytes[(int) at] = bp.getValue();
            }
        }
        return bytes;
    }


    /** Sets the hardware execute breakpoint {@code slot} (0-3) at {@code address} (DR0-DR3, DR7). Held only. */
    public void breakAt(int slot, long address) {
        onTracer(() -> {
            requireHeld();
            breakpoints[slot] = address;
            pokeDebug(slot, address);
            pokeDebug(DR7, enableBits());
            return null;
        });
    }

    /** Clears the hardware breakpoint in {@code slot}. */
    public void clearBreakpoint(int slot) {
        onTracer(() -> {
            breakpoints[slot] = 0;
            pokeDebug(DR7, enableBits());
            return null;
        });
    }

    /** Lets the held thread run until a breakpoint holds it again ({@link Listener#breakpoint}) or it ends. */
    public void resume() {
        onTracer(() -> {
            requireHeld();
            if (!soft.isEmpty() && soft.containsKey(rip()) && !(step() instanceof Step.Done)) {
                return null; // it ended, or faulted on the instruction under the int3: held, or gone
            }
            runAll(0);
            return null;
        });
    }

    /** Lets the held thread run on, delivering {@code signal} (a fault it was held at: it dies of it, as untraced). */
    public void resumeWith(int signal) {
        onTracer(() -> {
            requireHeld();
            runAll(signal);
            return null;
        });
    }

    /** The registers, as the kernel saved them. Held only. */
    public Cpu regs() {
        return onTracer(() -> new Cpu(request(() -> Ptrace.regs(current))));
    }

    /**
     * Executes one instruction. A stop that is not the instruction's end is no step: a group-stop or
     * its notification (SIGSTOP, SIGCONT, Ctrl-Z from outside; with PTRACE_SEIZE, a PTRACE_EVENT_STOP),
     * or a signal another process sent, which is handed on as it would be untraced (SIGTERM ends the
     * process; SIGSTOP stops its other threads).
     */
    public Step step() {
        return onTracer(() -> {
            requireHeld();
            long at = soft.isEmpty() ? 0 : rip();
            Byte original = soft.get(at);
            if (original == null) {
                return stepNow();
            }
            poke(at, (peek(at) & ~0xffL) | (original & 0xffL)); // the instruction itself, for this one step
            Step step = stepNow();
            if (!(step instanceof Step.Ended)) {
                poke(at, (peek(at) & ~0xffL) | INT3);
            }
            return step;
        });
    }

    private Step stepNow() {
        {
            int deliver = 0;
            int delivered = 0;
            while (true) {
                int signal = deliver;
                delivered = deliver == 0 ? delivered : deliver;
                int t = current;
                request(() -> {
                    Ptrace.singleStep(t, signal);
                    return null;
                });
                WaitStatus s = WaitStatus.of(Ptrace.await(t));
                if (!s.stopped()) {
                    if (t != tid) { // a thread that is not the first ended (its process goes on, or is ending)
                        threads.remove(t);
                        current = tid;
                        return new Step.Ended(s);
                    }
                    ended(s);
                    return new Step.Ended(s);
                }
                if (s instanceof WaitStatus.EventStop event) {
                    deliver = 0;
                    if (event.event() == EVENT_CLONE) { // the instruction was a clone: the new thread is held
                        int made = (int) Ptrace.eventMessage(t);
                        Cpu start = adopt(made);
                        if (start != null) {
                            listener.cloned(made, start);
                        }
                    }
                } else if (s instanceof WaitStatus.Stopped stop) {
                    if (stop.signal() == WaitStatus.SIGTRAP) {
                        return new Step.Done(new Cpu(request(() -> Ptrace.regs(t))), delivered);
                    }
                    Ptrace.Siginfo info = Ptrace.siginfo(t);
                    if (raisedByTheCpu(stop.signal(), info)) {
                        return new Step.Faulted(stop.signal(), info);
                    }
                    deliver = stop.signal();
                }
            }
        }
    }

    /** Where a {@link #walk} stopped: after {@code steps} instructions; the last one's registers before and its end. */
    public record Walked(long steps, Cpu before, Step end) {
    }

    /**
     * Single-steps the current thread from {@code at} (its registers now) until {@code stop} says
     * yes to an instruction's registers before and after it, the step is not {@link Step.Done} (a
     * fault, an end), it made a thread, or {@code deadline} ({@link System#nanoTime}) has passed. On
     * the tracer thread throughout: a step costs no handover.
     */
    public Walked walk(Cpu at, java.util.function.BiPredicate<Cpu, Cpu> stop, long deadline) {
        return onTracer(() -> {
            int stepped = current;
            byte[] tracer = Posix.affinity(0);
            byte[] tracee = Posix.affinity(stepped);
            byte[] one = Posix.thisCpu();
            // both on one CPU: each step hands the CPU over and back with no wake-up of another core
            // (measured here: 11,300 steps a second on two cores, 34,500 on one)
            Posix.setAffinity(0, one);
            Posix.setAffinity(stepped, one);
            java.util.Set<Integer> before = java.util.Set.copyOf(threads.keySet());
            try {
                Cpu cpu = at;
                int made = threads.size();
                long steps = 0;
                while (true) {
                    Step step = step();
                    steps++;
                    if (!(step instanceof Step.Done done)) {
                        return new Walked(steps, cpu, step);
                    }
                    if (stop.test(cpu, done.after()) || threads.size() != made
                            || (steps % 1024 == 0 && System.nanoTime() - deadline > 0)) {
                        return new Walked(steps, cpu, step);
                    }
                    cpu = done.after();
                }
            } finally {
                for (int t : threads.keySet()) {
                    if (!before.contains(t)) {
                        Posix.setAffinity(t, tracee); // made while stepping: it took the one CPU from its maker
                    }
                }
                Posix.setAffinity(stepped, tracee);
                Posix.setAffinity(0, tracer);
            }
        }, Duration.ofDays(1));
    }

    /**
     * Single-steps from {@code at} until the thread is back at {@code returnTo} with the stack
     * pointer it had at {@code at} (a call, stepped to its return), {@code limit} instructions at most.
     * {@code before} sees the registers before each instruction.
     */
    public Over stepOver(Cpu at, long returnTo, long limit, Consumer<Cpu> before) {
        return onTracer(() -> {
            Cpu cpu = at;
            long lowest = at.rsp();
            long instructions = 0;
            while (instructions < limit) {
                before.accept(cpu);
                Step step = step();
                if (step instanceof Step.Ended ended) {
                    return new Over(instructions, cpu, lowest, ended.end());
                }
                instructions++;
                if (step instanceof Step.Done done) {
                    cpu = done.after();
                } else {
                    cpu = regs(); // a fault inside: the next step delivers nothing and it faults again
                }
                lowest = Math.min(lowest, cpu.rsp());
                if (cpu.rip() == returnTo && cpu.rsp() == at.rsp()) {
                    break;
                }
            }
            return new Over(instructions, cpu, lowest, null);
        });
    }

    /**
     * Lets the thread go, untraced, at full speed: stops it first if it runs, clears the breakpoints,
     * PTRACE_DETACH. Nothing happens once it is detached or gone.
     */
    public void detach() {
        if (!closed && thread.isAlive()) {
            onTracer(() -> {
                detachNow();
                return null;
            });
        }
    }

    /** Blocks (on the tracer thread) until the thread has ended; for a held thread that was killed. */
    public WaitStatus awaitEnd() {
        return onTracer(() -> {
            for (int other : List.copyOf(threads.keySet())) { // a leader is reported only once the others are reaped
                if (other == tid) {
                    continue;
                }
                try {
                    while (WaitStatus.of(Ptrace.await(other)).stopped()) {
                        Ptrace.cont(other, 0);
                    }
                } catch (Ptrace.Failed gone) {
                    // reaped already
                }
                threads.remove(other);
            }
            WaitStatus s;
            do {
                s = WaitStatus.of(Ptrace.await(tid));
            } while (s.stopped());
            ended(s);
            return s;
        });
    }

    /** Detaches (if still attached) and ends the tracer thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            detach();
        } catch (RuntimeException e) {
            // gone already
        }
        closed = true;
        tasks.offer(() -> { });
        synchronized (this) {
            if (memory != null) {
                memory.close();
            }
        }
    }

    // ---- on the tracer thread ------------------------------------------------------------------

    private <T> T onTracer(Supplier<T> task) {
        return onTracer(task, Duration.ofSeconds(30));
    }

    /** Runs {@code task} on the tracer thread (at once if this is it) and returns its result. */
    private <T> T onTracer(Supplier<T> task, Duration timeout) {
        if (Thread.currentThread() == thread) {
            return task.get();
        }
        if (closed) {
            throw new IllegalStateException("the tracer of thread " + tid + " is closed");
        }
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
                Runnable task = tasks.poll(state == State.RUNNING ? 1 : state == State.HELD ? HELD_POLL_MILLIS : 100,
                        TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
                if (state == State.RUNNING) {
                    pollRunning();
                } else if (state == State.HELD) {
                    pollHeld();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (state == State.HELD || state == State.RUNNING) {
                try {
                    detachNow();
                } catch (RuntimeException e) {
                    // the kernel detaches us when this thread ends anyway
                }
            }
        }
    }

    private void attach() {
        Ptrace.seize(tid, Ptrace.O_EXITKILL);
        threads.put(tid, false);
        state = State.HELD;
        Ptrace.interrupt(tid);
        WaitStatus s = WaitStatus.of(Ptrace.await(tid));
        while (s instanceof WaitStatus.Stopped stop) {
            // a signal the process sent itself came first: hand it on, then take our interrupt-stop
            Ptrace.cont(tid, stop.signal());
            s = WaitStatus.of(Ptrace.await(tid));
        }
        if (!s.stopped()) {
            state = State.ENDED;
            throw new IllegalStateException("thread " + tid + " ended before it could be traced");
        }
    }

    /**
     * For {@link #launch}: seizes the shell that stopped itself, continues it, and holds it at its
     * exec of the program (PTRACE_EVENT_EXEC). Throws if it ends first (the program could not run).
     */
    private void attachAtExec() {
        Ptrace.seize(tid, Ptrace.O_EXITKILL | Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE);
        threads.put(tid, false);
        state = State.HELD;
        Posix.signal(tid, Posix.SIGCONT);
        while (true) {
            WaitStatus s = WaitStatus.of(Ptrace.await(tid));
            if (!s.stopped()) {
                state = State.ENDED;
                throw new IllegalStateException("the program did not start: its shell " + describe(s));
            }
            if (s instanceof WaitStatus.EventStop event && event.event() == EVENT_EXEC) {
                return;
            }
            // the group-stop it was in, the SIGCONT that ends it: hand on what is a signal
            Ptrace.cont(tid, s instanceof WaitStatus.Stopped stop ? stop.signal() : 0);
        }
    }

    private static String describe(WaitStatus s) {
        return s instanceof WaitStatus.Exited exited ? "exited with status " + exited.code()
                : "was killed by signal " + ((WaitStatus.Killed) s).signal();
    }

    private long rip() {
        return request(() -> Ptrace.regs(current))[RIP];
    }

    private long peek(long address) {
        return request(() -> Ptrace.peekData(current, address));
    }

    private void poke(long address, long word) {
        request(() -> {
            Ptrace.pokeData(current, address, word);
            return null;
        });
    }

    /** Lets every held thread run: the current one with {@code signal}, the others with what they were stopped with. */
    private void runAll(int signal) {
        for (Map.Entry<Integer, Boolean> thread : threads.entrySet()) {
            int t = thread.getKey();
            Integer pendingSignal = pendingSignals.remove(t);
            int deliver = t == current ? signal : pendingSignal == null ? 0 : pendingSignal;
            if (t == current) {
                request(() -> {
                    Ptrace.cont(t, deliver);
                    return null;
                });
            } else {
                try {
                    Ptrace.cont(t, deliver);
                } catch (Ptrace.Failed e) {
                    if (e.errno() != Ptrace.ESRCH) {
                        throw e;
                    }
                    // killed while held: its end is polled
                }
            }
            thread.setValue(true);
        }
        state = State.RUNNING;
    }

    /**
     * Holds every running thread but {@code reporter} (which is stopped already): PTRACE_INTERRUPT,
     * then its stop. A thread that stopped for something else meanwhile is held at that instead: at
     * an int3 of ours, rip is set back (it hits it again when it runs); a fault is not delivered (the
     * instruction faults again); another signal is kept and handed on when it runs.
     */
    private void holdOthers(int reporter) {
        threads.put(reporter, false);
        current = reporter;
        state = State.HELD;
        holdRunning();
    }

    /** Interrupts every running thread and takes its stop (see {@link #holdOthers}). */
    private void holdRunning() {
        List<Integer> order = new ArrayList<>(threads.keySet());
        order.remove((Integer) tid);
        order.add(tid); // the first thread last: once killed, it is reported only after the others are reaped
        for (int t : order) {
            if (!threads.containsKey(t)) {
                continue;
            }
            if (!threads.get(t)) {
                continue;
            }
            try {
                Ptrace.interrupt(t);
                WaitStatus s = WaitStatus.of(Ptrace.await(t));
                if (!s.stopped()) {
                    if (t == tid) {
                        ended(s);
                        return;
                    }
                    threads.remove(t);
                    continue;
                }
                threads.put(t, false);
                if (s instanceof WaitStatus.Stopped stop && stop.signal() == WaitStatus.SIGTRAP) {
                    long[] regs = Ptrace.regs(t);
                    if (soft.containsKey(regs[RIP] - 1)) {
                        Ptrace.pokeUser(t, Ptrace.RIP_OFFSET, regs[RIP] - 1, "rip");
                    }
                } else if (s instanceof WaitStatus.Stopped stop && !raisedByTheCpu(stop.signal(), Ptrace.siginfo(t))) {
                    pendingSignals.put(t, stop.signal());
                } else if (s instanceof WaitStatus.EventStop event && event.event() == EVENT_CLONE) {
                    adopt((int) Ptrace.eventMessage(t));
                }
            } catch (Ptrace.Failed e) {
                if (e.errno() != Ptrace.ESRCH) {
                    throw e;
                }
                threads.remove(t); // gone meanwhile
            }
        }
    }

    /** A thread made by one of ours (PTRACE_O_TRACECLONE): its first stop taken, it is held; its registers there. */
    private Cpu adopt(int made) {
        WaitStatus first = WaitStatus.of(Ptrace.await(made)); // its start: a PTRACE_EVENT_STOP
        if (!first.stopped()) {
            return null;
        }
        threads.put(made, false);
        return new Cpu(Ptrace.regs(made));
    }

    /** While the thread runs toward a breakpoint: hand back the signals that are not ours, hold it at ours. */
    private void pollRunning() {
        for (int t : List.copyOf(threads.keySet())) {
            if (state != State.RUNNING) {
                return;
            }
            if (Boolean.TRUE.equals(threads.get(t))) {
                pollRunning(t);
            }
        }
    }

    /** One running thread {@code t}: its report, if it has one. */
    private void pollRunning(int t) {
        int raw = Ptrace.poll(t);
        if (raw == -1) {
            return;
        }
        WaitStatus s = WaitStatus.of(raw);
        if (!s.stopped()) {
            if (t == tid) {
                ended(s);
            } else {
                threads.remove(t);
            }
            return;
        }
        try {
            if (s instanceof WaitStatus.Stopped stop && stop.signal() == WaitStatus.SIGTRAP) {
                long dr6 = Ptrace.peekUser(t, Ptrace.DEBUGREG_OFFSET + 8L * DR6);
                for (int slot = 0; slot < SLOTS; slot++) {
                    if (breakpoints[slot] != 0 && (dr6 & (1L << slot)) != 0) {
                        holdOthers(t);
                        pokeDebug(DR6, 0);
                        listener.breakpoint(breakpoints[slot], new Cpu(request(() -> Ptrace.regs(t))));
                        return;
                    }
                }
                long[] regs = Ptrace.regs(t);
                if (soft.containsKey(regs[RIP] - 1)) { // an int3 of ours ran: back to the instruction it hides
                    regs[RIP]--;
                    Ptrace.pokeUser(t, Ptrace.RIP_OFFSET, regs[RIP], "rip");
                    holdOthers(t);
                    listener.breakpoint(regs[RIP], new Cpu(regs));
                    return;
                }
            }
            if (s instanceof WaitStatus.EventStop event && event.event() == EVENT_CLONE) {
                int made = (int) Ptrace.eventMessage(t);
                Cpu start = adopt(made);
                if (start != null) {
                    listener.cloned(made, start);
                    Ptrace.cont(made, 0);
                    threads.put(made, true);
                }
                Ptrace.cont(t, 0);
                return;
            }
            if (s instanceof WaitStatus.Stopped stop && stop.signal() != WaitStatus.SIGTRAP) {
                Ptrace.Siginfo info = Ptrace.siginfo(t);
                if (raisedByTheCpu(stop.signal(), info)) {
                    holdOthers(t);
                    if (listener.faulted(stop.signal(), info, new Cpu(request(() -> Ptrace.regs(t))))) {
                        return;
                    }
                    runAll(stop.signal());
                    return;
                }
            }
            // a group-stop or an interrupt: no signal to hand on
            Ptrace.cont(t, s instanceof WaitStatus.Stopped stop ? stop.signal() : 0);
        } catch (Gone e) {
            // reported by request() already
        } catch (Ptrace.Failed e) {
            if (e.errno() != Ptrace.ESRCH) {
                throw e;
            }
            awaitEnd();
        }
    }

    /**
     * While the thread is held, nothing else would ask the kernel about it: a thread killed from
     * outside (SIGKILL wakes it from its stop) would stay a zombie, and its process with it, until
     * the next request. A held thread that lives reports nothing.
     */
    private void pollHeld() {
        for (int t : List.copyOf(threads.keySet())) {
            int raw = Ptrace.poll(t);
            if (raw != -1 && !WaitStatus.of(raw).stopped()) {
                if (t == tid) {
                    ended(WaitStatus.of(raw));
                    return;
                }
                threads.remove(t);
            }
        }
    }

    private void detachNow() {
        if (state != State.HELD && state != State.RUNNING) {
            return;
        }
        if (state == State.RUNNING) {
            state = State.HELD;
            holdRunning();
            if (state == State.ENDED) {
                return;
            }
        }
        try {
            pokeDebug(DR7, 0);
        } catch (RuntimeException gone) {
            // the thread went
        }
        java.util.Arrays.fill(breakpoints, 0);
        try {
            for (Map.Entry<Long, Byte> bp : soft.entrySet()) { // the code as it was: untraced, an int3 would kill it
                poke(bp.getKey(), (peek(bp.getKey()) & ~0xffL) | (bp.getValue() & 0xffL));
            }
        } catch (RuntimeException gone) {
            // the process went
        }
        soft.clear();
        for (int t : threads.keySet()) {
            Ptrace.detach(t);
        }
        threads.clear();
        state = State.DETACHED;
    }

    private void ended(WaitStatus end) {
        state = State.ENDED;
        listener.ended(end);
    }

    private void requireHeld() {
        if (state == State.ENDED) {
            throw new Gone(); // killed while held: the held thread's poll reaped and reported it
        }
        if (state != State.HELD) {
            throw new IllegalStateException("thread " + tid + " is not held (" + state.name().toLowerCase() + ")");
        }
    }

    private long enableBits() {
        long bits = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (breakpoints[slot] != 0) {
                bits |= 1L << (2 * slot); // Ln: local enable; R/Wn = 00 and LENn = 00: execute, length 1
            }
        }
        return bits;
    }

    private void pokeDebug(int register, long value) {
        request(() -> {
            Ptrace.pokeUser(tid, Ptrace.DEBUGREG_OFFSET + 8L * register, value, "DR" + register);
            return null;
        });
    }

    /** A request on the held thread; ESRCH means it was killed meanwhile: reaped, reported, and {@link Gone}. */
    private <T> T request(Supplier<T> request) {
        try {
            return request.get();
        } catch (Ptrace.Failed e) {
            if (e.errno() == Ptrace.ESRCH && state == State.HELD) {
                awaitEnd();
                throw new Gone();
            }
            if (e.errno() == Ptrace.ESRCH && state == State.ENDED) {
                throw new Gone(); // the held thread's poll reaped and reported it first
            }
            throw e;
        }
    }

    /** A fault of the instruction itself: a signal the kernel raised (si_code > 0), not one a process sent. */
    private static boolean raisedByTheCpu(int signal, Ptrace.Siginfo info) {
        boolean fault = signal == 11 || signal == 7 || signal == 4 || signal == 8; // SIGSEGV, SIGBUS, SIGILL, SIGFPE
        return fault && info.code() > 0;
    }

    /** What the kernel's si_code means for a fault (include/uapi/asm-generic/siginfo.h). */
    public static String faultKind(int signal, int code) {
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
}
