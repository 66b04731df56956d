package dev.stackviz.record;

import dev.stackviz.model.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        return create(file, header, clock, Duration.ofDays(1));
    }

    /**
     * As {@link #create(Path, Header, LongSupplier)}, failing if the file does not open within
     * {@code wait}: opening a FIFO blocks until something reads it, and nothing may.
     */
    public static CastWriter create(Path file, Header header, LongSupplier clock, Duration wait) throws IOException {
        CompletableFuture<BufferedWriter> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "stackviz-cast-open");
            thread.setDaemon(true); // a FIFO's open that never returns must not keep the JVM alive
            thread.start();
        });
        BufferedWriter out;
        try {
            out = opening.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(Files.isRegularFile(file) ? "it did not open within " + wait.toMillis() + " ms"
                    : "it is a pipe (FIFO) or device that nothing reads");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        CastWriter cast = new CastWriter(out, clock);
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

    /** Why a file could not be opened, in words ("permission denied"), not only its name. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(e.getMessage());
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
