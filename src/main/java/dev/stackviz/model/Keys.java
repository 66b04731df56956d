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

    /**
     * One action, the keys that do it, its word on the key bar (none for keys kept off the bar: the
     * help lists every one) and its line in the help.
     */
    public record Binding(Action action, List<String> keys, List<String> barKeys, String word, String help) {

        public boolean inBar() {
            return !barKeys.isEmpty();
        }

        /** "right, space, n" */
        public String names() {
            return String.join(", ", keys.stream().map(Keys::longName).toList());
        }

        /** "→/n step", or in ASCII "n step" (arrows left out). */
        public String bar(boolean unicode) {
            StringBuilder shown = new StringBuilder();
            for (String k : barKeys) {
                if (unicode || glyph(k).length() == k.length()) {
                    shown.append(shown.length() == 0 ? "" : "/").append(glyph(k));
                }
            }
            return shown + " " + word;
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
                    "previous step: the setup replayed from zero"),
            new Binding(Action.SWITCH, List.of("s"), List.of("s"), "switch",
                    "finish the setup and switch: mov rsp, [ctx]; ret"),
            new Binding(Action.STEP_INSTRUCTION, List.of("i"), List.of("i"), "instr",
                    "one instruction of the switch, in the child, registers from the CPU"),
            new Binding(Action.CONTINUE, List.of("c"), List.of(), "",
                    "after i: let the target run on at full speed, untraced"),
            new Binding(Action.KILL, List.of("k"), List.of("k"), "kill",
                    "stop the target (a child: SIGTERM, then SIGKILL)"),
            new Binding(Action.RESET, List.of("r"), List.of("r"), "reset",
                    "reset: a fresh stack"),
            new Binding(Action.EXPERIMENT, List.of("e"), List.of("e"), "exp",
                    "next experiment: " + Experiment.cycle()),
            new Binding(Action.BENCH, List.of("b"), List.of(), "bench",
                    "measure switch costs now (stackviz bench --quick)"),
            new Binding(Action.HELP, List.of("?", "h"), List.of("?"), "help",
                    "this help; any key closes it"),
            new Binding(Action.REDRAW, List.of("ctrl-l"), List.of(), "",
                    "redraw the whole screen"),
            new Binding(Action.SUSPEND, List.of("ctrl-z"), List.of(), "",
                    "suspend; fg resumes (a running target pauses too)"),
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
        return unicode ? Bars.UNICODE : Bars.ASCII;
    }

    /**
     * The two key bars, made once. With a plain loop: the first frame draws the bar, and on a cold
     * JVM every stream and lambda is bootstrapped on its first use, a few milliseconds each.
     */
    private static final class Bars {
        static final String UNICODE = make(true);
        static final String ASCII = make(false);

        private static String make(boolean unicode) {
            StringBuilder bar = new StringBuilder();
            for (Binding b : TABLE) {
                if (b.inBar()) {
                    bar.append(bar.length() == 0 ? "" : "  ").append(b.bar(unicode));
                }
            }
            return bar.toString();
        }
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
            default -> longName(key);
        };
    }

    /** "Ctrl-C" for "ctrl-c"; other names as they are. */
    static String longName(String key) {
        return key.startsWith("ctrl-") ? "Ctrl-" + key.substring(5).toUpperCase(Locale.ROOT) : key;
    }
}
