package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.stackviz.machine.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.session.Session;
import dev.stackviz.model.StackSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThemeTest {

    /** Column of the first byte in the grid, and the row of base (0x...1240) in the first frame. */
    static final int BYTE_COLUMN = 16;
    static final int BASE_ROW = 10;

    @Test
    void colourMarksTheBaseByte() throws Exception {
        assertEquals(TextColor.ANSI.GREEN_BRIGHT, baseByteColour(new Theme(true, true)));
    }

    @Test
    void noColorLeavesEveryCellInTheDefaultColourAndKeepsTheLabels() throws Exception {
        Theme plain = new Theme(false, true);
        assertEquals(TextColor.ANSI.DEFAULT, baseByteColour(plain));
        try (Session session = session()) {
            String screen = Pictures.render(session.frame(), 80, 24, plain);
            assertTrue(screen.contains("◀ base"), screen);
            assertTrue(screen.contains("◀ guard"), screen);
        }
    }

    @Test
    void asciiThemeDrawsOnlyAscii() {
        try (Session session = session()) {
            session.handle(Action.SWITCH);
            String screen = Pictures.render(session.frame(), 80, 24, new Theme(true, false));
            assertTrue(screen.chars().allMatch(c -> c < 128), screen);
            assertTrue(screen.contains("< base"), screen);
            assertTrue(screen.contains(dev.stackviz.model.Keys.bar(false)), screen);
        }
    }


    private static TextColor baseByteColour(Theme theme) throws Exception {
        try (Session session = session()) {
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            new Painter(theme).paint(screen.newTextGraphics(), session.frame());
            screen.refresh();
            assertEquals('0', terminal.getCharacter(BYTE_COLUMN, BASE_ROW).getCharacter(), Pictures.text(terminal));
            return terminal.getCharacter(BYTE_COLUMN, BASE_ROW).getForegroundColor();
        }
    }

    private static Session session() {
        return new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime);
    }
}
