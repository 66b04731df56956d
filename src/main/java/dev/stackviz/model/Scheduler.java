package dev.stackviz.model;

import java.util.List;

/**
 * The green-thread scheduler as its memory says it is now.
 *
 * @param mode     what the UI asked for
 * @param switches switches made so far
 * @param from     the last switch's source: a fiber's index, or -1 for the thread's own stack
 * @param to       its destination, likewise
 * @param waiting  the scheduler waits at the gate for the UI's next permit (step mode)
 * @param returned the scheduler has returned to the thread's own stack: every fiber done, or stopped
 * @param fibers   each fiber
 * @param entry    the fibers' function (sv_fiber_body): what the setup wrote at aligned-16
 * @param finish   the finishing routine (sv_fiber_finish, the book's guard), written at aligned-8
 */
public record Scheduler(Mode mode, long switches, int from, int to, boolean waiting, boolean returned,
                        List<Fiber> fibers, long entry, long finish) {

    public enum Mode { SETUP, STEP, RUN, STOP }

    /** Rounds done by all the fibers: a fiber writes a line a round (unless quiet), before it yields. */
    public long roundsDone() {
        long rounds = 0;
        for (Fiber fiber : fibers) {
            rounds += fiber.counter();
        }
        return rounds;
    }

    public boolean allDone() {
        return fibers.stream().allMatch(f -> f.status() == Fiber.Status.DONE);
    }

    /** "fiber 2" for index 1; "thread" for -1, the thread's own stack. */
    public static String name(int index) {
        return index < 0 ? "thread" : "fiber " + (index + 1);
    }

    /** "switch 4: fiber 3 -> fiber 1": the last switch, as the title, the cast's marker and the dump name it. */
    public String lastSwitch() {
        return "switch " + switches + ": " + name(from) + " -> " + name(to);
    }
}
