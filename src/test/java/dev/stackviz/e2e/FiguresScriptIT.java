package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stackviz.Leftovers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The performance script runs end to end in its short mode: it checks that it works, not the figures. */
class FiguresScriptIT {

    @Test
    void figuresScriptProducesEveryFigure() throws Exception {
        Process script = new ProcessBuilder("python3", "src/bench/figures.py", "--quick", "--json", "--jar", Tmux.jar())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, script.exitValue(), out);
        try (var sockets = java.nio.file.Files.list(Leftovers.tmuxSockets())) {
            String ours = "stackviz-figures-" + script.pid() + "-";
            assertEquals(List.of(), sockets.filter(p -> p.getFileName().toString().startsWith(ours)).toList(),
                    "the script's tmux server leaves no socket");
        }
        JsonObject figures = JsonParser.parseString(out).getAsJsonObject();
        for (String key : new String[] {"startup_ms_median", "first_frame_bytes", "step_bytes_median",
            "key_to_frame_ms_median", "instruction_step_ms_median", "fiber_switch_ms_median",
            "exhaustive_steps_per_second", "trace_view_step_bytes_median", "trace_view_key_to_frame_ms_median"}) {
            assertTrue(figures.get(key).getAsDouble() > 0, key + " in " + out);
        }
        assertEquals(3, figures.getAsJsonArray("startup_ms_runs").size());
        JsonObject traced = figures.getAsJsonObject("trace_first_switch");
        for (String row : new String[] {"c", "c_untraced", "rust_uncached", "rust_kept", "rust_untraced", "java"}) {
            assertTrue(traced.getAsJsonObject(row).get("median_ms").getAsDouble() > 0, row + " in " + out);
            assertEquals(3, traced.getAsJsonObject(row).getAsJsonArray("runs_ms").size(), row + " in " + out);
        }
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("target/dist/stackviz"))) {
            assertTrue(figures.get("image_over_jar").getAsDouble() > 0, "the image beside java -jar: " + out);
        }
        assertEquals(6, figures.getAsJsonObject("bench").getAsJsonArray("switches").size());
        System.out.printf("figures (quick): start-up %.0f ms, first frame %d B, step %.0f B, key to frame %.1f ms%n",
                figures.get("startup_ms_median").getAsDouble(), figures.get("first_frame_bytes").getAsInt(),
                figures.get("step_bytes_median").getAsDouble(), figures.get("key_to_frame_ms_median").getAsDouble());
    }
}
