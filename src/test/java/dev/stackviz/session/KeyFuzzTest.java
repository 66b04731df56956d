package dev.stackviz.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.stackviz.frame.Frame;
import dev.stackviz.machine.SimulatedMachine;
import dev.stackviz.tui.KeyMap;
import dev.stackviz.view.Pictures;
import dev.stackviz.view.Theme;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Step;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 100,000 random keys: the session never throws, and every frame keeps the screen's invariants. */
class KeyFuzzTest {

    static final int KEYS = 100_000;
    static final KeyType[] TYPES = KeyType.values();

    @Test
    void randomKeysBreakNothing() {
        Random random = new Random(20261126L); // fixed: a failure can be replayed
        try (Session session = new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime)) {
            for (int i = 0; i < KEYS; i++) {
                KeyStroke key = randomKey(random);
                session.press(KeyMap.name(key));
                if (i % 97 == 0) {
                    Frame frame = session.frame();
                    assertInvariants(frame, Pictures.render(frame, 80, 24, new Theme(true, true)), i);
                }
            }
        }
    }

    private static KeyStroke randomKey(Random random) {
        if (random.nextInt(3) > 0) {
            // mostly characters, weighted towards the ones that do something
            String keys = "nnnpppskrkre?bq \u0003xyz19!";
            char c = keys.charAt(random.nextInt(keys.length()));
            return c == '\u0003' ? new KeyStroke('c', true, false) : new KeyStroke(c, random.nextInt(20) == 0, false);
        }
        KeyType type = TYPES[random.nextInt(TYPES.length)];
        return type == KeyType.Character ? new KeyStroke((char) (32 + random.nextInt(95)), false, false)
                : new KeyStroke(type);
    }

    private static void assertInvariants(Frame frame, String screen, int i) {
        String[] lines = screen.split("\n", -1);
        assertEquals(25, lines.length, "24 lines at key " + i);
        String title = lines[0];
        if (frame.overlay() != Frame.Overlay.NONE) {
            return;
        }
        Step step = frame.step();
        assertTrue(title.startsWith("stackviz • SIMULATED • step " + (step.ordinal() + 1) + "/6 " + step.label()),
                "title at key " + i + ": " + title);
        assertEquals(new Theme(true, true).keyBar(), lines[23], "key bar at key " + i);
        assertTrue(screen.contains("◀ base"), "base is always labelled, key " + i);
        for (String line : lines) {
            assertTrue(line.length() <= 80, "fits 80 columns at key " + i + ": " + line);
        }
        assertTrue(frame.phase() != Frame.Phase.LOST, "a simulated target always comes back");
    }
}
