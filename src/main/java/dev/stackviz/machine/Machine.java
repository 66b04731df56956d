package dev.stackviz.machine;

import dev.stackviz.model.Experiment;
import dev.stackviz.model.StackLayout;
import java.util.function.Consumer;

/**
 * A stack to set up and switch to. {@link NativeMachine} does it for real through the assembly
 * in asm/; {@link SimulatedMachine} does the same steps in pure Java and says so everywhere.
 */
public interface Machine extends AutoCloseable {

    /** Bytes on each side of the buffer that belong to stackviz too: readable, shown dimmed. */
    int GUARD = 16;

    /** "native" or "SIMULATED": shown next to every number the machine produces. */
    String kind();

    boolean simulated();

    StackLayout layout();

    /** The address of the target's first instruction: what the setup writes at aligned-16. */
    long entryAddress();

    /** The address of the context the switch loads rsp from. */
    long contextAddress();

    /** Reads memory in [base - GUARD, top + GUARD). */
    byte[] read(long address, int length);

    /** ctx.rsp as it is in memory now (0 before the context step). */
    long contextRsp();

    /** The seed's write: the entry address, little-endian, at aligned-16. */
    void writeEntry();

    /** The seed's ctx.rsp = aligned-16 (and the target's block in ctx.rbx). */
    void writeContext();

    /** Zeroes the buffer, the guards and the context: the state right after allocation. */
    void clearSetup();

    /**
     * Switches to the target on a new thread and returns at once. Output the target writes is
     * passed to {@code output} as it arrives. Requires {@link #writeEntry} and {@link #writeContext}.
     */
    Run switchTo(Consumer<String> output);

    /** Frees the memory, unless a target that never came back may still be using it. */
    @Override
    void close();

    /** Where the setup writes the target's address (aligned-16 unless an experiment says otherwise). */
    default long entrySlot() {
        return layout().entrySlot();
    }

    /** Where the target keeps its heartbeat while it spins. */
    default long heartbeatSlot() {
        return layout().heartbeatSlot();
    }

    /** Where the bytes on screen come from: "live memory", "made-up", ... (a dozen characters). */
    default String memorySource() {
        return simulated() ? "made-up" : "live memory";
    }

    /** The experiment the target runs, for an isolated machine; null in-process. */
    default Experiment experiment() {
        return null;
    }

    /** A sentence on memory written below the buffer, where the machine can see it; else null. */
    default String belowBuffer() {
        return null;
    }

    /** The window of memory stackviz may read: the buffer and its guards. */
    default long windowStart() {
        return layout().base() - GUARD;
    }

    default int windowLength() {
        return layout().size() + 2 * GUARD;
    }

    default byte[] readWindow() {
        return read(windowStart(), windowLength());
    }

    default long heartbeat() {
        byte[] slot = read(heartbeatSlot(), Long.BYTES);
        return StackLayout.fromLittleEndian(slot, 0);
    }
}
