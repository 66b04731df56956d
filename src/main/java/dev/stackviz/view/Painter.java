package dev.stackviz.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.stackviz.frame.Frame;
import dev.stackviz.frame.Grid;
import dev.stackviz.frame.Texts;
import dev.stackviz.model.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one {@link Frame} onto a Lanterna {@link TextGraphics}, top to bottom. A pure function of
 * the frame: it reads no memory, calls no machine and changes no state; every word comes from
 * {@link Texts} and every byte from the frame's window.
 */
public final class Painter {

    public static final int MIN_COLUMNS = 80;
    public static final int MIN_ROWS = 24;
    /** Rows below the grid besides the explanation and the status: legend, context (3), output, hint, keys. */
    private static final int FIXED_BELOW_GRID = 7;
    private static final int EXPLANATION_ROWS = 4;
    private static final int STATUS_ROWS = 2;
    /** The grid's columns: address, 8 bytes (a change mark and 2 digits each), the u64, labels (19 wide at 80). */
    static final int BYTES_COLUMN = 15;
    static final int VALUE_COLUMN = 40;
    static final int LABEL_COLUMN = 59;

    private final Theme theme;

    public Painter(Theme theme) {
        this.theme = theme;
    }

    public void paint(TextGraphics g, Frame frame) {
        TerminalSize size = g.getSize();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.clearModifiers();
        g.fill(' ');
        if (size.getColumns() < MIN_COLUMNS || size.getRows() < MIN_ROWS) {
            tooSmall(g, size);
            return;
        }
        title(g, frame);
        int width = size.getColumns();
        List<String> explanation = first(wrap(Texts.explanation(frame), width), EXPLANATION_ROWS);
        List<String> status = first(wrapAt(Texts.status(frame, theme.dot()), theme.dot(), width), STATUS_ROWS);
        int gridRows = size.getRows() - 2 - FIXED_BELOW_GRID - explanation.size() - status.size();
        grid(g, Grid.rows(frame), gridRows);
        int y = 2 + gridRows;
        legend(g, y++);
        y = context(g, frame, y);
        y = lines(g, explanation, y);
        y = output(g, frame, y, width);
        status(g, frame, status, y);
        g.clearModifiers();
        g.setForegroundColor(theme.warning());
        g.putString(0, size.getRows() - 2, frame.hint());
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.putString(0, size.getRows() - 1, theme.keyBar());
        switch (frame.overlay()) {
            case HELP -> box(g, size, Texts.help());
            case BENCH -> box(g, size, Texts.benchPanel(frame.panel()));
            case NONE -> { }
        }
    }

    private void tooSmall(TextGraphics g, TerminalSize size) {
        g.putString(0, 0, "stackviz needs a terminal of at least " + MIN_COLUMNS + "x" + MIN_ROWS + ";");
        g.putString(0, 1, "this one is " + size.getColumns() + "x" + size.getRows() + ". Enlarge it, or q quits.");
    }

    private void title(TextGraphics g, Frame frame) {
        g.enableModifiers(SGR.BOLD);
        g.putString(0, 0, "stackviz");
        g.clearModifiers();
        int x = put(g, 8, 0, theme.dot());
        if (frame.simulated()) {
            g.enableModifiers(SGR.REVERSE);
        }
        x = put(g, x, 0, Texts.source(frame));
        g.clearModifiers();
        int room = g.getSize().getColumns() - x - theme.dot().length();
        String step = Texts.steps(frame).stream().filter(t -> t.length() <= room).findFirst()
                .orElse(frame.stepMarker());
        put(g, x, 0, theme.dot() + step);
        g.putString(0, 1, Texts.gridHeader(frame));
    }

    private void grid(TextGraphics g, List<Grid.Row> all, int space) {
        Grid.Shown shown = Grid.visible(all, space);
        List<Grid.Row> rows = shown.rows();
        for (int r = 0; r < rows.size(); r++) {
            row(g, 2 + r, rows.get(r));
        }
        if (shown.more() > 0) {
            g.putString(0, 2 + rows.size(), "  ... " + shown.more() + " more rows down to base");
        }
    }

    private void row(TextGraphics g, int y, Grid.Row row) {
        boolean allGuard = row.outside();
        g.setForegroundColor(allGuard ? theme.guard() : TextColor.ANSI.DEFAULT);
        g.putString(0, y, Hex.address(row.address()));
        for (int i = 0; i < 8; i++) {
            cell(g, BYTES_COLUMN + 3 * i, y, row.cells().get(i));
        }
        g.clearModifiers();
        g.setForegroundColor(allGuard ? theme.guard() : TextColor.ANSI.DEFAULT);
        g.putString(VALUE_COLUMN, y, "0x" + Hex.digits(row.value(), 16));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        if (!row.labels().isEmpty()) {
            g.putString(LABEL_COLUMN, y, theme.pointer() + String.join(", ", row.labels()));
        }
    }

    private void cell(TextGraphics g, int x, int y, Grid.Cell cell) {
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

    private int context(TextGraphics g, Frame frame, int y) {
        g.putString(0, y, Texts.context(frame));
        List<String> saved = Texts.saved(frame);
        g.putString(0, y + 1, saved.get(0));
        g.putString(0, y + 2, saved.get(1));
        return y + 3;
    }

    private static int lines(TextGraphics g, List<String> lines, int y) {
        for (int i = 0; i < lines.size(); i++) {
            g.putString(0, y + i, lines.get(i));
        }
        return y + lines.size();
    }

    private static List<String> first(List<String> lines, int n) {
        return lines.size() <= n ? lines : lines.subList(0, n);
    }

    private int output(TextGraphics g, Frame frame, int y, int width) {
        g.enableModifiers(SGR.BOLD);
        g.putString(0, y, "target output:");
        g.clearModifiers();
        g.putString(15, y, clip(Texts.output(frame), width - 15));
        return y + 1;
    }

    private void status(TextGraphics g, Frame frame, List<String> status, int y) {
        if (frame.phase() == Frame.Phase.LOST) {
            g.setForegroundColor(theme.warning());
        }
        lines(g, status, y);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private void box(TextGraphics g, TerminalSize size, List<String> text) {
        int width = 78;
        int x0 = (size.getColumns() - width) / 2;
        int y0 = 2;
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.fillRectangle(new TerminalPosition(x0, y0), new TerminalSize(width, text.size() + 2), ' ');
        g.drawRectangle(new TerminalPosition(x0, y0), new TerminalSize(width, text.size() + 2),
                theme.unicode() ? '░' : '#');
        for (int i = 0; i < text.size(); i++) {
            g.putString(x0 + 2, y0 + 1 + i, clip(text.get(i), width - 4));
        }
    }

    private static int put(TextGraphics g, int x, int y, String text) {
        g.putString(x, y, text);
        return x + text.length();
    }

    static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 3)) + "...";
    }

    /** Parts separated by {@code separator} into lines of at most {@code width}, breaking between parts. */
    static List<String> wrapAt(String text, String separator, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : text.split(java.util.regex.Pattern.quote(separator))) {
            if (line.length() > 0 && line.length() + separator.length() + part.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? separator : "").append(part);
        }
        lines.add(line.toString());
        List<String> wrapped = new ArrayList<>();
        lines.forEach(l -> wrapped.addAll(wrap(l, width)));
        return wrapped;
    }

    /** Words into lines of at most {@code width} columns. */
    public static List<String> wrap(String text, int width) {
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
