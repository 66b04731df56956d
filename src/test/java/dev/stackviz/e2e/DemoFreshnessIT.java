package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.record.Cast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The casts in demo-recordings/ are what today's jar draws: make-demos.sh makes them all again
 * (its pauses five times shorter), and for every step of every cast the screen a viewer sees
 * settled at the end of that step, replayed through a real terminal emulator, must read the same,
 * numbers aside (addresses, bytes, times and counts differ from run to run). A cast left stale by a
 * change of the view fails here, with the step and both screens.
 */
class DemoFreshnessIT {

    static final Path DEMOS = Path.of("demo-recordings");

    @Test
    void everyDemoIsWhatTheJarDrawsToday(@TempDir Path fresh) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", DEMOS.resolve("make-demos.sh").toString())
                .redirectErrorStream(true);
        builder.environment().put("STACKVIZ_JAR", Tmux.jar());
        builder.environment().put("STACKVIZ_DEMO_DIR", fresh.toString());
        builder.environment().put("STACKVIZ_DEMO_PACE", "0.2");
        Process remake = builder.start();
        String log = new String(remake.getInputStream().readAllBytes());
        assertTrue(remake.waitFor(5, TimeUnit.MINUTES), "make-demos.sh finished");
        assertEquals(0, remake.exitValue(), log);
        List<String> stale = new ArrayList<>();
        try (Stream<Path> casts = Files.list(DEMOS)) {
            for (Path committed : casts.filter(p -> p.toString().endsWith(".cast")).sorted().toList()) {
                Path remade = fresh.resolve(committed.getFileName());
                assertTrue(Files.exists(remade), "make-demos.sh makes " + committed.getFileName() + ": " + log);
                compare(committed, remade, stale);
            }
        }
        assertEquals(List.of(), stale, "stale demos: run demo-recordings/make-demos.sh");
    }

    static void compare(Path committed, Path remade, List<String> stale) throws Exception {
        Cast.Replay old = Cast.read(committed).replay();
        Cast.Replay now = Cast.read(remade).replay();
        List<String> oldMarkers = old.markers().stream().map(m -> masked(m.label())).toList();
        List<String> newMarkers = now.markers().stream().map(m -> masked(m.label())).toList();
        if (!oldMarkers.equals(newMarkers)) {
            stale.add(committed.getFileName() + ": its steps were " + oldMarkers + ", today they are " + newMarkers);
            return;
        }
        for (int i = 0; i < old.markers().size(); i++) {
            boolean live = LIVE.contains(old.markers().get(i).label());
            String was = masked(live ? frameOf(settled(old, i)) : settled(old, i));
            String is = masked(live ? frameOf(settled(now, i)) : settled(now, i));
            if (!was.equals(is)) {
                stale.add(committed.getFileName() + " at '" + old.markers().get(i).label() + "':\n--- committed\n" + was
                        + "--- today\n" + is);
                return;
            }
        }
    }

    /** The screen at the end of marker {@code i}'s step: the last one before the next marker (or the cast's last). */
    static String settled(Cast.Replay replay, int i) {
        int end = i + 1 < replay.markers().size() ? replay.markers().get(i + 1).screen() : replay.screens().size();
        return end == 0 ? "" : replay.screens().get(end - 1);
    }

    /**
     * Steps that end while the fibers run at full speed: which fiber is on the CPU at that instant is
     * chance, so only the title and the key bar are compared.
     */
    static final java.util.Set<String> LIVE = java.util.Set.of("full speed");

    static String frameOf(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(0) + "\n" + lines.get(lines.size() - 1) + "\n";
    }

    /**
     * What must not change between two runs of one script: numbers aside (addresses, byte cells, times
     * with their units, counts, the * on bytes that changed and the registers an instruction changed
     * depend on the run), and layout aside where numbers move it: a longer number wraps a sentence
     * elsewhere (and drops the dot where it wraps), which leaves a grid a row more or less of guard;
     * and a longer pid in the title leaves no room for the step's summary ("step 1/6 allocate: a
     * zeroed buffer becomes the stack" or "step 1/6 allocate"), so the title is compared up to the step.
     */
    static String masked(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.replace('*', ' ').replace("•", " ").split("\n")) {
            String masked = maskedLine(line.replaceFirst("^(stackviz .*\\bstep \\d+/\\d+ [a-z-]+):.*", "$1"));
            if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(masked)) {
                lines.add(masked);
            }
        }
        return String.join(" ", lines).replaceAll("\\s+", " ").trim();
    }

    static String maskedLine(String text) {
        return text.replaceAll("changed: .*", "changed: ~")
                .replaceAll("\\d+(?:[.,]\\d+)*\\s?(?:ns|us|ms|s)\\b", "#t")
                .replaceAll("0x[0-9a-f]+", "0x~").replaceAll("\\b[0-9a-f]{2}\\b", "~~")
                .replaceAll("[0-9][0-9.,]*", "#").replaceAll("\\s+", " ").trim();
    }
}
