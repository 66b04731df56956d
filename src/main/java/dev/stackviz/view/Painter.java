package dev.stackviz.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.stackviz.frame.Frame;
import dev.stackviz.frame.Grid;
import dev.stackviz.frame.StatusTexts;
import dev.stackviz.frame.Texts;
import dev.stackviz.model.Keys;
import dev.stackviz.frame.TraceTexts;
import dev.stackviz.model.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one {@link Frame} onto a Lanterna {@link TextGraphics}. A pure function of the frame and
 * the size: it reads no memory, calls no machine and changes no state; every word comes from
 * the texts ({@link Texts}, {@link StatusTexts}, {@link TraceTexts}) and every byte from the frame's
 * window.
 *
 * <p>Below 160 columns everything is stacked under the grid; from 160 columns the grid takes the
 * left side at full height and the context, the explanation, the output and the watchdog stand
 * beside it, so that a big terminal shows more, not more nothing.
 */
public final class Painter {

    public static final int MIN_COLUMNS = 80;
    public static final int MIN_ROWS = 24;
    /** From this width the text stands beside the grid. */
    public static final int WIDE = 160;
    /** Rows below the grid besides the explanation and the status: legend, context (3), output, hint, keys. */
    private static final int FIXED_BELOW_GRID = 7;
    private static final int EXPLANATION_ROWS = 4;
    /** ctx, and the two lines of what the switch saves. */
    private static final int CONTEXT_ROWS = 3;
    /** The grid's columns: address, 8 bytes (a change mark and 2 digits each), the u64, labels (19 wide at 80). */
    static final int BYTES_COLUMN = 15;
    static final int VALUE_COLUMN = 40;
    static final int LABEL_COLUMN = 59;
    /** Where the right-hand side starts in the wide layout. */
    private static final int SIDE_COLUMN = MIN_COLUMNS + 2;

    private final Theme theme;

    public Painter(Theme theme) {
        this.theme = theme;
    }

    public void paint(TextGraphics g, Frame frame) {
        TerminalSize size = g.getSize();
        if (blankFits(g, size)) {
            title(g, frame);
            List<String> hint = hintLines(frame.hint(), size.getColumns());
            if (size.getColumns() >= WIDE) {
                wide(g, frame, size, hint.size() - 1);
            } else {
                narrow(g, frame, size, hint.size() - 1);
            }
            g.clearModifiers();
            g.setForegroundColor(theme.warning());
            lines(g, 0, hint, size.getRows() - 1 - hint.size());
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            g.putString(0, size.getRows() - 1, Keys.bar(Keys.View.STACK, theme.unicode(), frame.isa()));
        }
        switch (frame.overlay()) {
            case HELP -> box(g, size, StatusTexts.help(frame.isa()));
            case BENCH -> box(g, size, StatusTexts.benchPanel(frame.panel()));
            case NONE -> { }
        }
    }

    /**
     * The hint, wrapped: never cut, however long the system's reason in it. One row when it fits
     * (or is empty); each row more is taken from the grid.
     */
    static List<String> hintLines(String hint, int width) {
        List<String> lines = wrap(hint, width);
        return lines.isEmpty() ? List.of("") : lines;
    }

    private void narrow(TextGraphics g, Frame frame, TerminalSize size, int extraHintRows) {
        int width = size.getColumns();
        // The explanation always has its 4 rows, so that stepping does not move the grid (a moved
        // grid is a whole screen rewritten); the status takes a second row only when it must.
        List<String> pane = pane(frame, width);
        int explaining = CONTEXT_ROWS + EXPLANATION_ROWS - pane.size();
        List<String> explanation = first(wrap(Texts.explanation(frame), width), explaining);
        List<String> status = wrapAt(StatusTexts.status(frame, theme.dot()), theme.dot(), width);
        int gridRows = size.getRows() - 2 - FIXED_BELOW_GRID - EXPLANATION_ROWS - status.size() - extraHintRows;
        grid(g, frame, 2, gridRows);
        int y = 2 + gridRows;
        legend(g, frame, 0, y++);
        y = lines(g, 0, pane, y);
        lines(g, 0, explanation, y);
        y += explaining;
        g.enableModifiers(SGR.BOLD);
        g.putString(0, y, "target output:");
        g.clearModifiers();
        g.putString(15, y, clip(StatusTexts.output(frame), width - 15));
        status(g, frame, 0, status, y + 1);
    }

    /** The grid at full height on the left; everything else beside it. */
    private void wide(TextGraphics g, Frame frame, TerminalSize size, int extraHintRows) {
        int gridRows = size.getRows() - 4 - extraHintRows;
        grid(g, frame, 2, gridRows);
        int x = SIDE_COLUMN;
        int width = size.getColumns() - x;
        int last = size.getRows() - 3 - extraHintRows;
        int y = legend(g, frame, x, 2) + 1;
        y = lines(g, x, pane(frame, width), y) + 1;
        y = lines(g, x, first(wrap(Texts.explanation(frame), width), Math.max(1, last - y - 8)), y) + 1;
        g.enableModifiers(SGR.BOLD);
        g.putString(x, y++, "target output:");
        g.clearModifiers();
        List<String> output = StatusTexts.outputLines(frame, Math.max(1, Math.min(8, last - y - 4)));
        for (String line : output) {
            g.putString(x + 2, y++, clip(line, width - 2));
        }
        status(g, frame, x, wrapAt(StatusTexts.status(frame, theme.dot()), theme.dot(), width), y + 1);
    }

    /**
     * Blanks the screen in the terminal's own colours; true if it has room for a view, else it says
     * so on the screen (both views start this way).
     */
    boolean blankFits(TextGraphics g, TerminalSize size) {
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.clearModifiers();
        g.fill(' ');
        if (size.getColumns() < MIN_COLUMNS || size.getRows() < MIN_ROWS) {
            tooSmall(g, size);
            return false;
        }
        return true;
    }

    /**
     * Below the minimum size: one notice, wrapped to whatever is there (it fits in 20x5), and only
     * quit, help and redraw act (TuiApp).
     */
    private void tooSmall(TextGraphics g, TerminalSize size) {
        String notice = "stackviz needs a terminal of at least " + MIN_COLUMNS + "x" + MIN_ROWS + "; this one is "
                + size.getColumns() + "x" + size.getRows() + ". Enlarge it, or q quits.";
        lines(g, 0, wrap(notice, size.getColumns()), 0);
    }

    /** "stackviz • native" (SIMULATED in reverse video) at the top left; returns the column after it. */
    int brand(TextGraphics g, boolean simulated, String source) {
        g.enableModifiers(SGR.BOLD);
        g.putString(0, 0, "stackviz");
        g.clearModifiers();
        int x = put(g, 8, 0, theme.dot());
        if (simulated) {
            g.enableModifiers(SGR.REVERSE);
        }
        x = put(g, x, 0, source);
        g.clearModifiers();
        return x;
    }

    private void title(TextGraphics g, Frame frame) {
        int x = brand(g, frame.simulated(), Texts.source(frame));
        int room = g.getSize().getColumns() - x - theme.dot().length();
        String step = frame.stepMarker();
        for (String candidate : Texts.steps(frame)) {
            if (candidate.length() <= room) {
                step = candidate;
                break;
            }
        }
        put(g, x, 0, theme.dot() + step);
        g.putString(0, 1, Texts.gridHeader(frame));
    }

    private void grid(TextGraphics g, Frame frame, int y0, int space) {
        Grid.Shown shown = Grid.visible(frame, space);
        List<Grid.Row> rows = shown.rows();
        for (int r = 0; r < rows.size(); r++) {
            row(g, y0 + r, rows.get(r));
        }
        if (shown.more() > 0) {
            g.putString(0, y0 + rows.size(), "  ... " + shown.more() + " more rows down to base");
        }
    }

    void row(TextGraphics g, int y, Grid.Row row) {
        row(g, y, row, MIN_COLUMNS - LABEL_COLUMN - 2);
    }

    /** One row of a grid, its labels in at most {@code labelWidth} columns. */
    void row(TextGraphics g, int y, Grid.Row row, int labelWidth) {
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
            g.putString(LABEL_COLUMN, y, theme.pointer() + row.labelText(labelWidth));
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

    /** The legend on one row; returns the row after it. */
    private int legend(TextGraphics g, Frame frame, int x0, int y) {
        int x = put(g, x0, y, "legend: ");
        x = colored(g, x, y, "base", theme.base());
        x = colored(g, x, y, "top", theme.top());
        x = colored(g, x, y, "aligned", theme.aligned());
        x = colored(g, x, y, "entry address", theme.entry());
        x = colored(g, x, y, "heartbeat", theme.heartbeat());
        g.enableModifiers(SGR.REVERSE);
        x = put(g, x, y, frame.isa().sp());
        g.clearModifiers();
        x = put(g, x, y, " ");
        x = colored(g, x, y, "guard", theme.guard());
        put(g, x, y, "*changed");
        return y + 1;
    }

    private int colored(TextGraphics g, int x, int y, String text, TextColor colour) {
        g.setForegroundColor(colour);
        int end = put(g, x, y, text);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        return put(g, end, y, " ");
    }

    /**
     * Under the legend: the context (ctx and what the switch saves), or, while i steps the switch,
     * the walk (executed, next, rip and rsp, the registers changed), which takes rows from the
     * explanation as it needs them (it leaves it two at least).
     */
    private static List<String> pane(Frame frame, int width) {
        if (!frame.stepping()) {
            List<String> context = new ArrayList<>();
            context.add(Texts.context(frame));
            context.addAll(Texts.saved(frame));
            return context;
        }
        List<String> lines = new ArrayList<>();
        for (String line : TraceTexts.lines(frame)) {
            lines.addAll(wrapKeepingIndent(line, width));
        }
        return first(lines, CONTEXT_ROWS + EXPLANATION_ROWS - 2);
    }

    private void status(TextGraphics g, Frame frame, int x, List<String> status, int y) {
        if (frame.phase() == Frame.Phase.LOST) {
            g.setForegroundColor(theme.warning());
        }
        lines(g, x, status, y);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    /**
     * A box over the view, as wide as its longest line (or the terminal), its lines wrapped to fit;
     * centred, and as high as it needs. Taller than the terminal, it says what it leaves out.
     */
    void box(TextGraphics g, TerminalSize size, List<String> text) {
        int width = boxWidth(text, size.getColumns());
        List<String> lines = boxLines(text, width - 4);
        int height = Math.min(size.getRows(), lines.size() + 2);
        int x0 = (size.getColumns() - width) / 2;
        int y0 = Math.max(0, Math.min(2, size.getRows() - height));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.fillRectangle(new TerminalPosition(x0, y0), new TerminalSize(width, height), ' ');
        g.drawRectangle(new TerminalPosition(x0, y0), new TerminalSize(width, height), theme.unicode() ? '░' : '#');
        List<String> shown = fitted(text, lines, height - 2, width - 4, size);
        for (int i = 0; i < shown.size(); i++) {
            g.putString(x0 + 2, y0 + 1 + i, shown.get(i));
        }
    }

    private static int boxWidth(List<String> text, int columns) {
        return Math.min(columns, text.stream().mapToInt(String::length).max().orElse(0) + 4);
    }

    private static List<String> boxLines(List<String> text, int width) {
        List<String> lines = new ArrayList<>();
        for (String line : text) {
            List<String> wrapped = wrapKeepingIndent(line, width);
            lines.addAll(wrapped.isEmpty() ? List.of("") : wrapped);
        }
        return lines;
    }

    /**
     * The box's lines if they fit in {@code room} rows; else the first ones, then how many are not
     * shown and the size that shows them all, then the last line, which says how to close the box.
     */
    private static List<String> fitted(List<String> text, List<String> lines, int room, int width, TerminalSize size) {
        if (lines.size() <= room) {
            return lines;
        }
        List<String> last = boxLines(text.subList(text.size() - 1, text.size()), width);
        List<String> marker;
        int top;
        int markerRows = 1;
        while (true) {
            top = Math.max(0, room - markerRows - last.size());
            int hidden = lines.size() - top - last.size();
            marker = wrap("... " + hidden + " more lines: enlarge the terminal to " + needed(text, size), width);
            if (marker.size() <= markerRows) {
                break;
            }
            markerRows = marker.size(); // a wrapped marker takes a row more, and so hides a line more
        }
        List<String> shown = new ArrayList<>(lines.subList(0, top));
        shown.addAll(marker);
        shown.addAll(last);
        return first(shown, Math.max(0, room));
    }

    /** The least size (and never below the view's minimum) at which the box shows all its lines. */
    private static String needed(List<String> text, TerminalSize size) {
        int columns = Math.max(MIN_COLUMNS, size.getColumns());
        int rows = boxLines(text, boxWidth(text, columns) - 4).size() + 2;
        return columns + "x" + Math.max(MIN_ROWS, rows);
    }

    private static int lines(TextGraphics g, int x, List<String> lines, int y) {
        for (int i = 0; i < lines.size(); i++) {
            g.putString(x, y + i, lines.get(i));
        }
        return y + lines.size();
    }

    private static List<String> first(List<String> lines, int n) {
        return lines.size() <= n ? lines : lines.subList(0, n);
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
        int from = 0;
        while (from <= text.length()) {
            int end = text.indexOf(separator, from);
            String part = text.substring(from, end < 0 ? text.length() : end);
            if (line.length() > 0 && line.length() + separator.length() + part.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? separator : "").append(part);
            from = end < 0 ? text.length() + 1 : end + separator.length();
        }
        lines.add(line.toString());
        List<String> wrapped = new ArrayList<>();
        for (String l : lines) {
            wrapped.addAll(wrap(l, width));
        }
        return wrapped;
    }

    /** Like {@link #wrap}, with continuation lines indented as far as the first word after the line's own indent. */
    static List<String> wrapKeepingIndent(String line, int width) {
        if (line.length() <= width) {
            return List.of(line);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\s*\\S+(?:[ ,]\\S+)*?\\s{2,})").matcher(line);
        int indent = m.find() && m.end() < width / 2 ? m.end() : 0;
        List<String> lines = new ArrayList<>();
        List<String> rest = wrap(line.substring(indent), width - indent);
        for (int i = 0; i < rest.size(); i++) {
            lines.add((i == 0 ? line.substring(0, indent) : " ".repeat(indent)) + rest.get(i));
        }
        return lines;
    }

    /** Words into lines of at most {@code width} columns; a word longer than that is cut into pieces. */
    public static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width && width > 0) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
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
