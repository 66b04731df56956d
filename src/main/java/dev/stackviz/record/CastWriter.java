package dev.stackviz.record;

import dev.stackviz.model.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * An asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header line, then
 * one JSON array per event, [seconds, code, data]. Every line is flushed as it is written, so a
 * session killed half-way still leaves a cast that plays.
 */
public final class CastWriter implements Closeable {

    private final BufferedWriter out;
    private final LongSupplier clock;
    private final long start;
    private String failure;

    private CastWriter(BufferedWriter out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Creates (or replaces) {@code file} and writes the header. */
    public static CastWriter create(Path file, Header header, LongSupplier clock) throws IOException {
        CastWriter cast = new CastWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), clock);
        cast.line(header.toJson());
        if (cast.failure != null) {
            throw new IOException(cast.failure);
        }
        return cast;
    }

    /** The header's fields (timestamp in Unix seconds). */
    public record Header(int width, int height, long timestamp, String title, String term, String shell) {

        String toJson() {
            return "{\"version\": 2, \"width\": " + width + ", \"height\": " + height + ", \"timestamp\": " + timestamp
                    + ", \"title\": " + Json.string(title) + ", \"env\": {\"TERM\": " + Json.string(term)
                    + ", \"SHELL\": " + Json.string(shell) + "}}";
        }
    }

    /** Text the app wrote to the terminal. */
    public void output(String text) {
        event("o", text);
    }

    /** A key the user (or the autopilot) typed, as the terminal would have sent it. */
    public void input(String text) {
        event("i", text);
    }

    public void marker(String label) {
        event("m", label);
    }

    public void resize(int columns, int rows) {
        event("r", columns + "x" + rows);
    }

    private synchronized void event(String code, String data) {
        double seconds = (clock.getAsLong() - start) / 1e9;
        line(String.format(Locale.ROOT, "[%.6f, \"%s\", %s]", seconds, code, Json.string(data)));
    }

    /** Writes one line; after a failure (a full disk, say) it stops quietly and remembers why. */
    private synchronized void line(String json) {
        if (failure != null) {
            return;
        }
        try {
            out.write(json);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            failure = String.valueOf(e.getMessage());
        }
    }

    /** Null while every line was written; else why the recording stopped. */
    public synchronized String failure() {
        return failure;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
