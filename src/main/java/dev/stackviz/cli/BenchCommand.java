package dev.stackviz.cli;

import dev.stackviz.machine.Bench;
import dev.stackviz.machine.Machines;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Why anyone switches stacks by hand: the cost of a switch, measured here. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Measure stack switches on this machine, side by side in one run.",
        description = "Measure a stack switch on this machine: stackviz's, a minimal one, glibc swapcontext and an "
            + "OS thread switch, side by side in one run (medians, ns per switch), and the watchdog's kill.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--round-trips", paramLabel = "N",
            description = "Round trips per repetition for the fast switches (default: ${DEFAULT-VALUE}; slower ones run fewer).")
    long roundTrips = 2_000_000;

    @Option(names = "--repetitions", paramLabel = "N", description = "Repetitions of each (default: ${DEFAULT-VALUE}).")
    int repetitions = 7;

    @Option(names = "--quick", description = "A short run that only checks it works (CI): fewer round trips and repetitions.")
    boolean quick;

    @Option(names = "--json", description = "Print the same figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (roundTrips < 1000 || roundTrips > 1_000_000_000L) {
            throw new ParameterException(spec.commandLine(), "--round-trips must be 1000 to 1000000000, not " + roundTrips);
        }
        if (repetitions < 1 || repetitions > 100) {
            throw new ParameterException(spec.commandLine(), "--repetitions must be 1 to 100, not " + repetitions);
        }
        for (String option : new String[] {"--round-trips", "--repetitions"}) {
            if (quick && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), "--quick makes its own short run: drop " + option
                        + ", or drop --quick");
            }
        }
        String why = Machines.whyNoNativeSwitch();
        if (why != null) {
            throw new StackvizException("bench measures the native switch, and " + why);
        }
        Bench.Result result = quick ? Bench.run(50_000, 3, 5) : Bench.run(roundTrips, repetitions, 21);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(result.toJson());
        } else {
            result.lines().forEach(out::println);
        }
        return Printed.checked(out, 0);
    }
}
