package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.FrameBuilder;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regions of the screen the stepped pictures do not reach: the side-by-side layout from 160
 * columns, a title or an output line too long for the terminal, a buffer taller than the grid, and
 * the panels drawn over the view. Frames built by hand at fixed addresses, drawn by the real painter.
 */
class PainterTest {

    static final Registers SAVED = new Registers(0x7ffd5a3c1e00L, 1, 2, 3, 4, 5, 6, 0);

    /** The seed's switch, running in-process; a window of 160 guard bytes on each side; {@code output} written. */
    static Frame running(String output) {
        FrameBuilder b = FrameBuilder.running(0x7f3ca8001268L).setUp()
                .window(FrameBuilder.BASE - 160, 160 + 48 + 160).output(output)
                .hint("nothing is running yet: s switches to the target first");
        b.run(0x7f3ca8001268L, 0, SAVED);
        return b.u64(b.aligned(24), 1500).build();
    }

    static final String SIX_LINES = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6 " + "x".repeat(90) + "\n";

    static List<String> lines(String screen) {
        return screen.lines().toList();
    }

    /** AArch64's registers as a context holds them: sp, x19-x30 (x19 = 0x19, ... x30 = 0x30). */
    static final Registers SAVED_ARM64 = new Registers(dev.stackviz.model.Isa.AARCH64, 0xffffd5a3c1e0L,
            List.of(0x19L, 0x20L, 0x21L, 0x22L, 0x23L, 0x24L, 0x25L, 0x26L, 0x27L, 0x28L, 0xffffd5a3c1f0L,
                    0xaaaab2a00f48L), 0);

    /**
     * The same switch on AArch64: the target woke at aligned itself (ldr x30, [sp], #16 took 16 bytes),
     * its heartbeat at aligned-24, and the screen names sp, x19-x30 and the four instructions.
     */
    @Test
    void onAarch64TheScreenSaysSpAndTheLinkRegister() {
        FrameBuilder b = FrameBuilder.running(0x7f3ca8001270L).isa(dev.stackviz.model.Isa.AARCH64).setUp()
                .output("I LOVE WAKING UP ON A NEW STACK!\n");
        b.run(0x7f3ca8001270L, 0, SAVED_ARM64);
        Frame frame = b.u64(b.aligned(24), 1500).build();
        String screen = Pictures.render(frame, 80, 24);
        Pictures.assertScreen("stack-running-arm64-80x24", screen);
        assertTrue(screen.contains("sv_switch: sp 0xffffd5a3c1e0 x19 0x000000000019 x20 0x000000000020"), screen);
        assertTrue(screen.contains("x30 0xaaaab2a00f48, x21-x28 and d8-d15 saved too"), screen);
        assertTrue(screen.contains("with sp = 0x7f3ca8001270 = aligned, as predicted"), screen);
        assertTrue(screen.contains("sp = ctx.sp; ldr x30, [sp], #16; ret"), screen);
        assertTrue(screen.endsWith("→/n step  ←/p back  s switch  k kill  r reset  ? help  q quit\n")
                || screen.contains("→/n step  ←/p back  s switch  k kill  r reset  ? help  q quit"), screen);
        Frame help = FrameBuilder.running(0x7f3ca8001270L).isa(dev.stackviz.model.Isa.AARCH64)
                .overlay(Frame.Overlay.HELP, List.of()).build();
        String helpScreen = Pictures.render(help, 80, 30);
        assertTrue(helpScreen.contains("Marks: base, top, aligned, sp are labelled"), helpScreen);
        assertTrue(!helpScreen.contains("one instruction of the switch") && !helpScreen.contains("next experiment"),
                helpScreen);
    }

    @Test
    void from160ColumnsTheTextStandsBesideAFullHeightGrid() {
        Pictures.assertScreen("stack-beside-160x24", Pictures.render(running(SIX_LINES), 160, 24));
    }

    @Test
    void besideTheGridALongExplanationLeavesItsRowsToTheOutputAndTheWatchdog() {
        FrameBuilder b = FrameBuilder.child(Experiment.OVERFLOW, Step.SWITCH).phase(Frame.Phase.RUNNING)
                .window(FrameBuilder.BASE - 160, 160 + 48 + 32).output("I LOVE WAKING UP ON A NEW STACK!\n");
        b.run(b.aligned(8), 0, null);
        for (int i = 1; i <= 16; i++) {
            b.u64(FrameBuilder.BASE - 8L * i, 0x1000 + i); // bytes below base, each named in the explanation
        }
        List<String> screen = lines(Pictures.render(b.build(), 160, 24));
        assertEquals("target output:", screen.get(14).substring(82), String.join("\n", screen));
        assertEquals("  I LOVE WAKING UP ON A NEW STACK!", screen.get(15).substring(82), String.join("\n", screen));
        assertEquals("watchdog: RUNNING 2.3 s • heartbeat 4097 • k ends it • deadline 60.00 s",
                screen.get(17).substring(82), String.join("\n", screen));
    }

    @Test
    void aStepTooLongForTheTitleLeavesTheStepMarkerAlone() {
        Frame frame = FrameBuilder.child(Experiment.MISALIGNED, Step.WRITE_ENTRY).setUp().build();
        String first = lines(Pictures.render(frame, 80, 24)).get(0);
        assertEquals("stackviz • child 4242 misaligned • step 4/6 write", first,
                "the full step (50 columns) does not fit in the 45 left; the explanation says it in full");
    }

    @Test
    void at80ColumnsALongOutputLineIsClippedAtTheEdge() {
        List<String> screen = lines(Pictures.render(running(SIX_LINES), 80, 24));
        assertEquals("target output: line 6 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...", screen.get(20));
    }

    @Test
    void aBufferTallerThanTheGridSaysHowManyRowsAreNotShown() {
        List<String> screen = lines(Pictures.render(FrameBuilder.at(Step.ALLOCATE).stack(4096, 0).build(), 80, 24));
        assertEquals("0x7f3ca80021f8  00 00 00 00 00 00 00 00 0x0000000000000000", screen.get(10), "the 9th row");
        assertEquals("  ... 503 more rows down to base", screen.get(11), "the grid's last line");
        assertTrue(screen.get(12).startsWith("legend: "), "then the legend");
    }

    static Frame bench(List<String> figures) {
        return FrameBuilder.at(Step.ALLOCATE).overlay(Frame.Overlay.BENCH, figures).build();
    }

    @Test
    void theBenchPanelIsABoxCentredOverTheView() {
        List<String> screen = lines(Pictures.render(bench(List.of("sv_switch  4.1 ns", "sv_jump  2.0 ns")), 80, 24));
        String border = "░".repeat(76);
        assertEquals(List.of(
                "0x" + border,
                "0x░ switch costs, measured just now on this machine (stackviz bench --quick) ░",
                "0x░                                                                          ░",
                "0x░ sv_switch  4.1 ns                                                        ░",
                "0x░ sv_jump  2.0 ns                                                          ░",
                "0x░                                                                          ░",
                "0x░ any key closes this panel; 'stackviz bench' measures longer              ░",
                "0x" + border,
                "0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard"), screen.subList(2, 11));
    }

    @Test
    void aPanelTallerThanTheScreenKeepsItsBottomBorderAndSaysWhatItLeavesOut() {
        List<String> figures = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            figures.add("figure " + i);
        }
        List<String> screen = lines(Pictures.render(bench(figures), 80, 24));
        String border = "░".repeat(76);
        assertEquals("st" + border, screen.get(0), "the box takes the whole height");
        assertEquals("░ " + String.format("%-73s", "figure 18") + "░", screen.get(20).substring(2), "as many lines as fit");
        assertEquals("░ " + String.format("%-73s", "... 13 more lines: enlarge the terminal to 80x36") + "░",
                screen.get(21).substring(2), "then what is not shown (figures 19 to 30 and the blank), and the size that shows it");
        assertEquals("░ " + String.format("%-73s", "any key closes this panel; 'stackviz bench' measures longer")
                + "░", screen.get(22).substring(2), "and the last line");
        assertTrue(screen.get(23).startsWith("→/" + border), "and its border: " + screen.get(23));
    }

    @Test
    void aPanelAlmostAsTallAsTheScreenMovesUpToFit() {
        List<String> figures = new ArrayList<>();
        for (int i = 1; i <= 17; i++) {
            figures.add("figure " + i);
        }
        List<String> screen = lines(Pictures.render(bench(figures), 80, 24));
        assertEquals("stackviz • native • step 1/6 allocate: a zeroed buffer becomes the stack", screen.get(0),
                "the title stays");
        assertEquals("ad" + "░".repeat(76), screen.get(1), "a box of 23 rows from the row below the title");
        assertTrue(screen.get(23).startsWith("→/" + "░".repeat(76)), "down to the last row: " + screen.get(23));
    }

    /** Below the minimum size ? still opens the help (README): what does not fit is said, never cut silently. */
    @Test
    void aHelpTallerThanTheScreenSaysWhatIsNotShownAndKeepsItsLastLine() {
        Frame frame = FrameBuilder.at(Step.ALLOCATE).overlay(Frame.Overlay.HELP, List.of()).build();
        for (int[] size : new int[][] {{60, 20}, {40, 12}}) {
            List<String> screen = lines(Pictures.render(frame, size[0], size[1]));
            String all = size[0] + "x" + size[1] + ":\n" + String.join("\n", screen);
            int last = size[1] - 1;
            assertTrue(screen.get(last).matches("░+"), "the bottom border on the last row: " + all);
            assertEquals("any key closes this help", inside(screen.get(last - 1)), all);
            String marker = inside(screen.get(last - 2));
            for (int y = last - 3; !screen.get(y).matches("░+"); y--) {
                marker = inside(screen.get(y)) + " " + marker; // the marker, wrapped to the box
            }
            assertTrue(marker.matches(".*\\.\\.\\. \\d+ more lines: enlarge the terminal to 80x\\d+"), all);
        }
    }

    /** A row of a box without its borders. */
    private static String inside(String row) {
        return row.replaceAll("^[^░]*░|░[^░]*$", "").trim();
    }
}
