package dev.stackviz.machine.inprocess;

import dev.stackviz.machine.FibersMachine;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.NoNativeSwitch;
import dev.stackviz.machine.sys.NativeLayout;
import dev.stackviz.machine.sys.Pipe;
import dev.stackviz.machine.sys.Posix;
import dev.stackviz.machine.sys.RawMemory;
import dev.stackviz.machine.sys.SwitchLibrary;

import static dev.stackviz.machine.sys.NativeLayout.CTX_BLOCK;
import static dev.stackviz.machine.sys.NativeLayout.CTX_SCHED;
import static dev.stackviz.machine.sys.NativeLayout.CTX_SP;
import static dev.stackviz.machine.sys.NativeLayout.CTX_X30;
import static dev.stackviz.machine.sys.NativeLayout.FIB_COUNTER;
import static dev.stackviz.machine.sys.NativeLayout.FIB_CTX;
import static dev.stackviz.machine.sys.NativeLayout.FIB_INDEX;
import static dev.stackviz.machine.sys.NativeLayout.FIB_ROUNDS;
import static dev.stackviz.machine.sys.NativeLayout.FIB_SIZE;
import static dev.stackviz.machine.sys.NativeLayout.FIB_STATE;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_COUNT;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_FD;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_FIBERS;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_FROM;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_GATE;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_MODE;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_QUIET;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_RUN;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_STEP;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_STOP;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_SIZE;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_SWITCHES;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_TO;
import static dev.stackviz.machine.sys.NativeLayout.SCHED_WAITING;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.Isa;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.TargetLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The real thing: the scheduler's struct and each fiber's stack in native memory, the scheduler
 * itself in asm/ on a thread of its own ("stackviz-fibers"), which carries the fibers with every
 * blockable signal blocked. The UI steps it through the gate word, with no callback into Java.
 */
public final class NativeFibers implements FibersMachine {

    private final SwitchLibrary library;
    private final RawMemory schedMemory;
    private final long sched;
    private final List<RawMemory> stackMemory = new ArrayList<>();
    private final List<StackLayout> layouts = new ArrayList<>();
    private final int count;
    private final int size;
    private final long entry;
    private final long finish;
    /** AArch64: sv_start, a fresh fiber's first x30; 0 on x86-64, where sv_swap pops the entry itself. */
    private final long start;
    private volatile Thread carrier;
    private volatile boolean started;
    private volatile boolean returned;
    private volatile long runFreeAt;
    private volatile long returnedAt;
    private long pausedAt;
    private Pipe pipe;

    private NativeFibers(SwitchLibrary library, int count, int size, long rounds, boolean quiet) {
        this.library = library;
        this.count = count;
        this.size = size;
        this.entry = library.address("sv_fiber_body");
        this.finish = library.address("sv_fiber_finish");
        this.start = Isa.host() == Isa.AARCH64 ? library.address("sv_start") : 0;
        this.schedMemory = RawMemory.allocate(SCHED_SIZE + 64L);
        this.sched = (schedMemory.address() + 63) & -64L; // the futex word and the contexts, aligned
        schedMemory.putLong(sched + SCHED_COUNT, count);
        schedMemory.putLong(sched + SCHED_MODE, SCHED_STEP);
        schedMemory.putLong(sched + SCHED_QUIET, quiet ? 1 : 0);
        schedMemory.putLong(sched + SCHED_FROM, -1);
        schedMemory.putLong(sched + SCHED_TO, -1);
        for (int i = 0; i < count; i++) {
            prepare(i, rounds + i);
        }
    }

    /**
     * {@code count} fibers on stacks of {@code size} bytes; fiber i (from 0) returns after
     * {@code rounds + i} rounds, so that they finish one after another.
     */
    public static NativeFibers open(int count, int size, long rounds) {
        return open(count, size, rounds, false);
    }

    static NativeFibers open(int count, int size, long rounds, boolean quiet) {
        if (count < 1 || count > MAX_FIBERS) {
            throw new IllegalArgumentException("1 to " + MAX_FIBERS + " fibers, not " + count);
        }
        try {
            return new NativeFibers(SwitchLibrary.load(), count, size, rounds, quiet);
        } catch (LinkageError e) {
            throw new NoNativeSwitch("the native switch library did not load: " + e.getMessage(), e);
        }
    }

    /** The seed's setup, for fiber {@code i}: top aligned down to 16, the entry at aligned-16, the finish above it. */
    private void prepare(int i, long rounds) {
        RawMemory stack = RawMemory.allocate(2L * Machine.GUARD + StackLayout.ALIGNMENT + size);
        long base = (stack.address() + Machine.GUARD + StackLayout.ALIGNMENT - 1) & -StackLayout.ALIGNMENT;
        StackLayout layout = new StackLayout(base, size);
        stack.putLong(layout.belowAligned(TargetLayout.FIBER_FINISH_BELOW_TOP), finish);
        stack.putLong(layout.belowAligned(TargetLayout.ENTRY_BELOW_TOP), entry);
        long fiber = fiber(i);
        schedMemory.putLong(fiber + FIB_CTX + CTX_SP, layout.belowAligned(TargetLayout.ENTRY_BELOW_TOP));
        schedMemory.putLong(fiber + FIB_CTX + CTX_BLOCK, fiber);
        schedMemory.putLong(fiber + FIB_CTX + CTX_SCHED, sched);
        if (start != 0) { // AArch64: sv_swap's ret goes to x30, and sv_start takes the entry from the stack
            schedMemory.putLong(fiber + FIB_CTX + CTX_X30, start);
        }
        schedMemory.putLong(fiber + FIB_INDEX, i);
        schedMemory.putLong(fiber + FIB_ROUNDS, rounds);
        stackMemory.add(stack);
        layouts.add(layout);
    }

    private long fiber(int i) {
        return sched + SCHED_FIBERS + (long) i * FIB_SIZE;
    }

    @Override
    public MachineKind kind() {
        return MachineKind.NATIVE;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int stackSize() {
        return size;
    }

    @Override
    public Scheduler read() {
        List<Fiber> fibers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long fiber = fiber(i);
            StackLayout layout = layouts.get(i);
            long start = layout.base() - Machine.GUARD;
            byte[] window = stackMemory.get(i).read(start, (int) (layout.top() + Machine.GUARD - start));
            Registers saved = NativeLayout.registers(slot -> get(fiber + FIB_CTX + slot), false);
            fibers.add(new Fiber(i, Fiber.Status.values()[(int) get(fiber + FIB_STATE)], get(fiber + FIB_COUNTER),
                    get(fiber + FIB_ROUNDS), layout, start, window, saved));
        }
        long mode = get(sched + SCHED_MODE);
        Scheduler.Mode shown = !started ? Scheduler.Mode.SETUP
                : mode == SCHED_RUN ? Scheduler.Mode.RUN : mode == SCHED_STOP ? Scheduler.Mode.STOP : Scheduler.Mode.STEP;
        return new Scheduler(shown, get(sched + SCHED_SWITCHES), (int) get(sched + SCHED_FROM),
                (int) get(sched + SCHED_TO), get(sched + SCHED_WAITING) == 1, returned, List.copyOf(fibers), entry,
                finish);
    }

    private long get(long address) {
        return schedMemory.getLong(address);
    }

    @Override
    public synchronized void start(Consumer<String> output, Runnable onReturn) {
        if (started) {
            return;
        }
        pipe = Pipe.open(output);
        schedMemory.putLong(sched + SCHED_FD, pipe.writeEnd());
        started = true;
        carrier = new Thread(() -> {
            try {
                library.schedRun(sched);
            } finally {
                returnedAt = System.nanoTime();
                returned = true;
                pipe.closeWriteEnd();
                onReturn.run();
            }
        }, "stackviz-fibers");
        carrier.setDaemon(true); // should the fibers never return, the JVM need not wait for them
        carrier.start();
    }

    /** For the tests: runs the scheduler on the calling thread, checking its callee-saved registers survive. */
    long runCheckedHere() {
        started = true;
        try {
            return library.schedRunChecked(sched);
        } finally {
            returned = true;
        }
    }

    @Override
    public boolean step(Duration timeout) {
        long before = get(sched + SCHED_SWITCHES);
        schedMemory.getAndAddInt(sched + SCHED_GATE, 1);
        wake();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (returned || get(sched + SCHED_SWITCHES) > before && get(sched + SCHED_WAITING) == 1) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Override
    public long fullSpeedNanos() {
        long from = runFreeAt;
        return from == 0 ? 0 : (returned && returnedAt != 0 ? returnedAt : System.nanoTime()) - from;
    }

    @Override
    public synchronized void pause() {
        pausedAt = System.nanoTime();
    }

    /** The time the whole process was stopped (Ctrl-Z) is not full-speed time. */
    @Override
    public synchronized void resume() {
        if (runFreeAt != 0 && !returned) {
            runFreeAt += System.nanoTime() - pausedAt;
        }
    }

    @Override
    public void runFree() {
        runFreeAt = System.nanoTime();
        schedMemory.putLong(sched + SCHED_MODE, SCHED_RUN);
        modeChanged();
    }

    /** Sets the stop mode and wakes the scheduler, without waiting. */
    void requestStop() {
        schedMemory.putLong(sched + SCHED_MODE, SCHED_STOP);
        modeChanged();
    }

    @Override
    public boolean stop(Duration timeout) {
        if (!started || returned) {
            return true;
        }
        requestStop();
        if (carrier == null) {
            return returned;
        }
        try {
            carrier.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return returned;
    }

    /**
     * Wakes the scheduler to look at its mode again. The gate word changes too: it may be between
     * seeing the old mode and FUTEX_WAIT, which sleeps only while the word is what it saw. (In run
     * and stop modes nobody takes permits, so the extra one is never used.)
     */
    private void modeChanged() {
        schedMemory.getAndAddInt(sched + SCHED_GATE, 1);
        wake();
    }

    /** FUTEX_WAKE on the gate: the scheduler, if it sleeps there, looks again. */
    private void wake() {
        Posix.futexWake(sched + SCHED_GATE);
    }

    @Override
    public boolean returned() {
        return returned;
    }

    /** Asks the scheduler to stop and waits; memory a scheduler that never returned may still use is kept. */
    @Override
    public synchronized void close() {
        if (!stop(Duration.ofSeconds(2))) {
            synchronized (NativeMachine.class) {
                LOST.add(this);
            }
            return;
        }
        if (pipe != null) {
            try {
                pipe.awaitDrained(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Fibers whose scheduler did not return: their memory is never freed. */
    private static final List<Object> LOST = new ArrayList<>();
}
