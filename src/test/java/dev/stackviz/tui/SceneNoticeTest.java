package dev.stackviz.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.stackviz.machine.simulated.SimulatedFibers;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.StackSpec;
import dev.stackviz.session.FibersSession;
import dev.stackviz.session.Session;
import dev.stackviz.view.Pictures;
import dev.stackviz.view.Theme;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A notice from outside the session (a recording that stopped) is on screen in both views, over the hint. */
class SceneNoticeTest {

    static final String NOTICE = "recording stopped (No space left on device): the cast ends at its last whole event";

    final Theme theme = new Theme(true, true);
    final AtomicReference<String> notice = new AtomicReference<>();

    @Test
    void theStackViewShowsTheNoticeOnTheHintRowOnlyOnceThereIsOne() throws Exception {
        try (Session session = new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime)) {
            Scene scene = Scene.of(session, theme).withNotice(notice::get);
            List<String> before = rows(paint(scene, 100, 30));
            assertTrue(before.stream().noneMatch(r -> r.contains("recording stopped")), String.join("\n", before));
            notice.set(NOTICE);
            DefaultVirtualTerminal after = paint(scene, 100, 30);
            assertEquals(NOTICE, rows(after).get(28));
            assertTrue(after.getCharacter(0, 28).getModifiers().contains(SGR.REVERSE), "in reverse video");
            assertTrue(after.getCharacter(99, 28).getModifiers().contains(SGR.REVERSE), "the whole row");
            assertEquals(rows(paint(Scene.of(session, theme), 100, 30)).get(29), rows(after).get(29),
                    "the key bar stays");
        }
    }

    @Test
    void theFibersViewShowsTheNoticeClippedToANarrowTerminal() throws Exception {
        notice.set(NOTICE);
        try (FibersSession session = new FibersSession(() -> new SimulatedFibers(2, 16, 2, System::nanoTime),
                System::nanoTime)) {
            List<String> rows = rows(paint(Scene.of(session, theme).withNotice(notice::get), 60, 30));
            assertEquals(NOTICE.substring(0, 60), rows.get(28));
        }
    }

    private static DefaultVirtualTerminal paint(Scene scene, int columns, int rows) throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        scene.paint(screen.newTextGraphics());
        screen.refresh();
        return terminal;
    }

    private static List<String> rows(DefaultVirtualTerminal terminal) {
        return List.of(Pictures.text(terminal).split("\n"));
    }
}
