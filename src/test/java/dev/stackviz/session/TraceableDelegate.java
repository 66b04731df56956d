package dev.stackviz.session;

import dev.stackviz.machine.Machine;
import dev.stackviz.machine.TraceRefused;
import dev.stackviz.machine.TraceableMachine;
import dev.stackviz.machine.TracedRun;
import java.util.function.Consumer;

/** A machine that can be traced, whose tracing a test decides; everything else is the wrapped machine's. */
abstract class TraceableDelegate extends DelegatingMachine implements TraceableMachine {

    TraceableDelegate(Machine machine) {
        super(machine);
    }

    @Override
    public abstract TracedRun switchTraced(Consumer<String> output) throws TraceRefused;
}
