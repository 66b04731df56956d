package dev.stackviz.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.stackviz.frame.Frame;
import dev.stackviz.frame.Grid;
import dev.stackviz.frame.SwitchTexts;
import dev.stackviz.frame.TraceFrame;
import dev.stackviz.frame.TraceGrid;
import dev.stackviz.frame.TraceViewTexts;
import dev.stackviz.model.Cpu;
import dev.stackviz.model.Keys;
import dev.stackviz.model.StackFault;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one {@link TraceFrame}: the switch shown, its old and new stack as hex grids (side by side
 * from 160 columns, one at a time with Tab below), the instruction and the registers, one sentence
 * on what happened, the program's output, the switches seen. A pure function of the frame and the size.
 */
public final class TracePainter {

    /** One stack's panel: the 80-column grid. */
    static final int PANEL = Painter.MIN_COLUMNS;
    private static final int LABELS = PANEL - Painter.LABEL_COLUMN - 2;
    /** The sentence takes the rows it needs, up to this many (a symbol of a few hundred characters is cut). */
    private static final int SENTENCE_ROWS = 6;
    private static final int MIN_SENTENCE_ROWS = 3;
    /** The instruction that switched and the steps to its landing: a swapcontext takes a dozen. */
    private static final int INSTRUCTION_ROWS = 2;
    private static final int OUTPUT_ROWS = 2;
    /** From this height the program's output gets more rows. */
    private static final int TALL = 40;
    private static final int TALL_OUTPUT_ROWS = 6;

    private final Theme theme;
    private final Painter rows;

    public TracePainter(Theme theme) {
        this.theme = theme;
        this.rows = new Painter(theme);
    }

    public void paint(TextGraphics g, TraceFrame frame) {
        TerminalSize size = g.getSize();
        if (rows.blankFits(g, size)) {
            draw(g, frame, size);
        }
        if (frame.overlay() == Frame.Overlay.HELP) {
            rows.box(g, size, TraceViewTexts.help());
        }
    }

    private void draw(TextGraphics g, TraceFrame frame, TerminalSize size) {
        int width = size.getColumns();
        int x = rows.brand(g, false, "trace");
        g.putString(x, 0, Painter.clip(theme.dot() + TraceViewTexts.title(frame, theme.dot()), width - x));
        List<String> sentence = first(Painter.wrap(TraceViewTexts.sentence(frame), width), SENTENCE_ROWS);
        int y = 1;
        for (String line : sentence) {
            g.putString(0, y++, line);
        }
        y = 1 + Math.max(MIN_SENTENCE_ROWS, sentence.size()); // the grid moves only for a long sentence
        List<String> below = below(frame, width, size.getRows() >= TALL ? TALL_OUTPUT_ROWS : OUTPUT_ROWS);
        List<String> hint = Painter.hintLines(frame.hint(), width);
        int bottom = size.getRows() - 1 - hint.size() - below.size(); // rows below the stacks
        TraceFrame.Seen seen = frame.shown();
        int gridRows = bottom - y - 1;
        if (frame.faultShown()) {
            faultStack(g, frame.fault(), y, gridRows);
        } else if (seen != null) {
            boolean both = width >= Painter.WIDE;
            if (both) {
                stack(g, seen, true, 0, y, gridRows);
                stack(g, seen, false, PANEL, y, gridRows);
            } else {
                stack(g, seen, frame.oldStack(), 0, y, gridRows);
            }
        }
        y = bottom;
        for (String line : below) {
            g.putString(0, y++, Painter.clip(line, width));
        }
        g.setForegroundColor(theme.warning());
        for (String line : hint) {
            g.putString(0, y++, line);
        }
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.putString(0, size.getRows() - 1, Keys.bar(Keys.View.TRACE, theme.unicode()));
    }

    /** One stack: its header, then its rows. */
    private void stack(TextGraphics g, TraceFrame.Seen seen, boolean old, int x, int y, int height) {
        panel(g, TraceViewTexts.stackHeader(seen, old), TraceGrid.rows(seen, old, height), x, y, height);
    }

    /** The stack around rsp at a fault, as memory held it there. */
    private void faultStack(TextGraphics g, StackFault fault, int y, int height) {
        TextGraphics panel = panel(g, "the stack at the fault: " + fault.stack(), TraceGrid.rows(fault, height), 0, y,
                height);
        if (fault.window().length == 0) {
            panel.putString(0, 1, "(rsp " + dev.stackviz.model.Hex.address(fault.cpu().rsp())
                    + " is in no mapping: there is nothing to read)");
        }
    }

    /** A panel of the grid's width at (x, y): its header in bold, then the rows. */
    private TextGraphics panel(TextGraphics g, String header, List<Grid.Row> grid, int x, int y, int height) {
        TextGraphics panel = g.newTextGraphics(new TerminalPosition(x, y), new TerminalSize(PANEL, height + 1));
        panel.enableModifiers(SGR.BOLD);
        panel.putString(0, 0, Painter.clip(header, PANEL - 1));
        panel.clearModifiers();
        for (int r = 0; r < grid.size(); r++) {
            rows.row(panel, 1 + r, grid.get(r), LABELS);
        }
        return panel;
    }

    /** The fault's lines but the last (that it is delivered next: the status says what n does), wrapped. */
    private static List<String> faultLines(StackFault fault, int width) {
        List<String> all = SwitchTexts.fault(fault);
        List<String> lines = new ArrayList<>();
        for (String line : all.subList(0, all.size() - 1)) {
            lines.addAll(Painter.wrap(line.strip(), width));
        }
        return lines;
    }

    /** Below the stacks: the fault or the instruction and the registers, the output, the switches, the state. */
    private static List<String> below(TraceFrame frame, int width, int outputRows) {
        List<String> lines = new ArrayList<>();
        TraceFrame.Seen seen = frame.shown();
        if (frame.faultShown()) {
            lines.addAll(faultLines(frame.fault(), width));
        }
        if (seen == null && !frame.faultShown() && !frame.stepped().isEmpty()) { // i before any switch
            lines.addAll(TraceViewTexts.stepped(frame, 2));
            Cpu now = frame.stepped().get(frame.stepped().size() - 1).after();
            lines.add("rip " + dev.stackviz.model.Hex.address(now.rip()) + "  rsp " + dev.stackviz.model.Hex.address(now.rsp()));
        }
        if (seen != null) {
            if (!frame.faultShown()) {
                List<String> stepped = frame.latest() ? TraceViewTexts.stepped(frame, 1) : List.of();
                if (stepped.isEmpty()) {
                    List<String> switched = Painter.wrap(TraceViewTexts.instruction(seen), width);
                    if (switched.size() > INSTRUCTION_ROWS) { // a swapcontext's dozen steps: the rest is cut, and says so
                        switched = new ArrayList<>(switched.subList(0, INSTRUCTION_ROWS));
                        switched.set(INSTRUCTION_ROWS - 1, Painter.clip(switched.get(INSTRUCTION_ROWS - 1) + " ...", width));
                    }
                    lines.addAll(switched);
                } else {
                    lines.add(stepped.get(0));
                }
            }
            Cpu now = TraceViewTexts.now(frame, seen);
            lines.add(TraceViewTexts.pointers(seen.at().before(), now));
            lines.addAll(TraceViewTexts.calleeSaved(seen.at().before(), now, width));
        }
        List<String> output = TraceViewTexts.outputLines(frame, outputRows);
        for (int i = 0; i < outputRows; i++) {
            lines.add((i == 0 ? "output: " : "        ") + (i < output.size() ? output.get(i) : ""));
        }
        lines.add(TraceViewTexts.switches(frame, width));
        lines.add(TraceViewTexts.status(frame));
        return lines;
    }

    private static List<String> first(List<String> lines, int n) {
        return lines.size() <= n ? lines : lines.subList(0, n);
    }
}
