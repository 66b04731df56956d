package dev.stackviz.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.Grid;
import dev.stackviz.frame.StatusTexts;
import dev.stackviz.frame.Texts;
import dev.stackviz.machine.Machines;
import dev.stackviz.model.Action;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Hex;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Step;
import dev.stackviz.view.Pictures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every experiment (and none, in-process and isolated) at several stack sizes and misalignments on
 * the native machine: every step's frame is rendered at 80x24 and each number a sentence or label
 * names is checked against the bytes and the layout read from memory ({@link Claims}). Nothing a
 * frame says may be cut off at 80x24.
 */
class TruthTest {

    static final Duration GRACE = Duration.ofMillis(500);

    @BeforeAll
    static void onlyWhereTheNativeSwitchRuns() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
    }

    @ParameterizedTest(name = "{0} at {1} bytes, misalign {2}")
    @CsvSource({
        "in-process, 48, 0", "in-process, 48, 5", "in-process, 64, 9", "in-process, 4096, 0",
        "none, 48, 0", "none, 64, 8",
        "misaligned, 48, 0", "misaligned, 48, 15", "misaligned, 64, 0",
        "overflow, 48, 0", "overflow, 48, 15", "overflow, 64, 0", "overflow, 56, 8",
        "seed-hello, 48, 0", "seed-hello, 4096, 0",
    })
    void everyFrameSaysOnlyWhatMemoryShows(String name, int size, int misalign) throws Exception {
        Experiment experiment = name.equals("in-process") ? null : Experiment.parse(name);
        StackSpec spec = new StackSpec(size, misalign);
        List<String> wrong = new ArrayList<>();
        try (Session session = new Session(e -> e == null ? Machines.open(spec, false)
                : Machines.openIsolated(spec, e, GRACE), experiment, false, Duration.ofSeconds(30), GRACE,
                System::nanoTime)) {
            assertEquals(experiment == null, session.frame().pid() == 0, "the machine asked for");
            check(session.frame(), wrong);
            for (int i = 0; i < Step.SET_CONTEXT.ordinal(); i++) {
                session.handle(Action.STEP_FORWARD);
                check(session.frame(), wrong);
            }
            session.handle(Action.SWITCH);
            Frame running = await(session, f -> !f.output().isEmpty() && f.heartbeat() != 0 || f.ended());
            if (experiment == Experiment.OVERFLOW || experiment == Experiment.SEED_HELLO) {
                running = await(session, f -> f.below() != null && f.run().wokeRsp() != 0
                        && (f.below().lowestWritten() > 0 || f.layout().size() > 48));
                Thread.sleep(100); // the last pushes and the heartbeat's slot settle within microseconds
                running = session.frame();
            }
            check(running, wrong);
            if (!running.ended()) {
                session.handle(Action.KILL);
            }
            check(await(session, f -> f.report() != null), wrong);
        }
        assertEquals(List.of(), wrong);
    }

    /** Checks one frame: its statements against memory, and that nothing it says is cut at 80x24. */
    static void check(Frame frame, List<String> wrong) {
        String screen = Pictures.render(frame, 80, 24);
        if (System.getProperty("truth.print") != null) {
            System.out.println(screen);
        }
        String where = frame.stepMarker() + " (" + frame.phase() + "): ";
        Claims.violations(screen, facts(frame)).forEach(v -> wrong.add(where + v));
        String flat = screen.replaceAll("\\s+", " ");
        List<String> said = new ArrayList<>(List.of(Texts.explanation(frame), Texts.steps(frame).get(1)));
        said.addAll(List.of(StatusTexts.status(frame, " • ").split(" • ")));
        for (String text : said) {
            if (!flat.contains(text.replaceAll("\\s+", " "))) {
                wrong.add(where + "cut at 80x24: " + text);
            }
        }
        assertTrue(screen.lines().allMatch(l -> l.length() <= 80));
        for (Grid.Row row : Grid.rows(frame)) {
            java.util.regex.Pattern start = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(Hex.address(row.address())) + " [ *][0-9a-f]{2} .*");
            screen.lines().filter(l -> start.matcher(l).matches() && !row.labels().isEmpty()
                    && !l.endsWith(row.labelText(19)))
                    .forEach(l -> wrong.add(where + "labels cut at 80x24: " + l));
        }
    }

    /** The first frame, polled every 2 ms for up to 10 s, for which {@code condition} holds. */
    static Frame await(Session session, Predicate<Frame> condition) {
        Frame[] last = {null};
        try {
            return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2)).until(() -> last[0] = session.frame(), condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("timed out; last frame: " + Texts.explanation(last[0]), e);
        }
    }

    /** The facts, from the frame's raw bytes and numbers: never from its texts. */
    static Claims.Facts facts(Frame f) {
        return new Claims.Facts() {
            public long base() {
                return f.layout().base();
            }

            public int size() {
                return f.layout().size();
            }

            public long aligned() {
                return f.layout().aligned();
            }

            public long entryAddress() {
                return f.entryAddress();
            }

            public Long u64(long address) {
                return f.inWindow(address, 8) ? f.u64(address) : null;
            }

            public long contextRsp() {
                return f.contextRsp();
            }

            public boolean isolated() {
                return f.isolated();
            }

            public boolean switched() {
                return f.switched();
            }

            public long wokeRsp() {
                return f.switched() ? f.run().wokeRsp() : 0;
            }

            public long callRsp() {
                return f.switched() ? f.run().callRsp() : 0;
            }

            public int watchedBelow() {
                return f.below() == null ? -1 : f.below().watched();
            }

            public int lowestWrittenBelow() {
                return f.below() == null ? -1 : f.below().lowestWritten();
            }

            public long heartbeatSlot() {
                return f.heartbeatSlot();
            }
        };
    }
}
