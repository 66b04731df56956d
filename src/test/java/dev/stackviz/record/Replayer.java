package dev.stackviz.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs src/test/python/screens.py with a Python that has pyte (Debian: python3-pyte). */
final class Replayer {

    static final Path SCRIPT = Path.of("src/test/python/screens.py");
    private static String python;

    private Replayer() {
    }

    static Cast.Replay replay(Path cast) {
        try {
            Process p = new ProcessBuilder(python(), SCRIPT.toString(), cast.toString()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "screens.py finished");
            assertEquals(0, p.exitValue(), "screens.py " + cast + ": " + err);
            JsonObject json = JsonParser.parseString(out).getAsJsonObject();
            List<String> screens = new ArrayList<>();
            for (JsonElement screen : json.getAsJsonArray("screens")) {
                screens.add(screen.getAsString());
            }
            List<Cast.Marker> markers = new ArrayList<>();
            for (JsonElement marker : json.getAsJsonArray("markers")) {
                markers.add(new Cast.Marker(marker.getAsJsonArray().get(0).getAsString(),
                        marker.getAsJsonArray().get(1).getAsInt()));
            }
            return new Cast.Replay(screens, markers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** python3 on the PATH if it has pyte, else the system's (pyenv and venvs often lack Debian's python3-pyte). */
    static synchronized String python() throws IOException, InterruptedException {
        if (python == null) {
            for (String candidate : List.of("python3", "/usr/bin/python3")) {
                Process p = new ProcessBuilder(candidate, "-c", "import pyte").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    python = candidate;
                    break;
                }
            }
            assertTrue(python != null, "no Python with pyte: apt-get install python3-pyte (or pip install pyte)");
        }
        return python;
    }
}
