package dev.stackviz.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.ScreenBuffer;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;

/**
 * Lanterna's screen, with fewer bytes per update over SSH. A delta refresh moves the cursor
 * (ESC[row;colH, 6-8 bytes) over every run of unchanged cells, even a single space between two
 * changed words. Before such a refresh this screen marks short unchanged gaps of the same style as
 * changed too, so that they are written through (a byte a cell) instead of jumped over.
 */
final class CompactScreen extends TerminalScreen {

    /** A gap this short costs less written than jumped over. */
    static final int BRIDGE = 5;

    CompactScreen(Terminal terminal) throws IOException {
        super(terminal);
    }

    @Override
    public synchronized void refresh(RefreshType type) throws IOException {
        if (type == RefreshType.DELTA) {
            bridgeGaps();
        }
        super.refresh(type);
    }

    private void bridgeGaps() {
        ScreenBuffer back = getBackBuffer();
        ScreenBuffer front = getFrontBuffer();
        TerminalSize size = back.getSize();
        if (!size.equals(front.getSize())) {
            return;
        }
        for (int row = 0; row < size.getRows(); row++) {
            int lastChanged = -1;
            for (int column = 0; column < size.getColumns(); column++) {
                TextCharacter wanted = back.getCharacterAt(column, row);
                if (wanted.equals(front.getCharacterAt(column, row))) {
                    continue;
                }
                int gap = column - lastChanged - 1;
                if (lastChanged >= 0 && gap > 0 && gap <= BRIDGE && sameStyle(back, row, lastChanged, column)) {
                    for (int c = lastChanged + 1; c < column; c++) {
                        front.setCharacterAt(c, row, stale(back.getCharacterAt(c, row)));
                    }
                }
                lastChanged = column;
            }
        }
    }

    /** A cell that differs from {@code wanted}, so that the refresh writes {@code wanted} there. */
    private static TextCharacter stale(TextCharacter wanted) {
        return wanted.withCharacter(wanted.getCharacter() == '#' ? '%' : '#');
    }

    /** True if every cell from {@code from} to {@code to} is plain text in one style: no SGR churn. */
    private static boolean sameStyle(ScreenBuffer back, int row, int from, int to) {
        TextCharacter first = back.getCharacterAt(from, row);
        for (int c = from + 1; c <= to; c++) {
            TextCharacter cell = back.getCharacterAt(c, row);
            if (cell.isDoubleWidth() || !cell.getForegroundColor().equals(first.getForegroundColor())
                    || !cell.getBackgroundColor().equals(first.getBackgroundColor())
                    || !cell.getModifiers().equals(first.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
