package dev.stackviz.machine;

import dev.stackviz.model.Isa;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.TargetLayout;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Green threads: several fibers on small heap stacks and a round-robin scheduler. {@link NativeFibers}
 * runs the scheduler in asm/ (sched_x86_64_sysv_elf_gas.S) on a thread of its own; {@link
 * SimulatedFibers} plays it in Java and says so.
 */
public interface FibersMachine extends AutoCloseable {

    /** Fibers that run, 1 to 4, and a stack of this many bytes each at least. */
    int MAX_FIBERS = 4;
    /** The smallest stack that holds a fiber's frames: the finishing routine and one return address. */
    int SMALLEST_STACK = TargetLayout.FIBER_FRAMES;
    int LARGEST_STACK = 4096;

    MachineKind kind();

    /** The instruction set whose switches these fibers make (the simulated ones play x86-64's). */
    default Isa isa() {
        return Isa.of(kind(), Isa.host());
    }

    int count();

    int stackSize();

    /** Everything memory says now: the scheduler, and each fiber's stack and saved context. */
    Scheduler read();

    /**
     * Starts the scheduler, in step mode: it waits for the first permit before its first switch.
     * The fibers' lines go to {@code output} as they are written.
     */
    default void start(Consumer<String> output) {
        start(output, () -> { });
    }

    /** The same, and {@code returned} runs once the scheduler has returned (its last lines may still be on their way). */
    void start(Consumer<String> output, Runnable returned);

    /**
     * Releases exactly one switch and waits until it is done and the fiber switched to has run up to
     * its next yield (or the scheduler has returned). False if that did not happen within {@code timeout}.
     */
    boolean step(Duration timeout);

    /** Full speed: no more waiting at the gate. */
    void runFree();

    /** Asks the scheduler to switch back to the thread's own stack at the next yield, and waits for it. */
    boolean stop(Duration timeout);

    /** How long they have run at full speed (since runFree), up to the scheduler's return; 0 if never. */
    long fullSpeedNanos();

    /** The whole app is about to stop (Ctrl-Z): the time away is not full-speed time. */
    void pause();

    /** Back from {@link #pause}. */
    void resume();

    /** True once sv_sched_run has returned to the thread's own stack. */
    boolean returned();

    @Override
    void close();
}
