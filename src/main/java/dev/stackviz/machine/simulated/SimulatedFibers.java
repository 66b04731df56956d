package dev.stackviz.machine.simulated;

import dev.stackviz.machine.FibersMachine;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.sys.NativeLayout;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.TargetLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The scheduler's rules in pure Java, on byte arrays at made-up addresses: what the assembly does
 * at each switch, done by hand. Nothing switches stacks here, and every screen says SIMULATED.
 */
public final class SimulatedFibers implements FibersMachine {

    static final long SCHED = 0x00007f3c_a801_0000L;
    static final long STACKS = 0x00007f3c_a802_0000L;
    static final long ENTRY = 0x00007f3c_b2a0_2000L;
    static final long FINISH = 0x00007f3c_b2a0_2040L;
    /** Where `call sv_fiber_yield` returns to in the body (made up, like everything here). */
    static final long AFTER_YIELD = ENTRY + 0x2a;

    private final int count;
    private final int size;
    private final List<StackLayout> layouts = new ArrayList<>();
    private final List<byte[]> windows = new ArrayList<>();
    private final long[] counters;
    private final long[] rounds;
    private final Fiber.Status[] status;
    private final long[] savedRsp;
    /** Where each fiber's rsp is while it waits in its yield: saved into its context at the switch away. */
    private final long[] rspNow;
    private Consumer<String> output = text -> { };
    private Runnable onReturn = () -> { };
    private Scheduler.Mode mode = Scheduler.Mode.SETUP;
    private long switches;
    private int current = -1;
    private int from = -1;
    private int to = -1;
    private boolean returned;
    private long fullSpeed;
    private final LongSupplier clock;
    private long runFreeAt;
    private long pausedAt;

    public SimulatedFibers(int count, int size, long rounds) {
        this(count, size, rounds, System::nanoTime);
    }

    /** With a clock of the caller's: the tests' is fixed, so that every figure on screen is. */
    public SimulatedFibers(int count, int size, long rounds, LongSupplier clock) {
        this.clock = clock;
        this.count = count;
        this.size = size;
        this.counters = new long[count];
        this.rounds = new long[count];
        this.status = new Fiber.Status[count];
        this.savedRsp = new long[count];
        this.rspNow = new long[count];
        for (int i = 0; i < count; i++) {
            StackLayout layout = new StackLayout(STACKS + 0x1000L * i, size);
            layouts.add(layout);
            windows.add(new byte[size + 2 * Machine.GUARD]);
            write(i, layout.belowAligned(TargetLayout.FIBER_FINISH_BELOW_TOP), FINISH);
            write(i, layout.belowAligned(TargetLayout.ENTRY_BELOW_TOP), ENTRY);
            savedRsp[i] = layout.belowAligned(TargetLayout.ENTRY_BELOW_TOP);
            this.rounds[i] = rounds + i;
            status[i] = Fiber.Status.READY;
        }
    }

    private void write(int fiber, long address, long value) {
        StackLayout layout = layouts.get(fiber);
        System.arraycopy(StackLayout.littleEndian(value), 0, windows.get(fiber),
                (int) (address - (layout.base() - Machine.GUARD)), 8);
    }

    @Override
    public MachineKind kind() {
        return MachineKind.SIMULATED;
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
    public synchronized Scheduler read() {
        List<Fiber> fibers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StackLayout layout = layouts.get(i);
            long fiber = SCHED + NativeLayout.SCHED_FIBERS + (long) i * NativeLayout.FIB_SIZE;
            fibers.add(new Fiber(i, status[i], counters[i], rounds[i], layout, layout.base() - Machine.GUARD,
                    windows.get(i).clone(), new Registers(savedRsp[i], fiber, 0, SCHED, 0, 0, 0, 0)));
        }
        return new Scheduler(mode, switches, from, to, mode == Scheduler.Mode.STEP && !returned, returned,
                List.copyOf(fibers), ENTRY, FINISH);
    }

    @Override
    public synchronized void start(Consumer<String> output, Runnable onReturn) {
        if (mode == Scheduler.Mode.SETUP) {
            this.output = output;
            this.onReturn = onReturn;
            mode = Scheduler.Mode.STEP;
        }
    }

    @Override
    public synchronized boolean step(Duration timeout) {
        if (!returned) {
            switchOnce();
        }
        return true;
    }

    /** Full speed, on a thread of its own as the real one: switch after switch until all are done or stopped. */
    @Override
    public synchronized void runFree() {
        if (returned || mode == Scheduler.Mode.RUN) {
            return;
        }
        mode = Scheduler.Mode.RUN;
        runFreeAt = clock.getAsLong();
        Thread runner = new Thread(() -> {
            while (runOnce()) {
                Thread.onSpinWait(); // outside the lock: read() gets its turn
            }
        }, "stackviz-simulated-fibers");
        runner.setDaemon(true);
        runner.start();
    }

    private synchronized boolean runOnce() {
        if (returned || mode != Scheduler.Mode.RUN) {
            return false;
        }
        switchOnce();
        if (returned) {
            fullSpeed = Math.max(1, clock.getAsLong() - runFreeAt);
        }
        return !returned;
    }

    @Override
    public synchronized long fullSpeedNanos() {
        if (runFreeAt == 0) {
            return 0;
        }
        return fullSpeed != 0 ? fullSpeed : clock.getAsLong() - runFreeAt;
    }

    @Override
    public synchronized void pause() {
        pausedAt = clock.getAsLong();
    }

    @Override
    public synchronized void resume() {
        if (runFreeAt != 0 && fullSpeed == 0) {
            runFreeAt += clock.getAsLong() - pausedAt;
        }
    }

    @Override
    public synchronized boolean stop(Duration timeout) {
        if (mode == Scheduler.Mode.SETUP || returned) {
            returned |= mode != Scheduler.Mode.SETUP;
            return true;
        }
        boolean running = mode == Scheduler.Mode.RUN;
        mode = Scheduler.Mode.STOP;
        switchTo(-1);
        if (running) {
            fullSpeed = Math.max(1, clock.getAsLong() - runFreeAt);
        }
        return true;
    }

    /** One yield, as sv_fiber_yield makes it: pick round robin, save, load; the next fiber runs to its yield. */
    private void switchOnce() {
        int next = -1;
        for (int tried = 1; tried <= count; tried++) {
            int candidate = (current + tried) % count;
            if (status[candidate] != Fiber.Status.DONE) {
                next = candidate;
                break;
            }
        }
        switchTo(next);
        if (next >= 0) {
            run(next);
        }
    }

    private void switchTo(int next) {
        switches++;
        from = current;
        if (current >= 0) {
            savedRsp[current] = rspNow[current]; // sv_swap saves rsp only when a fiber is switched away from
            if (status[current] != Fiber.Status.DONE) {
                status[current] = Fiber.Status.READY;
            }
        }
        to = next;
        current = next;
        if (next < 0) {
            returned = true;
            onReturn.run();
            return;
        }
        status[next] = Fiber.Status.RUNNING;
    }

    /** The fiber switched to runs from where it yielded: a round (count, write, call yield), or its return. */
    private void run(int i) {
        StackLayout layout = layouts.get(i);
        if (counters[i] > 0 && counters[i] >= rounds[i]) {
            status[i] = Fiber.Status.DONE; // ret to the finishing routine, which yields for good
            rspNow[i] = layout.aligned();
            return;
        }
        counters[i]++;
        output.accept("fiber " + (i + 1) + ": " + counters[i] + "\n");
        write(i, layout.belowAligned(TargetLayout.ENTRY_BELOW_TOP), AFTER_YIELD); // the call's return address
        rspNow[i] = layout.belowAligned(TargetLayout.ENTRY_BELOW_TOP);
    }

    @Override
    public synchronized boolean returned() {
        return returned;
    }

    @Override
    public void close() {
    }
}
