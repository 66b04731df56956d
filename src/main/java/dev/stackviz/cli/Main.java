package dev.stackviz.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: the only place that calls System.exit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with stackviz's error handling: one line per problem, exit 2 or 1. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new StackvizCommand());
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            if (ex instanceof StackvizException) {
                err.println("stackviz: " + ex.getMessage());
            } else {
                err.println("stackviz: internal error: " + ex);
                if (System.getenv("STACKVIZ_DEBUG") != null) {
                    ex.printStackTrace(err);
                } else {
                    err.println("stackviz: set STACKVIZ_DEBUG=1 for the stack trace");
                }
            }
            return 1;
        });
        return cmd;
    }
}
