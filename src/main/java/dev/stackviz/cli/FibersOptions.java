package dev.stackviz.cli;

import dev.stackviz.machine.FibersMachine;
import dev.stackviz.machine.Machines;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The green threads the user asks for: how many, on how big a stack, for how many rounds. */
public final class FibersOptions {

    /** In the view they run until k: at about 2 million switches a second, for minutes. */
    static final long VIEW_ROUNDS = 100_000_000;
    static final long MAX_ROUNDS = 1_000_000_000_000L;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", description = "Fibers, 2 to 4 (default: ${DEFAULT-VALUE}).")
    int count = 3;

    @Option(names = "--stack-size", paramLabel = "BYTES",
            description = "Each fiber's stack, 16 to 4096 bytes (default: ${DEFAULT-VALUE}, the smallest that holds "
                    + "its frames: the finishing routine's address and one return address).")
    int size = FibersMachine.SMALLEST_STACK;

    @Option(names = "--rounds", paramLabel = "R",
            description = "Fiber i (from 0) returns after R+i rounds, to the finishing routine "
                    + "(default: ${DEFAULT-VALUE}; try 3 to watch them finish).")
    long rounds = VIEW_ROUNDS;

    @Option(names = "--simulate",
            description = "Use the simulated scheduler (pure Java, made-up addresses) even where the native one runs.")
    boolean simulate;

    /** Checks the options: a mistake is a usage error before anything starts. */
    void validate() {
        check(spec, "--count", count, size);
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new ParameterException(spec.commandLine(), "--rounds must be 1 to " + MAX_ROUNDS + ", not " + rounds);
        }
    }

    /** How many fibers ({@code countOption} says them) on how big a stack: a usage error unless both can be. */
    static void check(CommandSpec spec, String countOption, int count, int size) {
        if (count < 2 || count > FibersMachine.MAX_FIBERS) {
            throw new ParameterException(spec.commandLine(), countOption + " must be 2 to " + FibersMachine.MAX_FIBERS
                    + " fibers, not " + count);
        }
        if (size < FibersMachine.SMALLEST_STACK || size > FibersMachine.LARGEST_STACK) {
            throw new ParameterException(spec.commandLine(), "--stack-size must be " + FibersMachine.SMALLEST_STACK
                    + " to " + FibersMachine.LARGEST_STACK + " bytes for a fiber, not " + size);
        }
    }

    Machines.FibersChoice open() {
        return Machines.openFibers(count, size, rounds, simulate);
    }
}
