package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.StatusTexts;
import dev.stackviz.frame.Texts;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.TargetLayout;
import dev.stackviz.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Every frame at every size the view supports, from 80x24 to 300x100: nothing it says is cut, no
 * line is wider than the terminal, and a big terminal shows more, not more nothing (no run of more
 * than 6 blank rows). Below 80x24 the notice fits in 20x5.
 */
class SizesTest {

    static final int[][] SIZES = {{80, 24}, {100, 30}, {120, 40}, {159, 50}, {160, 48}, {200, 60}, {250, 80},
        {300, 100}, {80, 100}, {300, 24}};

    @Test
    void nothingIsCutAndNoBigTerminalIsMostlyEmpty() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Frame frame : frames()) {
            for (int[] size : SIZES) {
                check(frame, size[0], size[1], wrong);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void belowTheMinimumTheNoticeFitsInTwentyByFive() {
        Frame frame = ScreenPictureTest.simulated(StackSpec.defaults()).frame();
        Pictures.assertScreen("too-small-20x5", Pictures.render(frame, 20, 5));
        String at40 = Pictures.render(frame, 40, 12).replaceAll("\\s+", " ").trim();
        assertEquals("stackviz needs a terminal of at least 80x24; this one is 40x12. Enlarge it, or q quits.", at40);
    }

    @Test
    void theHelpFitsAt80x24AndIsAsWideAsItNeedsAt200x60() {
        Session session = ScreenPictureTest.simulated(StackSpec.defaults());
        session.handle(Action.HELP);
        Frame frame = session.frame();
        for (int[] size : new int[][] {{80, 24}, {200, 60}}) {
            String screen = Pictures.render(frame, size[0], size[1]);
            String flat = screen.replaceAll("[\\s░]+", " ");
            for (String line : StatusTexts.help()) {
                assertTrue(flat.contains(line.replaceAll("\\s+", " ").trim()), size[0] + "x" + size[1] + ": " + line
                        + "\n" + screen);
            }
            assertTrue(!screen.contains("..."), screen);
        }
        session.close();
    }

    static void check(Frame frame, int columns, int rows, List<String> wrong) {
        String screen = Pictures.render(frame, columns, rows);
        String where = columns + "x" + rows + " " + frame.stepMarker() + " " + frame.phase() + " "
                + (frame.experiment() == null ? "" : frame.experiment().option()) + ": ";
        // beside the grid (from 160 columns) the text's lines share rows with grid rows: read that side alone too
        String side = String.join(" ", screen.lines().map(l -> l.length() > 82 ? l.substring(82) : "").toList());
        String flat = (screen + " " + side).replaceAll("\\s+", " ");
        List<String> said = new ArrayList<>(List.of(Texts.explanation(frame), frame.stepMarker(), frame.hint()));
        said.addAll(List.of(StatusTexts.status(frame, " • ").split(" • ")));
        for (String text : said) {
            if (!flat.contains(text.replaceAll("\\s+", " "))) {
                wrong.add(where + "cut: " + text);
            }
        }
        checkLines(screen, columns, where, wrong);
    }

    /** No line wider than the terminal, and no run of more than 6 blank rows. */
    static void checkLines(String screen, int columns, String where, List<String> wrong) {
        int blank = 0;
        for (String line : screen.lines().toList()) {
            if (line.length() > columns) {
                wrong.add(where + "wider than the terminal: " + line);
            }
            blank = line.isBlank() ? blank + 1 : 0;
            if (blank > 6) {
                wrong.add(where + "more than 6 blank rows in a row");
                break;
            }
        }
    }

    static Frame withHint(Frame f, String hint) {
        return new Frame(f.kind(), f.pid(), f.origin(), f.layout(), f.experiment(), f.step(), f.phase(),
                f.windowStart(), f.window(), f.before(), f.entryAddress(), f.contextAddress(), f.contextRsp(),
                f.contextRspBefore(), f.run(), f.trace(), f.report(), f.below(), f.output(), f.overlay(), f.panel(),
                hint, f.deadline(), f.now());
    }

    /** As long as a hint gets: the system's own reason, with ptrace refused (220 characters). */
    static final String LONG_HINT = "stepping is not possible here: PTRACE_SEIZE of thread 123456 failed: operation not "
            + "permitted (EPERM); /proc/sys/kernel/yama/ptrace_scope is 3: no process may trace another here, not even "
            + "its own child; s switches without it";

    /** Frames of every kind: each setup step, running, stopped, one of each experiment, a long hint. */
    static List<Frame> frames() throws Exception {
        List<Frame> frames = new ArrayList<>();
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        for (StackSpec spec : List.of(StackSpec.defaults(), new StackSpec(48, 5), new StackSpec(4096, 0))) {
            Session session = new Session(() -> new SimulatedMachine(spec, clock::get), Duration.ofSeconds(2),
                    Duration.ofSeconds(1), clock::get);
            frames.add(session.frame());
            for (int i = 0; i < 4; i++) {
                session.handle(Action.STEP_FORWARD);
                frames.add(session.frame());
            }
            session.handle(Action.SWITCH);
            ScreenPictureTest.until("the target's line", () -> !session.frame().output().isEmpty());
            clock.addAndGet(1_500_000_000L);
            ScreenPictureTest.until("heartbeat 1500", () -> session.frame().heartbeat() == 1500);
            frames.add(session.frame());
            session.handle(Action.KILL);
            ScreenPictureTest.until("the watchdog's report", () -> session.frame().report() != null);
            frames.add(session.frame());
            session.close();
        }
        frames.add(withHint(frames.get(4), LONG_HINT));
        long a = TargetLayout.OVERFLOW_PATTERN;
        Report died = new Report(Report.Cause.ENDED_BY_ITSELF, Duration.ofSeconds(60), Duration.ofMillis(4),
                0, null, true, Duration.ofSeconds(1), Fate.killedBy(Fate.SIGSEGV, null));
        frames.add(ExperimentPictureTest.frame(Experiment.MISALIGNED, Frame.Phase.RETURNED,
                ExperimentPictureTest.at(16), 0, died, new BelowBase(65536, 0), ExperimentPictureTest.at(24),
                ExperimentPictureTest.ENTRY));
        frames.add(ExperimentPictureTest.frame(Experiment.OVERFLOW, Frame.Phase.RUNNING,
                ExperimentPictureTest.at(8), 0, null, new BelowBase(65536, 8), ExperimentPictureTest.at(16), a,
                ExperimentPictureTest.at(56), 4_138_868));
        frames.add(ExperimentPictureTest.frame(Experiment.SEED_HELLO, Frame.Phase.RUNNING,
                ExperimentPictureTest.at(8), ExperimentPictureTest.at(32), null, new BelowBase(65536, 632),
                ExperimentPictureTest.at(16), ExperimentPictureTest.ENTRY));
        return frames;
    }
}
