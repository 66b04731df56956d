package dev.stackviz.cli;

import dev.stackviz.machine.Machines;
import dev.stackviz.model.StackSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The stack the user asks for, shared by every command that builds one. */
public final class StackOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--stack-size", paramLabel = "BYTES", defaultValue = "48",
            description = "Size of the heap buffer that becomes the stack (default: ${DEFAULT-VALUE}, as in the seed).")
    int size;

    @Option(names = "--misalign", paramLabel = "K", defaultValue = "0",
            description = "Start the buffer K bytes (0-15) past a 16-byte boundary, so that aligning moves the top.")
    int misalign;

    @Option(names = "--simulate",
            description = "Use the simulated machine (pure Java, made-up addresses) even where the native switch runs.")
    boolean simulate;

    /** The spec, or a usage error (exit 2) naming the option and what is valid. */
    public StackSpec stackSpec() {
        StackSpec stack = new StackSpec(size, misalign);
        String problem = stack.problem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        return stack;
    }

    public Machines.Choice openMachine() {
        return Machines.open(stackSpec(), simulate);
    }
}
