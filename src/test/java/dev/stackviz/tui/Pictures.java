package dev.stackviz.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Renders a session through a real Lanterna screen onto a virtual terminal, and reads it back as text. */
final class Pictures {

    private Pictures() {
    }

    static String render(Session session, int columns, int rows, Theme theme) {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        try {
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            new Painter(theme).paint(screen.newTextGraphics(), session);
            screen.refresh();
            return text(terminal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The terminal's characters, one line per row, trailing blanks removed. */
    static String text(DefaultVirtualTerminal terminal) {
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
