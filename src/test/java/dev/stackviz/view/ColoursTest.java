package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.stackviz.frame.Frame;
import dev.stackviz.frame.FrameBuilder;
import dev.stackviz.model.Report;
import dev.stackviz.model.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What colour and video say on screen, cell by cell, with 256 colours (each mark its own). A cell
 * is written as its colour's letter (b base, t top, a aligned, e entry, h heartbeat, g guard,
 * w warning, . the terminal's own), then R if it is in reverse video and B if bold.
 */
class ColoursTest {

    static final Theme THEME = new Theme(true, true, true);
    static final Map<TextColor, String> LETTERS = Map.of(THEME.base(), "b", THEME.top(), "t", THEME.aligned(), "a",
            THEME.entry(), "e", THEME.heartbeat(), "h", THEME.guard(), "g", THEME.warning(), "w",
            TextColor.ANSI.DEFAULT, ".");

    static String cell(TextCharacter c) {
        return LETTERS.getOrDefault(c.getForegroundColor(), "?") + (c.isReversed() ? "R" : "")
                + (c.isBold() ? "B" : "");
    }

    /** Each grid row on screen: the address's colour, each byte's (its first digit), the u64's. */
    static String grid(DefaultVirtualTerminal terminal, int firstRow, int rows) {
        List<String> lines = new ArrayList<>();
        for (int y = firstRow; y < firstRow + rows; y++) {
            List<String> bytes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                bytes.add(cell(terminal.getCharacter(Painter.BYTES_COLUMN + 1 + 3 * i, y)));
            }
            lines.add(cell(terminal.getCharacter(0, y)) + " | " + String.join(" ", bytes) + " | "
                    + cell(terminal.getCharacter(Painter.VALUE_COLUMN, y)));
        }
        return String.join("\n", lines) + "\n";
    }

    /** The in-process target running on the seed's 48 bytes; the last frame saw its heartbeat change to 1500. */
    static Frame running() {
        FrameBuilder b = FrameBuilder.running(0x7f3ca8001268L).setUp();
        return b.written(b.aligned(24), 1500).build();
    }

    @Test
    void everyByteIsColouredByWhatItIsAndMarkedByWhatPointsAtIt() {
        DefaultVirtualTerminal terminal = Pictures.terminal(running(), 80, 24, THEME);
        Pictures.assertScreen("colours-running-80x24", grid(terminal, 2, 10), Pictures.text(terminal));
    }

    @Test
    void onAMisalignedStackTopAndAlignedEachHaveTheirColour() {
        Frame frame = FrameBuilder.at(Step.ALIGN).stack(48, 5).build();
        DefaultVirtualTerminal terminal = Pictures.terminal(frame, 80, 24, THEME);
        Pictures.assertScreen("colours-misaligned-align-80x24", grid(terminal, 4, 1), Pictures.text(terminal));
    }

    @Test
    void aSimulatedMachineIsNamedInReverseVideoAndANativeOneIsNot() {
        DefaultVirtualTerminal simulated = Pictures.terminal(FrameBuilder.at(Step.ALLOCATE).simulated().build(), 80,
                24, THEME);
        assertEquals(".R", cell(simulated.getCharacter(11, 0)), "the S of SIMULATED");
        DefaultVirtualTerminal natively = Pictures.terminal(FrameBuilder.at(Step.ALLOCATE).build(), 80, 24, THEME);
        assertEquals(".", cell(natively.getCharacter(11, 0)), "the n of native");
        assertEquals(".B", cell(natively.getCharacter(0, 0)), "stackviz is bold");
    }

    @Test
    void aLostTargetsStatusIsAWarningAndAnyOtherIsNot() {
        Report lost = new Report(Report.Cause.KILL, Duration.ofSeconds(60), Duration.ofSeconds(2), 1500, null, false,
                Duration.ofSeconds(1), null);
        Frame frame = FrameBuilder.running(0x7f3ca8001268L).setUp().phase(Frame.Phase.LOST).report(lost).build();
        DefaultVirtualTerminal terminal = Pictures.terminal(frame, 80, 24, THEME);
        List<String> screen = Pictures.text(terminal).lines().toList();
        assertEquals("watchdog: the target did NOT come back within 1.00 s; its thread is lost", screen.get(21));
        assertEquals("w", cell(terminal.getCharacter(0, 21)), "the status");
        DefaultVirtualTerminal running = Pictures.terminal(running(), 80, 24, THEME);
        assertEquals("watchdog: RUNNING 2.3 s • heartbeat 1500 • k stops it • deadline 60.00 s",
                Pictures.text(running).lines().toList().get(21));
        assertEquals(".", cell(running.getCharacter(0, 21)), "a running target's status");
    }

    @Test
    void theHintIsAWarning() {
        Frame frame = FrameBuilder.at(Step.ALLOCATE).hint("nothing is running yet").build();
        DefaultVirtualTerminal terminal = Pictures.terminal(frame, 80, 24, THEME);
        assertEquals("nothing is running yet", Pictures.text(terminal).lines().toList().get(22));
        assertEquals("w", cell(terminal.getCharacter(0, 22)));
    }

    @Test
    void withoutColourEveryMarkIsInTheTerminalsOwnColour() {
        Theme plain = new Theme(false, true, true);
        assertEquals(List.of(TextColor.ANSI.DEFAULT), java.util.stream.Stream.of(plain.base(), plain.top(),
                plain.aligned(), plain.entry(), plain.heartbeat(), plain.guard(), plain.warning()).distinct().toList());
    }

    @Test
    void onlyUtf8CountsAsUnicode() {
        assertEquals(true, Theme.isUtf8(java.nio.charset.StandardCharsets.UTF_8), "UTF-8");
        assertEquals(false, Theme.isUtf8(java.nio.charset.StandardCharsets.ISO_8859_1), "Latin-1");
        assertEquals(false, Theme.isUtf8(java.nio.charset.StandardCharsets.US_ASCII), "ASCII");
    }
}
