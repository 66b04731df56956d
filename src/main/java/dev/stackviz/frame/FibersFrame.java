package dev.stackviz.frame;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.Isa;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Scheduler;
import java.util.List;

/**
 * Everything one picture of the green threads shows, read once: the scheduler and each fiber now,
 * and as they were before the last key (to mark what a switch changed).
 *
 * @param now      the scheduler and the fibers, read for this frame
 * @param before   the same before the last key: a switch's changes are the difference
 * @param output   everything the fibers wrote, interleaved as it happened
 * @param selected the fiber whose stack is shown where only one fits (80 columns)
 * @param rate     switches per second while they run at full speed (0 otherwise)
 * @param isa      the instruction set of these fibers' switches (the simulated machine plays x86-64's)
 */
public record FibersFrame(MachineKind kind, int stackSize, Scheduler now, Scheduler before, String output,
                          int selected, Frame.Overlay overlay, List<String> panel, String hint, double rate, Isa isa) {

    /** A frame of fibers switched on this JVM's machine (the simulated one plays x86-64). */
    public FibersFrame(MachineKind kind, int stackSize, Scheduler now, Scheduler before, String output,
                       int selected, Frame.Overlay overlay, List<String> panel, String hint, double rate) {
        this(kind, stackSize, now, before, output, selected, overlay, panel, hint, rate, Isa.of(kind, Isa.host()));
    }

    public boolean simulated() {
        return kind == MachineKind.SIMULATED;
    }

    public Fiber fiber(int index) {
        return now.fibers().get(index);
    }

    public Fiber fiberBefore(int index) {
        return before.fibers().get(index);
    }

    /**
     * The fiber the last switch loaded, still on the CPU (or waiting in its yield for the next
     * permit): its context holds what was loaded, until the next switch saves it.
     */
    public boolean current(int index) {
        return now.mode() != Scheduler.Mode.SETUP && !now.returned() && now.to() == index;
    }

    /** Its context was saved by a switch away from it (or written by the setup): "saved rsp" is true of it. */
    public boolean saved(int index) {
        return !current(index) && fiber(index).status() != Fiber.Status.RUNNING;
    }

    public int count() {
        return now.fibers().size();
    }
}
