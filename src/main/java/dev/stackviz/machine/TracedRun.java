package dev.stackviz.machine;

import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;

/** A switch made under a tracer ({@link TraceableMachine#switchTraced}): what only a traced run can do. */
public interface TracedRun extends Run {

    /** The instruction walk so far. */
    Trace trace();

    /** True while the tracer holds the switching thread (stopped between steps). */
    default boolean traced() {
        Trace.Status status = trace().status();
        return status == Trace.Status.AT_JUMP || status == Trace.Status.STOPPED || status == Trace.Status.FAULTED;
    }

    /** Executes one instruction of the traced thread (a call out of the library: to its return); null once it is gone. */
    TraceStep stepInstruction();

    /** Lets the traced thread go on at full speed, untraced. */
    void untrace();
}
