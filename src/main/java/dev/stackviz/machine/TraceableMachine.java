package dev.stackviz.machine;

import java.util.function.Consumer;

/** A machine whose switch can be walked instruction by instruction: the isolated child, under ptrace. */
public interface TraceableMachine extends Machine {

    /**
     * The switch, traced: returns with the switching thread stopped at the first instruction of the
     * seed's jump. Where this system does not allow tracing, throws (nothing has switched then).
     */
    TracedRun switchTraced(Consumer<String> output) throws TraceRefused;
}
