package dev.stackviz.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.stackviz.frame.FibersFrame;
import dev.stackviz.frame.Frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Renders a frame with the real Painter through a real Lanterna screen onto a virtual terminal, and reads it back;
 * compares a whole screen with its golden file in {@code src/test/resources/screens/}.
 */
public final class Pictures {

    /**
     * The golden screens, one file a screen, read from the source tree (the tests run in the project's directory, as
     * ReadmeTest's README.md does), so that what a diff shows is what is compared.
     */
    static final Path SCREENS = Path.of("src", "test", "resources", "screens");

    /** Each golden screen read once per JVM: PIT runs these tests once per mutant in the same JVM. */
    private static final Map<String, String> GOLDEN = new ConcurrentHashMap<>();

    private Pictures() {
    }

    /**
     * Asserts that {@code actual} is the screen in {@code src/test/resources/screens/NAME.txt}, character for
     * character: every line, the blank rows at the bottom and the final newline. A failure names the first line that
     * differs. To regenerate the files after a deliberate change, run the tests with the property set, then review
     * {@code git diff src/test/resources/screens}:
     *
     * <pre>mvn -B -q test -Dtest='dev.stackviz.view.*Test' -Dscreens.update=true</pre>
     *
     * An update run writes every screen that differs into its file and fails that test ("updated ..."), so that it
     * never counts as a pass; run again without the property to see them pass. CI never sets it.
     */
    public static void assertScreen(String name, String actual) {
        assertScreen(name, actual, null);
    }

    /** As {@link #assertScreen(String, String)}, with what the screen shows ({@code why}) in the failure. */
    public static void assertScreen(String name, String actual, String why) {
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a screen's name is lower-case words joined by '-': " + name);
        }
        Path file = SCREENS.resolve(name + ".txt");
        String expected = GOLDEN.computeIfAbsent(name, n -> read(file));
        if (expected.equals(actual)) {
            return;
        }
        if (Boolean.getBoolean("screens.update")) {
            write(file, actual);
            GOLDEN.put(name, actual);
            fail("updated " + file + " (-Dscreens.update=true): review git diff " + SCREENS
                    + ", then run again without the property");
        }
        if (expected.isEmpty() && !Files.exists(file)) {
            fail("no golden screen " + file + ": run with -Dscreens.update=true to write it, then review it\n" + actual);
        }
        assertEquals(expected, actual, (why == null ? "" : why + "\n") + firstDifference(file, expected, actual)
                + "\nthe whole screen drawn:\n" + actual);
    }

    /** The first line (from 1) that is not the same, as FILE:N, then that line of each, one above the other. */
    static String firstDifference(Path file, String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        int line = 0;
        while (line < want.length && line < got.length && want[line].equals(got[line])) {
            line++;
        }
        String wanted = line < want.length ? want[line] : "(end of screen)";
        String drawn = line < got.length ? got[line] : "(end of screen)";
        boolean blanks = wanted.stripTrailing().equals(drawn.stripTrailing()); // a trailing space or a \r: unseen
        return file + ":" + (line + 1) + " is not the screen drawn" + (blanks ? " (blanks at the end of the line)" : "")
                + ":\n  expected: " + wanted + "\n  actual:   " + drawn;
    }

    /** The file's text, or "" when there is none yet. */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String screen) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, screen, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** A frame of a traced program, painted by the real TracePainter. */
    public static String render(dev.stackviz.frame.TraceFrame frame, int columns, int rows) {
        TracePainter painter = new TracePainter(new Theme(true, true));
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
