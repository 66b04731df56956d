package dev.stackviz.model;

import java.util.List;

/**
 * Where the instruction walk of an isolated child's switching thread stands, for one frame.
 *
 * @param status  what the tracer is doing
 * @param steps   the last steps, oldest first (the frame shows the newest)
 * @param count   how many steps so far
 * @param next    the instruction at rip now, not yet executed; null when not stopped
 * @param cpu     the registers now (as read after the last stop); null before the first stop
 * @param problem why tracing is not possible here (status REFUSED), else null
 * @param fate    how the traced thread ended, as the tracer's waitpid saw it (status ENDED), else null
 */
public record Trace(Status status, List<TraceStep> steps, long count, Instruction next, Cpu cpu, String problem,
                    Fate fate) {

    public Trace(Status status, List<TraceStep> steps, long count, Instruction next, Cpu cpu, String problem) {
        this(status, steps, count, next, cpu, problem, null);
    }

    public enum Status {
        /** Stopped at the first instruction of sv_jump (a hardware breakpoint), nothing executed yet. */
        AT_JUMP,
        /** Stopped after a step. */
        STOPPED,
        /** The last step raised a signal; the next step delivers it. */
        FAULTED,
        /** Let go (c): the target runs at full speed, untraced. */
        RUNNING,
        /** The traced thread is gone. */
        ENDED,
        /** Tracing is not allowed here (Yama, seccomp, a container): {@link #problem} says why. */
        REFUSED
    }

    public TraceStep last() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }

    /** The registers the grid should show rsp from: observed, not predicted. */
    public boolean observing() {
        return cpu != null && (status == Status.AT_JUMP || status == Status.STOPPED || status == Status.FAULTED);
    }
}
