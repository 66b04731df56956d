package dev.stackviz.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.stackviz.frame.FiberGrid;
import dev.stackviz.frame.FibersFrame;
import dev.stackviz.frame.FibersTexts;
import dev.stackviz.frame.Frame;
import dev.stackviz.frame.Grid;
import dev.stackviz.model.Isa;
import dev.stackviz.model.Keys;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one {@link FibersFrame}: the fibers' stacks as hex grids (side by side where the terminal
 * is wide enough, one at a time with Tab at 80 columns), each fiber's saved context, the last switch,
 * the fibers' output and the scheduler's state. A pure function of the frame and the size.
 */
public final class FibersPainter {

    /** One fiber's panel: the 80-column grid. */
    static final int PANEL = Painter.MIN_COLUMNS;
    /** A grid row's labels: to the panel's edge when it is alone, a column short of it beside another. */
    private static final int LABELS = PANEL - Painter.LABEL_COLUMN - 2;
    private static final int LABELS_SIDE_BY_SIDE = LABELS - 1;
    private static final int MAX_EXPLANATION_ROWS = 6;
    /** A stack's panel keeps at least its header, 3 rows of grid (the top and the two slots) and its context. */
    private static final int PANEL_MIN_ROWS = 1 + 3 + 2;
    private static final int OUTPUT_ROWS = 2;

    private final Theme theme;
    private final Painter rows;

    public FibersPainter(Theme theme) {
        this.theme = theme;
        this.rows = new Painter(theme);
    }

    public void paint(TextGraphics g, FibersFrame frame) {
        TerminalSize size = g.getSize();
        if (rows.blankFits(g, size)) {
            draw(g, frame, size);
        }
        if (frame.overlay() == Frame.Overlay.HELP) {
            rows.box(g, size, FibersTexts.help(frame.isa()));
        }
    }

    private void draw(TextGraphics g, FibersFrame frame, TerminalSize size) {
        int width = size.getColumns();
        int x = rows.brand(g, frame.simulated(), FibersTexts.source(frame));
        put(g, x, 0, theme.dot() + FibersTexts.title(frame, theme.dot()));
        g.putString(0, 1, Painter.clip(FibersTexts.summary(frame, theme.dot(), width), width));

        List<String> status = Painter.wrapAt(FibersTexts.status(frame, theme.dot()), theme.dot(), width);
        List<String> hint = Painter.hintLines(frame.hint(), width);
        int top = 2;
        int fixed = top + 1 + OUTPUT_ROWS + status.size() + hint.size() + 1; // title, summary; legend; output;
        // status; hint, keys
        int across = Math.max(1, Math.min(frame.count(), width / PANEL));
        int down = across == 1 ? 1 : (frame.count() + across - 1) / across;
        // the explanation gets the rows it needs (up to MAX_EXPLANATION_ROWS), the stacks the rest, at least
        // PANEL_MIN_ROWS each; where even that does not fit, fewer rows of stacks
        List<String> wrapped = Painter.wrap(FibersTexts.explanation(frame), width);
        int wanted = Math.min(MAX_EXPLANATION_ROWS, wrapped.size());
        while (down > 1 && size.getRows() - fixed - wanted < down * PANEL_MIN_ROWS) {
            down--;
        }
        List<String> explanation = first(wrapped, Math.max(1, Math.min(wanted,
                size.getRows() - fixed - down * PANEL_MIN_ROWS)));
        int space = size.getRows() - fixed - explanation.size();
        List<Integer> shown = new ArrayList<>();
        int fit = Math.min(frame.count(), across * down);
        int first = fit == frame.count() ? 0 : Math.min(frame.selected(), frame.count() - fit); // the selected one shows
        for (int i = first; i < first + fit; i++) {
            shown.add(i);
        }
        int panelHeight = space / down;
        for (int p = 0; p < shown.size(); p++) {
            panel(g, frame, shown.get(p), (p % across) * PANEL, top + (p / across) * panelHeight, panelHeight,
                    across > 1 ? LABELS_SIDE_BY_SIDE : LABELS);
        }
        int y = top + space;
        legend(g, frame, y++);
        for (String line : explanation) {
            g.putString(0, y++, line);
        }
        y = top + space + 1 + explanation.size();
        List<String> output = FibersTexts.outputLines(frame, OUTPUT_ROWS);
        for (int i = 0; i < output.size(); i++) {
            g.putString(0, y + i, (i == 0 ? "output: " : "        ") + Painter.clip(output.get(i), width - 8));
        }
        y += OUTPUT_ROWS;
        for (String line : status) {
            g.putString(0, y++, line);
        }
        g.setForegroundColor(theme.warning());
        for (int i = 0; i < hint.size(); i++) {
            g.putString(0, size.getRows() - 1 - hint.size() + i, hint.get(i));
        }
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.putString(0, size.getRows() - 1, Keys.bar(Keys.View.FIBERS, theme.unicode()));
    }

    /** One fiber: its header, its stack's rows, its saved context. */
    private void panel(TextGraphics g, FibersFrame frame, int index, int x, int y, int height, int labels) {
        TextGraphics panel = g.newTextGraphics(new TerminalPosition(x, y), new TerminalSize(PANEL, height));
        panel.enableModifiers(SGR.BOLD);
        panel.putString(0, 0, Painter.clip(FibersTexts.stackHeader(frame, index), PANEL));
        panel.clearModifiers();
        List<String> context = FibersTexts.context(frame, index);
        int gridRows = Math.max(1, height - 1 - context.size());
        List<Grid.Row> grid = FiberGrid.rows(frame, index, gridRows);
        for (int r = 0; r < grid.size(); r++) {
            rows.row(panel, 1 + r, grid.get(r), labels);
        }
        for (int i = 0; i < context.size(); i++) {
            panel.putString(0, 1 + gridRows + i, context.get(i));
        }
    }

    private void legend(TextGraphics g, FibersFrame frame, int y) {
        g.putString(0, y, "legend: ");
        int x = 8;
        g.enableModifiers(SGR.REVERSE);
        x = put(g, x, y, "saved " + frame.isa().sp());
        g.clearModifiers();
        x = put(g, x, y, " ");
        g.setForegroundColor(theme.entry());
        x = put(g, x, y, frame.isa() == Isa.AARCH64 ? "aligned-16: entry, then the body's saved x29"
                : "aligned-16: entry, then a return address");
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        x = put(g, x, y, " ");
        g.setForegroundColor(theme.guard());
        x = put(g, x, y, "guard");
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        put(g, x, y, " *changed");
    }

    private static List<String> first(List<String> lines, int n) {
        return lines.size() <= n ? lines : lines.subList(0, n);
    }

    private static int put(TextGraphics g, int x, int y, String text) {
        g.putString(x, y, text);
        return x + text.length();
    }
}
