package dev.stackviz.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.stackviz.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CastWriterTest {

    final AtomicLong clock = new AtomicLong(5_000_000_000L);

    CastWriter.Header header() {
        return new CastWriter.Header(80, 24, 1_795_000_000L, "stackviz \"test\"", "xterm-256color", "/bin/bash");
    }

    @Test
    void everyEventIsALineOfJsonWithSecondsSinceTheStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.cast");
        try (CastWriter cast = CastWriter.create(file, header(), clock::get)) {
            clock.addAndGet(1_500_000L);
            cast.output("\u001b[?1049h\u001b[1;1Hhello ◀ \"quoted\" \\ tab\t nul\u0000 bell\u0007 😀");
            clock.addAndGet(250_000_000L);
            cast.marker("step 2/6 top");
            cast.input("\u001b[C");
            cast.resize(100, 30);
            // a session killed here still leaves every line on disk: nothing waits for close
            Cast read = Cast.read(file);
            assertEquals(2, read.header().get("version").getAsInt());
            assertEquals("stackviz \"test\"", read.header().get("title").getAsString());
            assertEquals("/bin/bash", read.header().getAsJsonObject("env").get("SHELL").getAsString());
            assertEquals(List.of(
                    new Cast.Event(0.0015, "o", "\u001b[?1049h\u001b[1;1Hhello ◀ \"quoted\" \\ tab\t nul\u0000 bell\u0007 😀"),
                    new Cast.Event(0.2515, "m", "step 2/6 top"),
                    new Cast.Event(0.2515, "i", "\u001b[C"),
                    new Cast.Event(0.2515, "r", "100x30")), read.events());
        }
    }

    @Test
    void aWriteTheDiskRefusesHalfWayLeavesTheCastAtItsLastWholeEventAndSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("full.cast");
        int[] told = {0};
        try (CastWriter cast = CastWriter.start(new FillingChannel(file, 300), header(), clock::get)) {
            cast.onFailure(() -> told[0]++);
            cast.output("x".repeat(100));
            assertNull(cast.failure(), "the first event fits");
            cast.output("y".repeat(100)); // the disk fills in the middle of this line
            cast.marker("after");
            assertEquals("No space left on device", cast.failure());
            assertEquals(1, told[0], "told once, when it happened");
        }
        String text = Files.readString(file);
        assertTrue(text.endsWith("\"]\n"), text);
        assertEquals(List.of("x".repeat(100)), Cast.read(file).events().stream().map(Cast.Event::data).toList());
    }

    /** A file on a disk with {@code room} bytes free: the write that passes it writes what fits, the next fails. */
    static final class FillingChannel implements SeekableByteChannel {

        private final FileChannel file;
        private long room;

        FillingChannel(Path path, long room) throws IOException {
            this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.room = room;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (room == 0) {
                throw new IOException("No space left on device");
            }
            ByteBuffer fits = src.slice().limit((int) Math.min(room, src.remaining()));
            int written = file.write(fits);
            src.position(src.position() + written);
            room -= written;
            return written;
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            room += file.size() - size;
            file.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException("write only");
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public SeekableByteChannel position(long position) throws IOException {
            file.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    @Test
    void loneSurrogatesAreEscapedSoTheFileStaysValidUtf8() {
        String json = Json.string("a\ud800b");
        assertEquals("\"a\\ud800b\"", json);
        assertEquals("a\ud800b", JsonParser.parseString(json).getAsString());
    }

    @Test
    void recordingStreamPassesBytesThroughAndRecordsEachFlush(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.cast");
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        byte[] arrow = "◀".getBytes(StandardCharsets.UTF_8);
        try (CastWriter cast = CastWriter.create(file, header(), clock::get);
             RecordingOutputStream out = new RecordingOutputStream(terminal, cast)) {
            out.write("ab".getBytes(StandardCharsets.UTF_8));
            out.write(arrow, 0, 1); // a UTF-8 sequence split across two flushes
            out.flush();
            out.write(arrow, 1, 2);
            out.flush();
            out.flush();
        }
        assertEquals("ab◀", terminal.toString(StandardCharsets.UTF_8));
        List<Cast.Event> events = Cast.read(file).events();
        assertEquals(List.of("ab", "◀"), events.stream().map(Cast.Event::data).toList());
        assertTrue(Files.readString(file).endsWith("\n"));
    }
}
