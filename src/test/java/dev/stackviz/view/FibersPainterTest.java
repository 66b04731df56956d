package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.frame.FibersFrame;
import dev.stackviz.machine.simulated.SimulatedFibers;
import dev.stackviz.session.FibersSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How the green threads' stacks share the screen: as many rows of panels as fit, the selected one always shown. */
class FibersPainterTest {

    static final Pattern HEADER = Pattern.compile("fiber (\\d): \\d+ bytes at");

    /** Six fibers of 16 bytes, not started, with {@code tabs} presses of Tab. */
    static FibersFrame six(int tabs) {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        try (FibersSession session = new FibersSession(() -> new SimulatedFibers(6, 16, 2,
                () -> clock.getAndAdd(1000)), clock::get, "")) {
            for (int i = 0; i < tabs; i++) {
                session.press("tab");
            }
            return session.frame();
        }
    }

    /** Where each fiber's panel starts: "fiber@row,column". */
    static List<String> panels(String screen) {
        List<String> found = new ArrayList<>();
        List<String> lines = screen.lines().toList();
        for (int y = 0; y < lines.size(); y++) {
            Matcher m = HEADER.matcher(lines.get(y));
            while (m.find()) {
                found.add(m.group(1) + "@" + y + "," + m.start());
            }
        }
        return found;
    }

    static int row(String screen, String prefix) {
        return screen.lines().toList().indexOf(screen.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow());
    }

    @Test
    void threeRowsOfTwoPanelsFitIn29Rows() {
        String screen = Pictures.render(six(0), 160, 29);
        assertEquals(List.of("1@2,0", "2@2,80", "3@8,0", "4@8,80", "5@14,0", "6@14,80"), panels(screen), screen);
        assertEquals(20, row(screen, "legend: "), screen);
    }

    @Test
    void in24RowsTwoRowsOfPanelsShowTheSelectedFiberAndThoseBeforeIt() {
        String screen = Pictures.render(six(5), 160, 24);
        assertEquals(List.of("3@2,0", "4@2,80", "5@8,0", "6@8,80"), panels(screen), screen);
        assertEquals(15, row(screen, "legend: "), screen);
        assertEquals(19, row(screen, "output: "), "after 3 rows of explanation\n" + screen);
    }

    /** On AArch64 the legend names sp and what aligned-16 holds once the body has run: its saved x29. */
    @Test
    void onAarch64TheLegendSaysSpAndTheSavedFramePointer() {
        FibersFrame f = six(0);
        FibersFrame arm = new FibersFrame(dev.stackviz.model.MachineKind.NATIVE, f.stackSize(), f.now(), f.before(),
                f.output(), f.selected(), f.overlay(), f.panel(), f.hint(), f.rate(), dev.stackviz.model.Isa.AARCH64);
        String screen = Pictures.render(arm, 160, 29);
        String legend = screen.lines().filter(l -> l.startsWith("legend: ")).findFirst().orElseThrow();
        assertEquals("legend: saved sp aligned-16: entry, then the body's saved x29 guard *changed", legend.trim(), screen);
        String x86 = Pictures.render(f, 160, 29).lines().filter(l -> l.startsWith("legend: ")).findFirst().orElseThrow();
        assertEquals("legend: saved rsp aligned-16: entry, then a return address guard *changed", x86.trim());
    }

    @Test
    void at80ColumnsALongOutputLineIsClippedAtTheEdge() {
        FibersFrame f = six(0);
        FibersFrame frame = new FibersFrame(f.kind(), f.stackSize(), f.now(), f.before(), "fiber 1: " + "x".repeat(90),
                f.selected(), f.overlay(), f.panel(), f.hint(), f.rate());
        String screen = Pictures.render(frame, 80, 24);
        String output = screen.lines().filter(l -> l.startsWith("output: ")).findFirst().orElseThrow();
        assertEquals("output: fiber 1: " + "x".repeat(60) + "...", output, screen);
    }
}
