package dev.stackviz.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The screen that bridges short unchanged gaps: it moves the cursor less than Lanterna's own screen
 * does, side by side on the same frames, and what reaches the terminal is still exactly the frame.
 */
class CompactScreenTest {

    /** A virtual terminal that counts the cursor moves a refresh sends. */
    static final class Counted {
        final DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(40, 3));
        int moves;
        final Terminal proxy = (Terminal) Proxy.newProxyInstance(Terminal.class.getClassLoader(),
                new Class<?>[] {Terminal.class}, (p, method, args) -> {
                    if (method.getName().equals("setCursorPosition")) {
                        moves++;
                    }
                    try {
                        return method.invoke(terminal, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Draws {@code first}, then {@code second} on row 0, and returns the cursor moves of the second refresh. */
    static int movesFor(boolean compact, String first, String second) throws IOException {
        Counted counted = new Counted();
        Screen screen = compact ? new CompactScreen(counted.proxy) : new TerminalScreen(counted.proxy);
        screen.startScreen();
        put(screen, first, TextColor.ANSI.DEFAULT);
        screen.refresh(Screen.RefreshType.COMPLETE);
        put(screen, second, TextColor.ANSI.DEFAULT);
        counted.moves = 0;
        screen.refresh(Screen.RefreshType.DELTA);
        assertEquals(second, row(counted.terminal, 0, second.length()), "the terminal shows the frame");
        return counted.moves;
    }

    static void put(Screen screen, String text, TextColor colour) {
        for (int c = 0; c < text.length(); c++) {
            screen.setCharacter(c, 0, TextCharacter.fromCharacter(text.charAt(c), colour, TextColor.ANSI.DEFAULT)[0]);
        }
    }

    static String row(DefaultVirtualTerminal terminal, int y, int width) {
        StringBuilder line = new StringBuilder();
        for (int x = 0; x < width; x++) {
            line.append(terminal.getCharacter(x, y).getCharacter());
        }
        return line.toString();
    }

    @Test
    void aGapOfUpToFiveUnchangedCellsIsWrittenThroughNotJumped() throws IOException {
        // two changed cells with 5 unchanged between: Lanterna jumps, this screen writes through
        int lanterna = movesFor(false, "a.....b", "x.....y");
        int compact = movesFor(true, "a.....b", "x.....y");
        assertEquals(lanterna - 1, compact, "one cursor move fewer (Lanterna: " + lanterna + ")");
    }

    @Test
    void aLongerGapIsJumpedAsLanternaDoes() throws IOException {
        assertEquals(movesFor(false, "a......b", "x......y"), movesFor(true, "a......b", "x......y"),
                "6 unchanged cells cost more written than jumped");
    }

    /** "a", a bold red "-", "b"; then a and b change: returns the cursor moves of that refresh. */
    static int movesAroundARedCell(boolean compact) throws IOException {
        Counted counted = new Counted();
        Screen screen = compact ? new CompactScreen(counted.proxy) : new TerminalScreen(counted.proxy);
        screen.startScreen();
        screen.setCharacter(0, 0, TextCharacter.fromCharacter('a')[0]);
        screen.setCharacter(1, 0, new TextCharacter('-', TextColor.ANSI.RED, TextColor.ANSI.DEFAULT, SGR.BOLD));
        screen.setCharacter(2, 0, TextCharacter.fromCharacter('b')[0]);
        screen.refresh(Screen.RefreshType.COMPLETE);
        screen.setCharacter(0, 0, TextCharacter.fromCharacter('x')[0]);
        screen.setCharacter(2, 0, TextCharacter.fromCharacter('y')[0]);
        counted.moves = 0;
        screen.refresh(Screen.RefreshType.DELTA);
        assertEquals("x-y", row(counted.terminal, 0, 3));
        return counted.moves;
    }

    @Test
    void aGapInAnotherStyleIsJumpedAsLanternaDoes() throws IOException {
        // writing the red cell through would cost two colour changes: cheaper to jump over it
        assertEquals(movesAroundARedCell(false), movesAroundARedCell(true));
    }

    @Test
    void manyRandomFramesReachTheTerminalExactly() throws IOException {
        Random random = new Random(7);
        Counted counted = new Counted();
        Screen screen = new CompactScreen(counted.proxy);
        screen.startScreen();
        TextColor[] colours = {TextColor.ANSI.DEFAULT, TextColor.ANSI.RED, TextColor.ANSI.GREEN};
        char[][] want = new char[3][40];
        for (int frame = 0; frame < 300; frame++) {
            for (int changes = random.nextInt(30); changes > 0; changes--) {
                int x = random.nextInt(40);
                int y = random.nextInt(3);
                want[y][x] = (char) ('a' + random.nextInt(4));
                screen.setCharacter(x, y, TextCharacter.fromCharacter(want[y][x],
                        colours[random.nextInt(colours.length)], TextColor.ANSI.DEFAULT)[0]);
            }
            screen.refresh(Screen.RefreshType.DELTA);
            for (int y = 0; y < 3; y++) {
                StringBuilder expected = new StringBuilder();
                for (int x = 0; x < 40; x++) {
                    expected.append(want[y][x] == 0 ? ' ' : want[y][x]);
                }
                assertEquals(expected.toString(), row(counted.terminal, y, 40), "frame " + frame + ", row " + y);
            }
        }
    }
}
