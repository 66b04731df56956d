package dev.stackviz.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An asciicast v2 file read back with a real JSON parser (Gson), and played by real asciinema. */
public final class Cast {

    private final Path file;
    private final JsonObject header;
    private final List<Event> events;
    private Replay replay;

    private Cast(Path file, JsonObject header, List<Event> events) {
        this.file = file;
        this.header = header;
        this.events = events;
    }

    public JsonObject header() {
        return header;
    }

    public List<Event> events() {
        return events;
    }

    public record Event(double time, String code, String data) {
    }

    public static Cast read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        JsonObject header = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        List<Event> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            JsonArray event = JsonParser.parseString(line).getAsJsonArray();
            assertEquals(3, event.size(), line);
            events.add(new Event(event.get(0).getAsDouble(), event.get(1).getAsString(), event.get(2).getAsString()));
        }
        return new Cast(file, header, events);
    }

    public String output() {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.code().equals("o")).forEach(e -> text.append(e.data()));
        return text.toString();
    }

    /**
     * What a viewer sees, replayed through pyte, a real terminal emulator (src/test/python/screens.py):
     * the screen after each output event, and for each marker the index of the first screen after it.
     */
    public record Replay(List<String> screens, List<Marker> markers) {
    }

    public record Marker(String label, int screen) {
    }

    public Replay replay() {
        if (replay == null) {
            replay = Replayer.replay(file);
        }
        return replay;
    }

    /** The screens a viewer sees, one after each output event. */
    public List<String> screens() {
        return replay().screens();
    }

    /** True if some screen of the cast shows {@code text} on one line. */
    public boolean shows(String text) {
        return screens().stream().anyMatch(s -> s.contains(text));
    }

    public List<String> markers() {
        return events.stream().filter(e -> e.code().equals("m")).map(Event::data).toList();
    }

    /** The checks every cast stackviz writes must pass. */
    public void assertWellFormed() {
        assertEquals(2, header.get("version").getAsInt());
        assertTrue(header.get("width").getAsInt() >= 80, header.toString());
        assertTrue(header.get("height").getAsInt() >= 24, header.toString());
        assertTrue(header.get("timestamp").getAsLong() > 1_600_000_000L, header.toString());
        assertTrue(header.get("title").getAsString().startsWith("stackviz"), header.toString());
        JsonObject env = header.getAsJsonObject("env");
        assertTrue(env.has("TERM") && env.has("SHELL"), header.toString());
        double last = 0;
        for (Event e : events) {
            assertTrue(e.time() >= last, "times never go back: " + e);
            assertTrue(List.of("o", "i", "m", "r").contains(e.code()), e.toString());
            last = e.time();
        }
        String output = output();
        assertTrue(output.startsWith("\u001b[?1049h"), "starts by entering the alternate screen");
        assertTrue(output.lastIndexOf("\u001b[?1049l") > output.lastIndexOf("\u001b[?1049h"),
                "ends with the alternate screen left");
        assertTrue(!output.contains("\u0000"), "no NUL bytes on the wire");
    }

    public void assertEveryStepMarked() {
        List<String> markers = markers();
        for (String step : List.of("step 1/6 allocate", "step 2/6 top", "step 3/6 align", "step 4/6 write",
                "step 5/6 context", "step 6/6 switch")) {
            assertTrue(markers.contains(step), step + " in " + markers);
        }
    }

    /**
     * Plays the cast with `asciinema cat` and returns what it printed. asciinema 2.2 opens /dev/tty,
     * so it runs under script(1), which gives it one even where there is none (CI).
     */
    public static String asciinemaCat(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("script", "-qec", "asciinema cat '" + file + "'", "/dev/null")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "asciinema cat finished");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "asciinema cat " + file + " exit code; it printed:\n" + text);
        return text;
    }
}
