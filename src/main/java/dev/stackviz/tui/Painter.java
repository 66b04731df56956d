package dev.stackviz.tui;

import static dev.stackviz.model.Explanation.hex;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Registers;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.Watchdog;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Explanation;
import dev.stackviz.model.Hex;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Draws a {@link Session} onto a Lanterna {@link TextGraphics}: one frame, top to bottom. */
public final class Painter {

    public static final int MIN_COLUMNS = 80;
    public static final int MIN_ROWS = 24;
    /** Rows below the grid: legend, context (3), explanation (3), output (2), status, gap, hint, keys. */
    private static final int BELOW_GRID = 13;
    private static final int BYTES_COLUMN = 16;
    private static final int VALUE_COLUMN = 42;
    private static final int LABEL_COLUMN = 61;

    private final Theme theme;

    public Painter(Theme theme) {
        this.theme = theme;
    }

    public void paint(TextGraphics g, Session session) {
        TerminalSize size = g.getSize();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.clearModifiers();
        g.fill(' ');
        if (size.getColumns() < MIN_COLUMNS || size.getRows() < MIN_ROWS) {
            tooSmall(g, size);
            return;
        }
        Machine machine = session.machine();
        Run run = session.run();
        long woke = run == null ? 0 : run.wokeRsp();
        HexGrid.Marks marks = HexGrid.Marks.at(session.step(), machine.entrySlot() + Long.BYTES, woke);
        List<HexGrid.Row> rows = HexGrid.rows(machine, machine.readWindow(), session.baseline(), marks);

        title(g, session);
        int gridRows = size.getRows() - 2 - BELOW_GRID;
        grid(g, rows, gridRows);
        int y = 2 + gridRows;
        legend(g, y++);
        y = context(g, session, y);
        y = explanation(g, session, y, size.getColumns());
        y = output(g, session, y, size.getColumns());
        status(g, session, y);
        g.clearModifiers();
        g.setForegroundColor(theme.warning());
        g.putString(0, size.getRows() - 2, session.hint());
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.putString(0, size.getRows() - 1, theme.keyBar());
        if (session.helpVisible()) {
            help(g, size);
        }
        List<String> bench = session.benchPanel();
        if (bench != null) {
            List<String> panel = new ArrayList<>();
            panel.add("switch costs, measured just now on this machine (stackviz bench --quick)");
            panel.add("");
            panel.addAll(bench);
            panel.add("");
            panel.add("any key closes this panel; 'stackviz bench' measures longer");
            box(g, size, panel);
        }
    }

    private void tooSmall(TextGraphics g, TerminalSize size) {
        g.putString(0, 0, "stackviz needs a terminal of at least " + MIN_COLUMNS + "x" + MIN_ROWS + ";");
        g.putString(0, 1, "this one is " + size.getColumns() + "x" + size.getRows() + ". Enlarge it, or q quits.");
    }

    private void title(TextGraphics g, Session session) {
        Machine machine = session.machine();
        Step step = session.step();
        g.enableModifiers(SGR.BOLD);
        g.putString(0, 0, "stackviz");
        g.clearModifiers();
        int x = 8;
        x = put(g, x, 0, theme.dot());
        if (machine.simulated()) {
            g.enableModifiers(SGR.REVERSE);
            x = put(g, x, 0, "SIMULATED");
            g.clearModifiers();
        } else {
            x = put(g, x, 0, machine.kind());
        }
        put(g, x, 0, theme.dot() + "step " + (step.ordinal() + 1) + "/" + Step.values().length + " " + step.label()
                + ": " + step.summary());
        g.putString(0, 1, "address           +0 +1 +2 +3 +4 +5 +6 +7   as u64 (little-endian)  "
                + machine.memorySource());
    }

    private void grid(TextGraphics g, List<HexGrid.Row> rows, int space) {
        int shown = Math.min(rows.size(), space);
        if (rows.size() > space) {
            shown = space - 1;
            g.putString(0, 2 + shown, "  ... " + (rows.size() - shown) + " more rows down to base");
        }
        for (int r = 0; r < shown; r++) {
            row(g, 2 + r, rows.get(r));
        }
    }

    private void row(TextGraphics g, int y, HexGrid.Row row) {
        boolean allGuard = row.cells().stream().allMatch(c -> c.kind() == HexGrid.Kind.GUARD);
        g.setForegroundColor(allGuard ? theme.guard() : TextColor.ANSI.DEFAULT);
        g.putString(0, y, hex(row.address()));
        for (int i = 0; i < 8; i++) {
            cell(g, BYTES_COLUMN + 3 * i, y, row.cells().get(i));
        }
        g.clearModifiers();
        g.setForegroundColor(allGuard ? theme.guard() : TextColor.ANSI.DEFAULT);
        g.putString(VALUE_COLUMN, y, "0x" + Hex.digits(row.value(), 16));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        if (!row.labels().isEmpty()) {
            String text = theme.pointer() + String.join(", ", row.labels());
            g.putString(LABEL_COLUMN, y, text);
        }
    }

    private void cell(TextGraphics g, int x, int y, HexGrid.Cell cell) {
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.putString(x, y, cell.changed() ? "*" : " ");
        g.setForegroundColor(switch (cell.kind()) {
            case GUARD -> theme.guard();
            case ENTRY -> theme.entry();
            case HEARTBEAT -> theme.heartbeat();
            case BUFFER -> TextColor.ANSI.DEFAULT;
        });
        switch (cell.marker()) {
            case BASE -> g.setForegroundColor(theme.base());
            case TOP -> g.setForegroundColor(theme.top());
            case ALIGNED -> g.setForegroundColor(theme.aligned());
            case RSP -> g.enableModifiers(SGR.REVERSE);
            case NONE -> { }
        }
        if (cell.changed()) {
            g.enableModifiers(SGR.BOLD);
        }
        g.putString(x + 1, y, Hex.digits(cell.value(), 2));
        g.clearModifiers();
    }

    private void legend(TextGraphics g, int y) {
        int x = put(g, 0, y, "legend: ");
        x = colored(g, x, y, "base", theme.base());
        x = colored(g, x, y, "top", theme.top());
        x = colored(g, x, y, "aligned", theme.aligned());
        x = colored(g, x, y, "entry address", theme.entry());
        x = colored(g, x, y, "heartbeat", theme.heartbeat());
        g.enableModifiers(SGR.REVERSE);
        x = put(g, x, y, "rsp");
        g.clearModifiers();
        x = put(g, x, y, " ");
        x = colored(g, x, y, "guard", theme.guard());
        put(g, x, y, "*changed");
    }

    private int colored(TextGraphics g, int x, int y, String text, TextColor colour) {
        g.setForegroundColor(colour);
        int end = put(g, x, y, text);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        return put(g, end, y, " ");
    }

    private int context(TextGraphics g, Session session, int y) {
        Machine machine = session.machine();
        long rsp = machine.contextRsp();
        String mark = rsp != session.baselineContextRsp() ? "*" : " ";
        String meaning = rsp == 0 ? "not set yet" : "aligned-" + (machine.layout().aligned() - rsp);
        g.putString(0, y, String.format("ctx at %s:%srsp = %s (%s)", hex(machine.contextAddress()), mark,
                hex(rsp), meaning));
        Run run = session.run();
        if (machine.experiment() != null && (run == null || run.saved() == null)) {
            g.putString(0, y + 1, "one-way jump in the child (sv_jump, the seed's gt_switch): nothing is saved,");
            g.putString(0, y + 2, "there is no way back; the watchdog ends the process: SIGTERM, then SIGKILL");
        } else if (run == null) {
            g.putString(0, y + 1, "saved context of the switching thread: filled in by the switch");
        } else {
            Registers r = run.saved();
            String label = machine.simulated() ? "saved (SIMULATED):" : "saved by sv_switch:";
            g.putString(0, y + 1, String.format("%s rsp %s rbx %s rbp %s", label, hex(r.rsp()), hex(r.rbx()),
                    hex(r.rbp())));
            g.putString(0, y + 2, String.format("  r12 %s r13 %s r14 %s r15 %s",
                    hex(r.r12()), hex(r.r13()), hex(r.r14()), hex(r.r15())));
        }
        return y + 3;
    }

    private int explanation(TextGraphics g, Session session, int y, int width) {
        Machine machine = session.machine();
        StackLayout layout = machine.layout();
        String text = explanationText(session, machine, layout);
        List<String> lines = wrap(text, width);
        for (int i = 0; i < 3 && i < lines.size(); i++) {
            g.putString(0, y + i, lines.get(i));
        }
        return y + 3;
    }

    private static String explanationText(Session session, Machine machine, StackLayout layout) {
        Session.Phase phase = session.phase();
        Run run = session.run();
        Experiment experiment = machine.experiment();
        boolean ended = phase == Session.Phase.RETURNED || phase == Session.Phase.LOST;
        if (experiment != null && experiment != Experiment.NONE) {
            String below = machine.belowBuffer();
            if (ended) {
                return experiment.after();
            }
            if (run != null) {
                return below != null ? below + " " + experiment.before() : experiment.before();
            }
            if (session.step() == Step.ALLOCATE || session.step() == Step.SET_CONTEXT) {
                return experiment.before();
            }
        } else if (experiment == Experiment.NONE && ended) {
            return experiment.after();
        }
        if (ended) {
            return Explanation.afterReturn(phase == Session.Phase.RETURNED);
        }
        if (run != null && run.wokeRsp() != 0) {
            return Explanation.afterSwitch(layout, run.wokeRsp());
        }
        return Explanation.forStep(session.step(), layout, machine.entryAddress());
    }

    private int output(TextGraphics g, Session session, int y, int width) {
        String[] lines = session.output().split("\n");
        String first = lines.length > 0 ? lines[lines.length - 1] : "";
        g.enableModifiers(SGR.BOLD);
        g.putString(0, y, "target output:");
        g.clearModifiers();
        if (session.output().isEmpty()) {
            g.putString(15, y, session.run() == null ? "(nothing yet: it writes once it wakes up)" : "(waiting)");
        } else {
            g.putString(15, y, clip(first, width - 15));
        }
        return y + 2;
    }

    private void status(TextGraphics g, Session session, int y) {
        Run run = session.run();
        Watchdog.Report report = session.report();
        String text = switch (session.phase()) {
            case SETUP -> "watchdog: idle; the target has not run";
            case RUNNING -> String.format("watchdog: RUNNING %s%sheartbeat %d%sk kills it%sdeadline %s",
                    seconds(session.now() - run.switchedAt()), theme.dot(), run.heartbeat(), theme.dot(),
                    theme.dot(), Watchdog.human(session.deadline()));
            case STOPPING -> "watchdog: asked the target to stop; waiting for it to come back";
            case RETURNED -> report.fate() != null
                    ? String.format("child %s%sran %s%s", report.fate(), theme.dot(),
                    Watchdog.human(report.ran()), report.stopTook() == null ? ""
                            : theme.dot() + "died in " + Watchdog.human(report.stopTook()))
                    : String.format("watchdog: %s%sran %s%sheartbeat %d%sback in %s",
                    report.cause(), theme.dot(), Watchdog.human(report.ran()), theme.dot(), report.heartbeat(),
                    theme.dot(), Watchdog.human(report.stopTook()));
            case LOST -> "watchdog: the target did NOT come back within " + Watchdog.human(report.grace())
                    + "; its thread is lost";
        };
        if (session.phase() == Session.Phase.LOST) {
            g.setForegroundColor(theme.warning());
        }
        g.putString(0, y, text);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private void help(TextGraphics g, TerminalSize size) {
        String[] text = {
            "stackviz: keys",
            "",
            "  right, space, n   next step of the setup",
            "  left, p           previous step (replayed on a fresh setup)",
            "  s                 finish the setup and switch: mov rsp, [ctx]; ret",
            "  k                 ask the running target to go back (the watchdog's kill)",
            "  r                 reset: a fresh stack",
            "  b                 measure switch costs now (stackviz bench --quick)",
            "  e                 next experiment, in an isolated child process:",
            "                    misaligned, overflow, seed-hello, none (the seed's forever loop)",
            "  q, Ctrl-C         quit (stops the target first)",
            "",
            "  Marks: base, top, aligned, rsp are labelled at the row's right, with",
            "  +N for the byte's column; * marks bytes changed by the last step.",
            "",
            "  any key closes this help",
        };
        box(g, size, List.of(text));
    }

    private void box(TextGraphics g, TerminalSize size, List<String> text) {
        int width = 78;
        int x0 = (size.getColumns() - width) / 2;
        int y0 = 2;
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.fillRectangle(new com.googlecode.lanterna.TerminalPosition(x0, y0),
                new TerminalSize(width, text.size() + 2), ' ');
        g.drawRectangle(new com.googlecode.lanterna.TerminalPosition(x0, y0),
                new TerminalSize(width, text.size() + 2), theme.unicode() ? '░' : '#');
        for (int i = 0; i < text.size(); i++) {
            g.putString(x0 + 2, y0 + 1 + i, clip(text.get(i), width - 4));
        }
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", Duration.ofNanos(nanos).toMillis() / 1000.0);
    }

    private static int put(TextGraphics g, int x, int y, String text) {
        g.putString(x, y, text);
        return x + text.length();
    }

    static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 3)) + "...";
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
