package dev.stackviz.cli;

import dev.stackviz.machine.Machines;
import dev.stackviz.model.Experiment;
import java.time.Duration;
import dev.stackviz.model.StackSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The stack the user asks for, shared by every command that builds one. */
public final class StackOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    // Defaults are field values, not annotation strings, so that Main can run with no picocli at all.
    @Option(names = "--stack-size", paramLabel = "BYTES",
            description = "Size of the heap buffer that becomes the stack (default: ${DEFAULT-VALUE}, as in the seed).")
    int size = StackSpec.DEFAULT_SIZE;

    @Option(names = "--misalign", paramLabel = "K",
            description = "Start the buffer K bytes (0-15) past a 16-byte boundary, so that aligning moves the top.")
    int misalign;

    @Option(names = "--simulate",
            description = "Use the simulated machine (pure Java, made-up addresses) even where the native switch runs.")
    boolean simulate;

    @Option(names = "--isolate",
            description = "Run the switch in a child process that makes the seed's one-way jump and spins forever; "
                    + "the watchdog ends it with SIGTERM, then SIGKILL. x86-64 only.")
    boolean isolate;

    @Option(names = "--experiment", paramLabel = "NAME",
            description = "Break a rule on purpose, in the isolated child (implies --isolate): "
                    + "misaligned, overflow, seed-hello. x86-64 only.")
    String experiment;

    /** The experiment asked for, or null when the switch runs in-process. */
    public Experiment experiment() {
        if (experiment == null) {
            return isolate ? Experiment.NONE : null;
        }
        try {
            return Experiment.parse(experiment);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--experiment: " + e.getMessage());
        }
    }

    /** The spec, or a usage error (exit 2) naming the option and what is valid. */
    public StackSpec stackSpec() {
        StackSpec stack = new StackSpec(size, misalign);
        String problem = stack.problem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        return stack;
    }

    /** Checks the options together: a mistake is a usage error before anything starts. */
    public void validate() {
        stackSpec();
        experiment(); // a name that is no experiment is bad usage, whatever the terminal
        if (simulate && experiment() != null) {
            throw new ParameterException(spec.commandLine(), (experiment != null ? "--experiment" : "--isolate")
                    + " runs a real child process, and --simulate asks for none: choose one");
        }
        if (experiment() != null && Machines.x86Only() != null) {
            // asked for, the child cannot be given, and a simulated one in its place would not be what was asked
            throw new StackvizException((experiment != null ? "--experiment" : "--isolate") + ": " + Machines.x86Only());
        }
    }

    public Machines.Choice openMachine(Duration grace) {
        return openMachine(experiment(), grace);
    }

    /** In-process (experiment null), or isolated with that experiment. */
    public Machines.Choice openMachine(Experiment chosen, Duration grace) {
        return chosen == null ? Machines.open(stackSpec(), simulate) : Machines.openIsolated(stackSpec(), chosen, grace);
    }
}
