package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.FibersFrame;
import dev.stackviz.frame.FibersTexts;
import dev.stackviz.machine.simulated.SimulatedFibers;
import dev.stackviz.model.Keys;
import dev.stackviz.session.FibersSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The green threads at every size the view supports: nothing said is cut, no line is wider than the
 * terminal, every fiber's stack is on screen where they fit side by side, and no big terminal is
 * mostly empty.
 */
class FibersSizesTest {

    @Test
    void nothingIsCutAtAnySize() {
        List<String> wrong = new ArrayList<>();
        for (FibersFrame frame : frames()) {
            for (int[] size : SizesTest.SIZES) {
                check(frame, size[0], size[1], wrong);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theHelpIsWholeAt80x24() {
        FibersSession session = open(3, 16, 3);
        session.press("?");
        String screen = Pictures.render(session.frame(), 80, 24);
        String flat = screen.replaceAll("[\\s░]+", " ");
        for (String line : FibersTexts.help()) {
            assertTrue(flat.contains(line.replaceAll("\\s+", " ").trim()), line + "\n" + screen);
        }
        session.close();
    }

    @Test
    void belowTheMinimumTheNoticeFitsInTwentyByFive() {
        FibersSession session = open(3, 16, 3);
        String at40 = Pictures.render(session.frame(), 40, 12).replaceAll("\\s+", " ").trim();
        assertEquals("stackviz needs a terminal of at least 80x24; this one is 40x12. Enlarge it, or q quits.", at40);
        session.close();
    }

    static void check(FibersFrame frame, int columns, int rows, List<String> wrong) {
        String screen = Pictures.render(frame, columns, rows);
        String where = columns + "x" + rows + " " + frame.count() + " fibers, " + frame.stackSize() + " B, "
                + frame.now().switches() + " switches: ";
        String flat = screen.replaceAll("\\s+", " ");
        List<String> said = new ArrayList<>(List.of(FibersTexts.explanation(frame), frame.hint(),
                FibersTexts.title(frame, " • "), Keys.bar(Keys.View.FIBERS, true)));
        said.addAll(List.of(FibersTexts.status(frame, " • ").split(" • ")));
        for (String text : said) {
            if (!flat.contains(text.replaceAll("\\s+", " ").trim())) {
                wrong.add(where + "cut: " + text);
            }
        }
        long stacks = screen.lines().mapToLong(l -> l.split("fiber \\d: \\d+ bytes at ", -1).length - 1).sum();
        long expected = columns >= 80 * Math.min(2, frame.count()) ? frame.count() : 1;
        if (stacks != expected) {
            wrong.add(where + stacks + " stacks on screen, not " + expected);
        }
        SizesTest.checkLines(screen, columns, where, wrong);
    }

    static FibersSession open(int count, int size, long rounds) {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        return new FibersSession(() -> new SimulatedFibers(count, size, rounds, () -> clock.getAndAdd(1000)),
                clock::get, "stackviz: SIMULATED machine: --simulate was given");
    }

    /** Before the first switch, the first runs, a fiber done, all done: 2 to 4 fibers, small stacks and a big one. */
    static List<FibersFrame> frames() {
        List<FibersFrame> frames = new ArrayList<>();
        int[][] kinds = {{2, 16}, {3, 16}, {4, 16}, {4, 4096}};
        for (int[] kind : kinds) {
            try (FibersSession session = open(kind[0], kind[1], 2)) {
                frames.add(session.frame());
                for (int i = 0; !session.frame().now().returned(); i++) {
                    session.press("n");
                    if (i == 0 || i == 1 || i == 2 * kind[0] + 1) { // the first run, a yield, a fiber done
                        frames.add(session.frame());
                    }
                }
                frames.add(session.frame());
            }
        }
        FibersFrame last = frames.get(frames.size() - 1);
        frames.add(new FibersFrame(last.kind(), last.stackSize(), last.now(), last.before(), last.output(),
                last.selected(), last.overlay(), last.panel(), SizesTest.LONG_HINT, last.rate()));
        return frames;
    }
}
