package dev.stackviz.machine.simulated;

import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Run;

import dev.stackviz.model.MachineKind;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSpec;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The seed's steps in pure Java, on a byte array standing in for memory, with made-up but
 * plausible addresses. Nothing here touches the CPU's stack; every screen labels it SIMULATED.
 */
public final class SimulatedMachine implements Machine {

    /** An address of the kind malloc returns for a small block on x86-64 Linux (made up). */
    static final long SIMULATED_BASE = 0x00007f3c_a800_1240L;
    static final long SIMULATED_ENTRY = 0x00007f3c_b2a0_1060L;
    static final long SIMULATED_CONTEXT = 0x00007f3c_a800_12c0L;

    private final StackLayout layout;
    private final byte[] window;
    private final LongSupplier clock;
    private long contextRsp;
    private SimulatedRun run;

    public SimulatedMachine(StackSpec spec) {
        this(spec, System::nanoTime);
    }

    /** With a clock of its own: the heartbeat counts the clock's milliseconds since the switch. */
    public SimulatedMachine(StackSpec spec, LongSupplier clock) {
        this.clock = clock;
        this.layout = new StackLayout(SIMULATED_BASE + spec.misalign(), spec.size());
        this.window = new byte[layout.size() + 2 * GUARD];
    }

    @Override
    public MachineKind kind() {
        return MachineKind.SIMULATED;
    }

    @Override
    public StackLayout layout() {
        return layout;
    }

    @Override
    public long entryAddress() {
        return SIMULATED_ENTRY;
    }

    @Override
    public long contextAddress() {
        return SIMULATED_CONTEXT;
    }

    @Override
    public synchronized byte[] read(long address, int length) {
        int offset = offset(address, length);
        return Arrays.copyOfRange(window, offset, offset + length);
    }

    synchronized void write(long address, byte[] bytes) {
        System.arraycopy(bytes, 0, window, offset(address, bytes.length), bytes.length);
    }

    private int offset(long address, int length) {
        long offset = address - windowStart();
        if (offset < 0 || offset + length > window.length) {
            throw new IndexOutOfBoundsException(String.format(
                    "0x%x+%d is outside the stack and its guards", address, length));
        }
        return (int) offset;
    }

    @Override
    public synchronized long contextRsp() {
        return contextRsp;
    }

    @Override
    public void writeEntry() {
        write(entrySlot(), StackLayout.littleEndian(SIMULATED_ENTRY));
    }

    @Override
    public synchronized void writeContext() {
        contextRsp = entrySlot();
    }

    @Override
    public synchronized void clearSetup() {
        requireIdle();
        Arrays.fill(window, (byte) 0);
        contextRsp = 0;
    }

    @Override
    public synchronized Run switchTo(Consumer<String> output) {
        requireIdle();
        long popped = StackLayout.fromLittleEndian(read(contextRsp, Long.BYTES), 0);
        if (contextRsp != entrySlot() || popped != SIMULATED_ENTRY) {
            throw new IllegalStateException("the setup is not complete: write the entry and the context first");
        }
        run = new SimulatedRun(this, contextRsp + Long.BYTES, output, clock);
        run.start();
        return run;
    }

    private void requireIdle() {
        if (run != null && !run.hasReturned()) {
            throw new IllegalStateException("the target is still running on this stack");
        }
    }

    @Override
    public void close() {
        if (run != null) {
            run.requestStop();
        }
    }
}
