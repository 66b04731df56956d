package dev.stackviz.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Options written before a subcommand ({@code stackviz --simulate dump}). picocli gives them to the
 * root command, which does not run when a subcommand does, so they were silently ignored. Each one
 * now acts as if written after the subcommand's name, or, where the subcommand has no such option
 * ({@code --record f.cast dump}), is refused: never ignored.
 */
final class OptionsFirst {

    private OptionsFirst() {
    }

    /**
     * The arguments with the root's options moved behind the subcommand's name; null when there is
     * nothing to move. A usage error when the subcommand does not take one of them.
     */
    static String[] moved(CommandLine root, List<String> args) {
        CommandSpec spec = root.getCommandSpec();
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            CommandLine sub = root.getSubcommands().get(arg);
            if (sub != null) {
                return names.isEmpty() ? null : reordered(sub, names, args.subList(0, i), args.subList(i, args.size()));
            }
            OptionSpec option = arg.startsWith("-") ? spec.findOption(arg.split("=", 2)[0]) : null;
            if (option == null) {
                return null; // a positional or "--": no subcommand follows as a name
            }
            names.add(arg.split("=", 2)[0]);
            i += arg.contains("=") || option.arity().max() == 0 ? 1 : 2;
        }
        return null;
    }

    /** The subcommand's name, the options written before it, then what came after it. */
    private static String[] reordered(CommandLine sub, List<String> names, List<String> before, List<String> rest) {
        for (String name : names) {
            if (sub.getCommandSpec().findOption(name) == null) {
                throw new ParameterException(sub, name + " is not an option of '"
                        + sub.getCommandSpec().qualifiedName() + "'");
            }
        }
        List<String> all = new ArrayList<>();
        all.add(rest.get(0));
        all.addAll(before);
        all.addAll(rest.subList(1, rest.size()));
        return all.toArray(String[]::new);
    }
}
