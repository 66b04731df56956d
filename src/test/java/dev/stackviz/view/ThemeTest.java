package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.session.Session;
import dev.stackviz.model.StackSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThemeTest {

    /** Column of the first byte in the grid, and the row of base (0x...1240) in the first frame. */
    static final int BYTE_COLUMN = 16;

    @Test
    void colourMarksTheBaseByte() throws Exception {
        assertEquals(new TextColor.Indexed(28), baseByteColour(new Theme(true, true, true)));
        assertEquals(TextColor.ANSI.BLUE_BRIGHT, baseByteColour(new Theme(true, true, false)));
    }

    /** xterm's default palette for the 16 ANSI colours (xterm's charproc.c / XTerm-col.ad), as RGB. */
    static final java.util.Map<TextColor.ANSI, int[]> XTERM = java.util.Map.ofEntries(
            java.util.Map.entry(TextColor.ANSI.BLACK, new int[] {0, 0, 0}),
            java.util.Map.entry(TextColor.ANSI.RED, new int[] {205, 0, 0}),
            java.util.Map.entry(TextColor.ANSI.GREEN, new int[] {0, 205, 0}),
            java.util.Map.entry(TextColor.ANSI.YELLOW, new int[] {205, 205, 0}),
            java.util.Map.entry(TextColor.ANSI.BLUE, new int[] {0, 0, 238}),
            java.util.Map.entry(TextColor.ANSI.MAGENTA, new int[] {205, 0, 205}),
            java.util.Map.entry(TextColor.ANSI.CYAN, new int[] {0, 205, 205}),
            java.util.Map.entry(TextColor.ANSI.WHITE, new int[] {229, 229, 229}),
            java.util.Map.entry(TextColor.ANSI.BLACK_BRIGHT, new int[] {127, 127, 127}),
            java.util.Map.entry(TextColor.ANSI.RED_BRIGHT, new int[] {255, 0, 0}),
            java.util.Map.entry(TextColor.ANSI.GREEN_BRIGHT, new int[] {0, 255, 0}),
            java.util.Map.entry(TextColor.ANSI.YELLOW_BRIGHT, new int[] {255, 255, 0}),
            java.util.Map.entry(TextColor.ANSI.BLUE_BRIGHT, new int[] {92, 92, 255}),
            java.util.Map.entry(TextColor.ANSI.MAGENTA_BRIGHT, new int[] {255, 0, 255}),
            java.util.Map.entry(TextColor.ANSI.CYAN_BRIGHT, new int[] {0, 255, 255}),
            java.util.Map.entry(TextColor.ANSI.WHITE_BRIGHT, new int[] {255, 255, 255}));

    /** The RGB a terminal shows for {@code colour}: xterm's palette, or the 256-colour cube and grey ramp. */
    static int[] rgb(TextColor colour) {
        if (colour instanceof TextColor.ANSI ansi) {
            return XTERM.get(ansi);
        }
        String sgr = new String(colour.getForegroundSGRSequence(), java.nio.charset.StandardCharsets.US_ASCII);
        int i = Integer.parseInt(sgr.substring("38;5;".length()));
        if (i >= 232) {
            int grey = 8 + 10 * (i - 232);
            return new int[] {grey, grey, grey};
        }
        int[] level = {0, 95, 135, 175, 215, 255};
        i -= 16;
        return new int[] {level[i / 36], level[i / 6 % 6], level[i % 6]};
    }

    /** WCAG 2 relative luminance and contrast ratio. */
    static double luminance(int[] rgb) {
        double[] c = new double[3];
        for (int k = 0; k < 3; k++) {
            double v = rgb[k] / 255.0;
            c[k] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(int[] a, int[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "256 colours: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void everyTextColourReadsOnWhiteAndOnBlack(boolean colours256) {
        Theme theme = new Theme(true, true, colours256);
        java.util.Map<String, TextColor> used = new java.util.LinkedHashMap<>();
        used.put("base", theme.base());
        used.put("top", theme.top());
        used.put("aligned", theme.aligned());
        used.put("entry", theme.entry());
        used.put("heartbeat", theme.heartbeat());
        used.put("guard", theme.guard());
        used.put("warning", theme.warning());
        java.util.List<String> faint = new java.util.ArrayList<>();
        used.forEach((role, colour) -> {
            if (colour == TextColor.ANSI.DEFAULT) {
                return; // the terminal's own foreground: made for its own background
            }
            double onWhite = contrast(rgb(colour), new int[] {255, 255, 255});
            double onBlack = contrast(rgb(colour), new int[] {0, 0, 0});
            if (onWhite < 3 || onBlack < 3) {
                faint.add(String.format("%s %s: %.2f on white, %.2f on black", role, colour, onWhite, onBlack));
            }
        });
        assertEquals(java.util.List.of(), faint);
        if (colours256) {
            assertEquals(used.size(), new java.util.HashSet<>(used.values()).size(), "each mark its own colour");
        }
    }

    @Test
    void theRgbOfTheOldYellowTopWasUnreadableOnWhite() {
        assertTrue(contrast(rgb(TextColor.ANSI.YELLOW_BRIGHT), new int[] {255, 255, 255}) < 1.1,
                "the check can fail: bright yellow on white is 1.07:1");
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
            int baseRow = Pictures.text(terminal).lines().toList().indexOf(Pictures.text(terminal).lines()
                    .filter(l -> l.endsWith("◀ base")).findFirst().orElseThrow());
            assertEquals('0', terminal.getCharacter(BYTE_COLUMN, baseRow).getCharacter(), Pictures.text(terminal));
            return terminal.getCharacter(BYTE_COLUMN, baseRow).getForegroundColor();
        }
    }

    private static Session session() {
        return new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime);
    }
}
