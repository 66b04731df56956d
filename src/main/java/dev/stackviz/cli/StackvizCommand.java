package dev.stackviz.cli;

import picocli.CommandLine.Command;

/** The root command: with no subcommand it opens the full-screen view. */
@Command(name = "stackviz", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "See a CPU stack switch: a 48-byte heap buffer becomes a stack, live from memory.",
        subcommands = {DumpCommand.class})
public final class StackvizCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
