package dev.stackviz.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.stackviz.frame.FibersFrame;
import dev.stackviz.frame.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Renders a frame with the real Painter through a real Lanterna screen onto a virtual terminal, and reads it back. */
public final class Pictures {

    private Pictures() {
    }

    public static String render(Frame frame, int columns, int rows, Theme theme) {
        return text(terminal(frame, columns, rows, theme));
    }

    public static String render(Frame frame, int columns, int rows) {
        return render(frame, columns, rows, new Theme(true, true));
    }

    /** The virtual terminal after painting, for tests that look at colours and modifiers. */
    public static DefaultVirtualTerminal terminal(Frame frame, int columns, int rows, Theme theme) {
        Painter painter = new Painter(theme);
        return painted(columns, rows, g -> painter.paint(g, frame));
    }

    /** A frame of the green threads, painted by the real FibersPainter. */
    public static String render(FibersFrame frame, int columns, int rows) {
        FibersPainter painter = new FibersPainter(new Theme(true, true));
        return text(painted(columns, rows, g -> painter.paint(g, frame)));
    }

    /** A virtual terminal of this size, after {@code paint} has drawn on a real Lanterna screen and it was refreshed. */
    private static DefaultVirtualTerminal painted(int columns, int rows, Consumer<TextGraphics> paint) {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        try {
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            paint.accept(screen.newTextGraphics());
            screen.refresh();
            return terminal;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The terminal's characters, one line per row, trailing blanks removed. */
    public static String text(DefaultVirtualTerminal terminal) {
        TerminalSize size = terminal.getTerminalSize();
        List<String> lines = new ArrayList<>();
        for (int y = 0; y < size.getRows(); y++) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < size.getColumns(); x++) {
                line.append(terminal.getCharacter(x, y).getCharacterString());
            }
            lines.add(line.toString().stripTrailing());
        }
        return String.join("\n", lines) + "\n";
    }
}
