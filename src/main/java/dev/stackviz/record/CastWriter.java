package dev.stackviz.record;

import dev.stackviz.model.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
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
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * An asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header line, then
 * one JSON array per event, [seconds, code, data]. Every line goes to the file as it is written, so
 * a session killed half-way still leaves a cast that plays; a line the file system refuses half-way
 * (a full disk) is cut off again, so that the cast ends at its last whole event.
 */
public final class CastWriter implements Closeable {

    private final SeekableByteChannel out;
    private final LongSupplier clock;
    private final long start;
    /** Bytes of whole lines in the file: where a line cut short by a failed write is cut back to. */
    private long whole;
    private String failure;
    private Runnable onFailure = () -> { };

    private CastWriter(SeekableByteChannel out, LongSupplier clock) {
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
        CompletableFuture<SeekableByteChannel> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "stackviz-cast-open");
            thread.setDaemon(true); // a FIFO's open that never returns must not keep the JVM alive
            thread.start();
        });
        SeekableByteChannel out;
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
        return start(out, header, clock);
    }

    /** Writes the header on {@code out}, a file just opened (a test's may fail as a full disk would). */
    static CastWriter start(SeekableByteChannel out, Header header, LongSupplier clock) throws IOException {
        CastWriter cast = new CastWriter(out, clock);
        cast.line(header.toJson());
        if (cast.failure != null) {
            cast.close();
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

    /**
     * Writes one line. After a failure (a full disk, say) it cuts off what part of the line was
     * written, writes nothing more, remembers why and tells {@link #onFailure}'s listener once.
     */
    private synchronized void line(String json) {
        if (failure != null) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            whole += bytes.limit();
        } catch (IOException e) {
            failure = String.valueOf(e.getMessage());
            cutBack();
            onFailure.run();
        }
    }

    private void cutBack() {
        try {
            out.truncate(whole);
        } catch (IOException | UnsupportedOperationException e) {
            // a pipe or a device: what it took is gone already, and nothing can be cut
        }
    }

    /** Runs {@code listener} when a line fails to be written: the view shows it at once. */
    public synchronized void onFailure(Runnable listener) {
        this.onFailure = listener;
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
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = String.valueOf(e.getMessage());
            }
        }
    }
}
