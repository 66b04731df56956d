package dev.stackviz.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one table of keys: the key bar, the help box, the command's --help and the README's table
 * are all made from it (or, for the README, checked against it).
 *
 * <p>A key is named as the autopilot (--keys) names it: one character, or right, left, space,
 * ctrl-c.
 */
public final class Keys {

    /** One action, the keys that do it, its word on the key bar and its line in the help. */
    public record Binding(Action action, List<String> keys, List<String> barKeys, String word, String help) {

        /** "right, space, n" */
        public String names() {
            return String.join(", ", keys.stream().map(Keys::longName).toList());
        }

        /** "→/n step", or in ASCII "n step" (arrows left out). */
        public String bar(boolean unicode) {
            List<String> shown = barKeys.stream().filter(k -> unicode || glyph(k).length() == k.length())
                    .map(Keys::glyph).toList();
            return String.join("/", shown) + " " + word;
        }

        /** "→ / space / n", as the README's table writes it. */
        public String markdown() {
            return keys.stream().map(k -> k.length() == 1 ? k : glyph(k)).collect(Collectors.joining(" / "));
        }
    }

    public static final List<Binding> TABLE = List.of(
            new Binding(Action.STEP_FORWARD, List.of("right", "space", "n"), List.of("right", "n"), "step",
                    "next step of the setup"),
            new Binding(Action.STEP_BACK, List.of("left", "p"), List.of("left", "p"), "back",
                    "previous step: the setup is replayed on the same buffer, from zero"),
            new Binding(Action.SWITCH, List.of("s"), List.of("s"), "switch",
                    "finish the setup and switch for real: mov rsp, [ctx]; ret"),
            new Binding(Action.KILL, List.of("k"), List.of("k"), "kill",
                    "stop the running target: in-process it is asked to go back; a child is ended with SIGTERM, then SIGKILL"),
            new Binding(Action.RESET, List.of("r"), List.of("r"), "reset",
                    "reset: a fresh stack"),
            new Binding(Action.EXPERIMENT, List.of("e"), List.of("e"), "exp",
                    "next experiment, in an isolated child process: " + Experiment.cycle()),
            new Binding(Action.BENCH, List.of("b"), List.of("b"), "bench",
                    "measure switch costs now (stackviz bench --quick)"),
            new Binding(Action.HELP, List.of("?", "h"), List.of("?"), "help",
                    "help"),
            new Binding(Action.QUIT, List.of("q", "ctrl-c"), List.of("q"), "quit",
                    "quit (stops the target first)"));

    private Keys() {
    }

    /** The action a key (named as in the table) does, if any. Letters are case-insensitive. */
    public static Optional<Action> action(String key) {
        String name = key.length() == 1 ? key.toLowerCase(Locale.ROOT) : key;
        return TABLE.stream().filter(b -> b.keys().contains(name)).map(Binding::action).findFirst();
    }

    public static Binding binding(Action action) {
        return TABLE.stream().filter(b -> b.action() == action).findFirst().orElseThrow();
    }

    /** The key bar: every binding's first keys and word, two spaces apart. */
    public static String bar(boolean unicode) {
        return TABLE.stream().map(b -> b.bar(unicode)).collect(Collectors.joining("  "));
    }

    /** "  right, space, n   next step of the setup", one per binding, keys padded to one column. */
    public static List<String> helpLines() {
        int width = TABLE.stream().mapToInt(b -> b.names().length()).max().orElse(0) + 3;
        List<String> lines = new ArrayList<>();
        for (Binding b : TABLE) {
            lines.add(b.names() + " ".repeat(width - b.names().length()) + b.help());
        }
        return lines;
    }

    /** The README's key table, row by row: "| → / space / n | next step of the setup |". */
    public static List<String> markdownRows() {
        return TABLE.stream().map(b -> "| " + b.markdown() + " | " + b.help() + " |").toList();
    }

    static String glyph(String key) {
        return switch (key) {
            case "right" -> "→";
            case "left" -> "←";
            case "ctrl-c" -> "Ctrl-C";
            default -> key;
        };
    }

    static String longName(String key) {
        return key.equals("ctrl-c") ? "Ctrl-C" : key;
    }
}
