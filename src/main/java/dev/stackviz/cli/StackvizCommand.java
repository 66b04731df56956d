package dev.stackviz.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: with no subcommand it opens the full-screen view. */
@Command(name = "stackviz", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"See a CPU stack switch: a 48-byte heap buffer becomes a stack, live from memory.",
            "With no command, opens the full-screen view (its keys are listed below)."},
        subcommands = {DumpCommand.class, FibersCommand.class, BenchCommand.class, TraceCommand.class})
public final class StackvizCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Mixin
    WatchdogOptions watchdog;

    @Mixin
    ViewOptions view;

    private PrintWriter err;

    /** The command as picocli would leave it for no arguments, without picocli (see Main.run). */
    StackvizCommand withDefaults(PrintWriter err) {
        this.stack = new StackOptions();
        this.watchdog = new WatchdogOptions();
        this.view = new ViewOptions();
        this.err = err;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        return new TuiCommand(stack, watchdog, view, err != null ? err : spec.commandLine().getErr()).run();
    }
}
