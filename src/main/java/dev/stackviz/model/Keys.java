package dev.stackviz.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one table of keys: the key bars, the help boxes, the command's --help and the README's
 * tables are all made from it (or, for the README, checked against it). Each binding says in which
 * view it acts: the stack view (stackviz) or the green threads (stackviz fibers).
 *
 * <p>A key is named as the autopilot (--keys) names it: one character, or right, left, space,
 * tab, ctrl-LETTER.
 */
public final class Keys {

    /** The full-screen views: the seed's stack, the green threads, a traced program's switches. */
    public enum View { STACK, FIBERS, TRACE }

    private static final Set<View> ALL = EnumSet.allOf(View.class);
    private static final Set<View> STACK = EnumSet.of(View.STACK);
    private static final Set<View> FIBERS = EnumSet.of(View.FIBERS);
    private static final Set<View> TRACE = EnumSet.of(View.TRACE);

    /**
     * One action in some views, the keys that do it, its word on the key bar (none for keys kept off
     * the bar: the help lists every one) and its line in the help.
     */
    public record Binding(Set<View> views, Action action, List<String> keys, List<String> barKeys, String word,
                          String help) {

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
            new Binding(STACK, Action.STEP_FORWARD, List.of("right", "space", "n"), List.of("right", "n"), "step",
                    "next step of the setup"),
            new Binding(STACK, Action.STEP_BACK, List.of("left", "p"), List.of("left", "p"), "back",
                    "previous step: the setup replayed from zero"),
            new Binding(STACK, Action.SWITCH, List.of("s"), List.of("s"), "switch",
                    "finish the setup and switch: " + Isa.host().shortJump()),
            new Binding(STACK, Action.STEP_INSTRUCTION, List.of("i"), List.of("i"), "instr",
                    "one instruction of the switch, in the child, registers from the CPU"),
            new Binding(STACK, Action.CONTINUE, List.of("c"), List.of(), "",
                    "after i: let the target run on at full speed, untraced"),
            new Binding(STACK, Action.KILL, List.of("k"), List.of("k"), "kill",
                    "stop the target (a child: SIGTERM, then SIGKILL)"),
            new Binding(STACK, Action.RESET, List.of("r"), List.of("r"), "reset",
                    "reset: a fresh stack"),
            new Binding(STACK, Action.EXPERIMENT, List.of("e"), List.of("e"), "exp",
                    "next experiment: " + Experiment.cycle()),
            new Binding(STACK, Action.BENCH, List.of("b"), List.of(), "bench",
                    "measure switch costs now (stackviz bench --quick)"),
            new Binding(FIBERS, Action.STEP_FORWARD, List.of("right", "space", "n"), List.of("right", "n"), "switch",
                    "one switch: the next fiber runs up to its yield"),
            new Binding(FIBERS, Action.SWITCH, List.of("s"), List.of("s"), "full speed",
                    "let them run at full speed (no waiting at the gate)"),
            new Binding(FIBERS, Action.KILL, List.of("k"), List.of("k"), "stop",
                    "stop them: the scheduler returns to its thread's stack"),
            new Binding(FIBERS, Action.RESET, List.of("r"), List.of("r"), "again",
                    "fresh fibers, from the start"),
            new Binding(FIBERS, Action.NEXT_FIBER, List.of("tab", "f"), List.of("tab"), "fiber",
                    "show the next fiber's stack (where one fits at a time)"),
            new Binding(TRACE, Action.STEP_FORWARD, List.of("n", "space"), List.of("n"), "next",
                    "run to the next stack switch"),
            new Binding(TRACE, Action.STEP_INSTRUCTION, List.of("i"), List.of("i"), "instr",
                    "one instruction of the thread that switched"),
            new Binding(TRACE, Action.CONTINUE, List.of("c"), List.of(), "",
                    "let it run on untraced: breakpoints removed, threads detached"),
            new Binding(TRACE, Action.KILL, List.of("k"), List.of("k"), "kill",
                    "end the program (SIGKILL)"),
            new Binding(TRACE, Action.RESET, List.of("r"), List.of("r"), "again",
                    "start the program again"),
            new Binding(TRACE, Action.EARLIER_SWITCH, List.of("left", "p"), List.of("left", "p"), "earlier",
                    "the switch seen before this one, as its screen showed it"),
            new Binding(TRACE, Action.LATER_SWITCH, List.of("right"), List.of(), "",
                    "the switch seen after this one"),
            new Binding(TRACE, Action.NEXT_FIBER, List.of("tab"), List.of("tab"), "stack",
                    "the other stack (where only one fits: below 160 columns)"),
            new Binding(ALL, Action.HELP, List.of("?", "h"), List.of("?"), "help",
                    "this help; any key closes it"),
            new Binding(ALL, Action.REDRAW, List.of("ctrl-l"), List.of(), "",
                    "redraw the whole screen"),
            new Binding(EnumSet.of(View.STACK, View.FIBERS), Action.SUSPEND, List.of("ctrl-z"), List.of(), "",
                    "suspend; fg resumes (a running target pauses too)"),
            new Binding(TRACE, Action.SUSPEND, List.of("ctrl-z"), List.of(), "",
                    "suspend; fg resumes (a program let go with c stops too; one running to a switch runs on)"),
            new Binding(ALL, Action.QUIT, List.of("q", "ctrl-c"), List.of("q"), "quit",
                    "quit (stops the target first)"));

    private Keys() {
    }

    /** The bindings of {@code view} that do something on this machine's instruction set. */
    public static List<Binding> table(View view) {
        return table(view, Isa.host());
    }

    /**
     * The bindings of {@code view} on {@code isa}: on AArch64 the stack view has no i, c or e, whose
     * isolated child runs x86-64 code (pressed anyway, they say so in a hint).
     */
    public static List<Binding> table(View view, Isa isa) {
        List<Binding> bindings = new ArrayList<>();
        for (Binding b : TABLE) {
            if (b.views().contains(view) && works(b, view, isa)) {
                bindings.add(b);
            }
        }
        return bindings;
    }

    private static boolean works(Binding b, View view, Isa isa) {
        return isa != Isa.AARCH64 || view != View.STACK || !(b.action() == Action.STEP_INSTRUCTION
                || b.action() == Action.CONTINUE || b.action() == Action.EXPERIMENT);
    }

    /** The action a key (named as in the table) does in the stack view, if any. Letters are case-insensitive. */
    public static Optional<Action> action(String key) {
        return action(View.STACK, key);
    }

    public static Optional<Action> action(View view, String key) {
        String name = key.length() == 1 ? key.toLowerCase(Locale.ROOT) : key;
        for (Binding b : TABLE) {
            if (b.views().contains(view) && b.keys().contains(name)) {
                return Optional.of(b.action());
            }
        }
        return Optional.empty();
    }

    public static Binding binding(Action action) {
        return TABLE.stream().filter(b -> b.action() == action).findFirst().orElseThrow();
    }

    /** The stack view's key bar. */
    public static String bar(boolean unicode) {
        return bar(View.STACK, unicode);
    }

    /** A view's key bar: every binding's first keys and word, two spaces apart. */
    public static String bar(View view, boolean unicode) {
        return Bars.of(view, unicode);
    }

    /** The same, on {@code isa} (the bars made once are this machine's; another's is made afresh). */
    public static String bar(View view, boolean unicode, Isa isa) {
        return isa == Isa.host() ? Bars.of(view, unicode) : Bars.make(view, unicode, isa);
    }

    /**
     * The key bars, made once. With plain loops: the first frame draws the bar, and on a cold JVM
     * every stream and lambda is bootstrapped on its first use, a few milliseconds each.
     */
    private static final class Bars {
        static final String[] MADE = {make(View.STACK, true), make(View.STACK, false), make(View.FIBERS, true),
            make(View.FIBERS, false), make(View.TRACE, true), make(View.TRACE, false)};

        static String of(View view, boolean unicode) {
            return MADE[view.ordinal() * 2 + (unicode ? 0 : 1)];
        }

        private static String make(View view, boolean unicode) {
            return make(view, unicode, Isa.host());
        }

        static String make(View view, boolean unicode, Isa isa) {
            StringBuilder bar = new StringBuilder();
            for (Binding b : TABLE) {
                if (b.views().contains(view) && b.inBar() && works(b, view, isa)) {
                    bar.append(bar.length() == 0 ? "" : "  ").append(b.bar(unicode));
                }
            }
            return bar.toString();
        }
    }

    /** The stack view's help lines. */
    public static List<String> helpLines() {
        return helpLines(View.STACK);
    }

    /** "right, space, n   next step of the setup", one per binding of the view, keys padded to one column. */
    public static List<String> helpLines(View view) {
        return helpLines(view, Isa.host());
    }

    public static List<String> helpLines(View view, Isa isa) {
        List<Binding> bindings = table(view, isa);
        int width = bindings.stream().mapToInt(b -> b.names().length()).max().orElse(0) + 3;
        List<String> lines = new ArrayList<>();
        for (Binding b : bindings) {
            lines.add(b.names() + " ".repeat(width - b.names().length()) + b.help());
        }
        return lines;
    }

    /** The README's key table of the stack view, row by row: "| → / space / n | next step of the setup |". */
    public static List<String> markdownRows() {
        return markdownRows(View.STACK);
    }

    public static List<String> markdownRows(View view) {
        return table(view, Isa.X86_64).stream().map(b -> "| " + b.markdown() + " | " + b.help() + " |").toList();
    }

    static String glyph(String key) {
        return switch (key) {
            case "right" -> "→";
            case "left" -> "←";
            default -> longName(key);
        };
    }

    /** "Ctrl-C" for "ctrl-c", "Tab" for "tab"; other names as they are. */
    static String longName(String key) {
        if (key.startsWith("ctrl-")) {
            return "Ctrl-" + key.substring(5).toUpperCase(Locale.ROOT);
        }
        return key.equals("tab") ? "Tab" : key;
    }
}
