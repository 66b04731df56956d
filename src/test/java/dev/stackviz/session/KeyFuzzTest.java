package dev.stackviz.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.stackviz.frame.Frame;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.model.Keys;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Step;
import dev.stackviz.tui.KeyMap;
import dev.stackviz.view.Pictures;
import dev.stackviz.view.Theme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random keys: the session never throws, and every frame keeps the screen's invariants.
 *
 * <p>Replayable: the seed fixes the keys, the clock is the test's (10 ms per key), e opens a fresh
 * machine for each experiment and b runs a benchmark with fixed figures, and after each key the test
 * waits until the session's own threads (the simulated target, the benchmark) have done what that key
 * started. So the same seed gives the same frames, and a failure names the key that broke it and the
 * keys before it.
 */
class KeyFuzzTest {

    static final long SEED = 20261126L;
    static final int KEYS = 10_000;
    static final KeyType[] TYPES = KeyType.values();
    static final List<String> FIGURES = List.of("sv_swap 3.6 ns", "swapcontext 220.7 ns (fixed by the test)");

    @Test
    void randomKeysBreakNothing() {
        List<String> frames = play(SEED, KEYS);
        assertEquals(KEYS / 97 + 1, frames.size());
    }

    @Test
    void theSameSeedGivesTheSameFrames() {
        List<String> first = play(SEED + 1, 3_000);
        List<String> again = play(SEED + 1, 3_000);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i), again.get(i), "a seed replays: frame " + i + " (key " + 97 * i + ") differs");
        }
    }

    /** Plays {@code keys} random keys from {@code seed}; returns every 97th frame as drawn at 80x24. */
    static List<String> play(long seed, int keys) {
        Random random = new Random(seed);
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        List<String> pressed = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        try (Session session = new Session(e -> new Machines.Choice(new SimulatedMachine(StackSpec.defaults(),
                clock::get), null), null, true, Duration.ofSeconds(60), Duration.ofSeconds(1), clock::get)) {
            session.allowBench(() -> FIGURES);
            for (int i = 0; i < keys; i++) {
                String name = KeyMap.name(randomKey(random));
                pressed.add(name);
                Frame before = session.frame();
                session.press(name);
                if (killsNow(name, before)) {
                    // k returns at once; the watchdog's thread asks for the stop, on the clock of the key
                    await("the watchdog acts on k").atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(1)).until(() -> session.frame().phase() != Frame.Phase.RUNNING);
                }
                settle(session); // what the key started is done, on the clock of the key
                clock.addAndGet(10_000_000L);
                settle(session); // and the target's heartbeat has caught up with the new time
                if (i % 97 == 0) {
                    Frame frame = session.frame();
                    String screen = Pictures.render(frame, 80, 24, new Theme(true, true));
                    assertInvariants(frame, screen, "key " + i + " (" + name + ", after "
                            + pressed.subList(Math.max(0, i - 12), i) + ")");
                    frames.add(screen);
                }
            }
        }
        return frames;
    }

    /**
     * Until what the last key started is done: the target has written and its heartbeat shows the
     * clock's time (or it has stopped), the benchmark has reported.
     */
    static void settle(Session session) {
        if (settled(session.frame())) {
            return;
        }
        await("the session settles").atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).until(() -> settled(session.frame()));
    }

    /** True if {@code key}, pressed over {@code before}, asks the watchdog to stop a running target. */
    static boolean killsNow(String key, Frame before) {
        return before.phase() == Frame.Phase.RUNNING && before.overlay() == Frame.Overlay.NONE
                && Keys.action(key).filter(a -> a == Action.KILL).isPresent();
    }

    static boolean settled(Frame f) {
        boolean running = f.phase() == Frame.Phase.RUNNING;
        boolean written = !running || !f.output().isEmpty();
        boolean beating = !running || f.heartbeat() == Math.max(1, (f.now() - f.run().switchedAt()) / 1_000_000L);
        return written && beating && f.phase() != Frame.Phase.STOPPING && !f.hint().startsWith("measuring");
    }

    private static KeyStroke randomKey(Random random) {
        if (random.nextInt(3) > 0) {
            // mostly characters, weighted towards the ones that do something
            String keys = "nnnpppskrkre?bq \u0003xyz19!ic";
            char c = keys.charAt(random.nextInt(keys.length()));
            return c == '\u0003' ? new KeyStroke('c', true, false) : new KeyStroke(c, random.nextInt(20) == 0, false);
        }
        KeyType type = TYPES[random.nextInt(TYPES.length)];
        return type == KeyType.Character ? new KeyStroke((char) (32 + random.nextInt(95)), false, false)
                : new KeyStroke(type);
    }

    private static void assertInvariants(Frame frame, String screen, String at) {
        String[] lines = screen.split("\n", -1);
        assertEquals(25, lines.length, "24 lines at " + at);
        if (frame.overlay() == Frame.Overlay.BENCH) {
            assertTrue(screen.contains(FIGURES.get(1)), "the benchmark's figures at " + at + "\n" + screen);
        }
        if (frame.overlay() != Frame.Overlay.NONE) {
            return;
        }
        Step step = frame.step();
        String title = lines[0];
        assertTrue(title.startsWith("stackviz • SIMULATED • step " + (step.ordinal() + 1) + "/6 " + step.label()),
                "title at " + at + ": " + title);
        assertEquals(Keys.bar(Keys.View.STACK, true), lines[23], "key bar at " + at);
        assertTrue(screen.contains("◀ base"), "base is always labelled, " + at);
        for (String line : lines) {
            assertTrue(line.length() <= 80, "fits 80 columns at " + at + ": " + line);
        }
        assertTrue(frame.phase() != Frame.Phase.LOST, "a simulated target always comes back, " + at);
    }
}
