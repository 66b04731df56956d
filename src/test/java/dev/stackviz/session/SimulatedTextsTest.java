package dev.stackviz.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.StatusTexts;
import dev.stackviz.frame.Texts;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.model.StackSpec;
import dev.stackviz.view.Pictures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Whatever the simulated machine shows says so where it is shown: nothing switched stacks there. */
class SimulatedTextsTest {

    /** Words that claim something happened on a CPU or to a thread. */
    static final Pattern CLAIMS_A_SWITCH = Pattern.compile("(?i)\\b(woke|wakes|returned|back in|came back|sv_switch|"
            + "saved by|CPU)\\b");

    @Test
    void everySentenceAboutTheSwitchSaysSimulated() throws Exception {
        List<String> said = new ArrayList<>();
        try (Session session = new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime)) {
            said.addAll(lines(session.frame()));
            for (int i = 0; i < 4; i++) {
                session.handle(Action.STEP_FORWARD);
                said.addAll(lines(session.frame()));
            }
            session.handle(Action.SWITCH);
            Frame running = TruthTest.await(session, f -> !f.output().isEmpty() && f.heartbeat() > 0);
            said.addAll(lines(running));
            session.handle(Action.KILL);
            said.addAll(lines(TruthTest.await(session, f -> f.report() != null)));
        }
        List<String> unlabelled = said.stream().filter(s -> CLAIMS_A_SWITCH.matcher(s).find())
                .filter(s -> !s.contains("SIMULATED")).distinct().toList();
        assertEquals(List.of(), unlabelled);
    }

    @Test
    void theScreenOfASimulatedMachineSaysSimulatedInTheTitleTheGridAndTheStatus() throws Exception {
        try (Session session = new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime)) {
            session.handle(Action.SWITCH);
            String screen = Pictures.render(TruthTest.await(session, f -> f.heartbeat() > 0), 80, 24);
            assertTrue(screen.startsWith("stackviz • SIMULATED"), screen);
            assertTrue(screen.lines().skip(1).findFirst().orElseThrow().endsWith("made-up"), screen);
            assertTrue(screen.contains("watchdog (SIMULATED target)"), screen);
            assertTrue(screen.contains("rsp (simulated)"), screen);
        }
    }

    /** Each sentence of the explanation, the status and the saved-context lines, on its own. */
    static List<String> lines(Frame frame) {
        List<String> lines = new ArrayList<>(List.of(Texts.explanation(frame).split("(?<=\\.) ")));
        lines.add(StatusTexts.status(frame, " • "));
        lines.addAll(Texts.saved(frame));
        return lines;
    }
}
