package dev.stackviz.cli;

import dev.stackviz.machine.Machines;
import dev.stackviz.model.Keys;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: the only place that calls System.exit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Machines.spawnUnderEmulation();
        if (args.length == 0 || !args[0].startsWith("-") || args[0].startsWith("--")) {
            Machines.preload(); // the view, dump and bench all need it; not -h or -V
        }
        int code;
        try {
            code = run(args);
        } catch (Exception | LinkageError | AssertionError e) {
            // picocli hands Errors on; whatever it is, the user gets one line, not a trace
            code = report(e, new PrintWriter(System.err, true));
        }
        System.exit(Printed.atExit(code, new PrintWriter(System.err, true)));
    }

    /**
     * With no arguments there is nothing to parse: the view starts with its defaults without
     * loading picocli, whose first use costs about 100 ms of the start-up budget (class loading
     * and annotation reflection on a cold JVM). Every argument goes through picocli.
     */
    public static int run(String... args) {
        if (args.length == 0) {
            PrintWriter err = new PrintWriter(System.err, true);
            try {
                return new StackvizCommand().withDefaults(err).call();
            } catch (Exception | LinkageError | AssertionError e) {
                return report(e, err);
            }
        }
        return commandLine().execute(args);
    }

    /** One line for a failure: the message of a StackvizException, else the exception (trace on request). */
    static int report(Throwable ex, PrintWriter err) {
        if (ex instanceof StackvizException) {
            err.println("stackviz: " + ex.getMessage());
        } else {
            boolean debug = System.getenv("STACKVIZ_DEBUG") != null;
            err.println("stackviz: internal error: " + ex + (debug ? "" : " (STACKVIZ_DEBUG=1 shows the stack trace)"));
            if (debug) {
                ex.printStackTrace(err);
            }
        }
        return 1;
    }

    /** A "Keys in the view" section after the options, from the one key table, laid out by picocli. */
    static void addKeys(CommandLine cmd, Keys.View view) {
        cmd.getHelpSectionMap().put("keys", help -> {
            CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                    new CommandLine.Help.Column(20, 2, CommandLine.Help.Column.Overflow.SPAN),
                    new CommandLine.Help.Column(cmd.getUsageHelpWidth() - 20, 1,
                            CommandLine.Help.Column.Overflow.WRAP));
            for (Keys.Binding b : Keys.table(view)) {
                table.addRowValues(help.colorScheme().optionText(b.names()).toString(), b.help());
            }
            return help.createHeading("%n@|bold Keys in the view|@:%n") + table;
        });
        java.util.List<String> order = new java.util.ArrayList<>(cmd.getHelpSectionKeys());
        if (!order.contains("keys")) { // a subcommand may have the order its parent was given
            order.add(order.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), "keys");
            cmd.setHelpSectionKeys(order);
        }
    }

    private static void refuseUnmatched(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
            }
        }
    }

    /** The command line with stackviz's error handling: one line per problem, exit 2 or 1. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new StackvizCommand());
        addKeys(cmd, Keys.View.STACK);
        addKeys(cmd.getSubcommands().get("fibers"), Keys.View.FIBERS);
        addKeys(cmd.getSubcommands().get("trace"), Keys.View.TRACE);
        cmd.setUsageHelpAutoWidth(true); // as wide as the terminal, where it says (picocli asks stty/tput)
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> report(ex, failed.getErr()));
        cmd.setExecutionStrategy(parseResult -> {
            refuseUnmatched(parseResult); // picocli lets -h and -V pass over an unknown option: never ignore one
            Integer help = CommandLine.executeHelpRequest(parseResult);
            if (help != null) {
                return help;
            }
            String[] moved = OptionsFirst.moved(cmd, parseResult.originalArgs());
            if (moved == null) {
                return new CommandLine.RunLast().execute(parseResult);
            }
            CommandLine again = commandLine(); // parsed anew, with the options where they act
            again.setOut(cmd.getOut());
            again.setErr(cmd.getErr());
            return again.execute(moved);
        });
        return cmd;
    }
}
