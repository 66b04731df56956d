package dev.stackviz.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingOutputStreamTest {

    static final CastWriter.Header HEADER = new CastWriter.Header(80, 24, 1_795_000_000L, "stackviz", "xterm", "/bin/sh");

    /** A terminal that buffers, as stdout does, and says whether it was closed. */
    static final class Terminal extends BufferedOutputStream {
        final ByteArrayOutputStream shown;
        boolean closed;

        Terminal(ByteArrayOutputStream shown) {
            super(shown);
            this.shown = shown;
        }

        @Override
        public void close() throws java.io.IOException {
            closed = true;
            super.close();
        }

        String text() {
            return shown.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachFlushReachesTheTerminalAndBecomesOneEvent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.cast");
        Terminal terminal = new Terminal(new ByteArrayOutputStream());
        try (CastWriter cast = CastWriter.create(file, HEADER, () -> 0);
             RecordingOutputStream out = new RecordingOutputStream(terminal, cast)) {
            out.write('h');
            out.write('i');
            out.flush();
            assertEquals("hi", terminal.text(), "flushed through to the terminal");
            out.write("\u001b[2J".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        assertEquals(List.of("hi", "\u001b[2J"), Cast.read(file).events().stream().map(Cast.Event::data).toList());
    }

    @Test
    void closingRecordsWhatWasNotFlushedAndClosesTheTerminal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.cast");
        Terminal terminal = new Terminal(new ByteArrayOutputStream());
        try (CastWriter cast = CastWriter.create(file, HEADER, () -> 0)) {
            RecordingOutputStream out = new RecordingOutputStream(terminal, cast);
            out.write("\u001b[?1049l bye".getBytes(StandardCharsets.UTF_8));
            out.close();
        }
        assertTrue(terminal.closed, "the terminal is closed with it");
        assertEquals("\u001b[?1049l bye", terminal.text());
        assertEquals(List.of("\u001b[?1049l bye"), Cast.read(file).events().stream().map(Cast.Event::data).toList());
    }
}
