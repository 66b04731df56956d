package dev.stackviz.machine;

import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Isa;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Origin;
import dev.stackviz.model.StackLayout;
import java.util.function.Consumer;

/**
 * A stack to set up and switch to. machine.inprocess's NativeMachine does it for real through the
 * assembly in asm/; machine.isolated's IsolatedMachine in a child process (and can trace it: {@link
 * TraceableMachine}); machine.simulated's SimulatedMachine does the same steps in pure Java, and
 * every screen says so. {@link Machines} picks one.
 */
public interface Machine extends AutoCloseable {

    /** Bytes on each side of the buffer (and of the lowest slot a target uses) that stackviz reads too. */
    int GUARD = 512;

    MachineKind kind();

    default boolean simulated() {
        return kind() == MachineKind.SIMULATED;
    }

    /** The instruction set whose switch this machine makes (the simulated machine plays x86-64's). */
    default Isa isa() {
        return Isa.of(kind(), Isa.host());
    }

    /** The child's process id; 0 in-process. */
    default long pid() {
        return 0;
    }

    StackLayout layout();

    /** The address of the target's first instruction: what the setup writes at the entry slot. */
    long entryAddress();

    /** The address of the context the switch loads rsp from. */
    long contextAddress();

    /** Reads memory inside the window (see {@link #windowStart}). */
    byte[] read(long address, int length);

    /** ctx.rsp as it is in memory now (0 before the context step). */
    long contextRsp();

    /** The seed's write: the entry address, little-endian, at the entry slot. */
    void writeEntry();

    /** The seed's ctx.rsp = the entry slot (and the target's block in ctx.rbx). */
    void writeContext();

    /** Zeroes the buffer, the guards and the context: the state right after allocation. */
    void clearSetup();

    /**
     * Switches to the target on a new thread and returns at once. Output the target writes is
     * passed to {@code output} as it arrives. Requires {@link #writeEntry} and {@link #writeContext}.
     */
    Run switchTo(Consumer<String> output);

    /** The app stops for a while (Ctrl-Z): a target in another process stops too (SIGSTOP). In-process it stops with us. */
    default void pause() {
    }

    /** Back from {@link #pause} (SIGCONT). */
    default void resume() {
    }

    /** Frees the memory, unless a target that never came back may still be using it. */
    @Override
    void close();

    /** Where the bytes come from right now. */
    default Origin origin() {
        return simulated() ? Origin.MADE_UP : Origin.LIVE;
    }

    /** The experiment the target runs, for an isolated machine; null in-process. */
    default Experiment experiment() {
        return null;
    }

    /** Where the setup writes the target's address (aligned-16 unless the experiment says otherwise). */
    default long entrySlot() {
        return layout().belowAligned(Experiment.entryBelowTop(experiment()));
    }

    /** Where the target keeps its heartbeat while it spins. */
    default long heartbeatSlot() {
        return layout().belowAligned(Experiment.heartbeatBelowTop(experiment()));
    }

    /** What the memory below the buffer holds, where the machine watches it; else null. */
    default BelowBase below() {
        return null;
    }

    /** The window of memory stackviz reads: the buffer and every slot the target uses, with guards. */
    default long windowStart() {
        return windowStart(layout(), experiment());
    }

    default int windowLength() {
        return (int) (layout().top() + GUARD - windowStart());
    }

    default byte[] readWindow() {
        return read(windowStart(), windowLength());
    }

    /** The heartbeat, read from its slot. */
    default long heartbeat() {
        return StackLayout.fromLittleEndian(read(heartbeatSlot(), Long.BYTES), 0);
    }

    static long windowStart(StackLayout layout, Experiment experiment) {
        return Math.min(layout.base(), layout.belowAligned(Experiment.lowestBelowTop(experiment))) - GUARD;
    }
}
