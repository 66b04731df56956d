package dev.stackviz.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingInputStreamTest {

    static final CastWriter.Header HEADER = new CastWriter.Header(80, 24, 1_795_000_000L, "stackviz", "xterm", "/bin/sh");

    /** A tty: each read returns one of the chunks the terminal wrote, as the tty driver hands them on. */
    static final class Tty extends InputStream {
        private final Deque<byte[]> chunks = new ArrayDeque<>();

        Tty(byte[]... chunks) {
            this.chunks.addAll(List.of(chunks));
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (chunks.isEmpty()) {
                return -1;
            }
            byte[] chunk = chunks.pop();
            int n = Math.min(len, chunk.length);
            System.arraycopy(chunk, 0, b, off, n);
            if (n < chunk.length) {
                chunks.push(Arrays.copyOfRange(chunk, n, chunk.length));
            }
            return n;
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachKeyTheTerminalSentIsOneEventOfItsBytesAndTheReaderGetsThemAll(@TempDir Path dir) throws Exception {
        byte[] emoji = utf8("\uD83D\uDE00");
        byte[] first = concat(utf8("\u001bOP\u001b[5~\u001b[1~\u001b[3~\u0001\u001bx\u001b[1;5D\u001b[[A"),
                Arrays.copyOf(emoji, 2)); // the emoji cut by the end of the read
        byte[] second = concat(Arrays.copyOfRange(emoji, 2, 4), utf8("\u001b"));
        byte[] third = concat(utf8("é\u001bé"), new byte[] {(byte) 0xff});
        Path file = dir.resolve("keys.cast");
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (CastWriter cast = CastWriter.create(file, HEADER, System::nanoTime);
             InputStream in = new RecordingInputStream(new Tty(first, second, third), cast)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.write(buffer, 0, n);
            }
        }
        assertArrayEquals(concat(first, second, third), read.toByteArray(), "the reader gets every byte unchanged");
        List<String> typed = Cast.read(file).events().stream().map(Cast.Event::data).toList();
        assertEquals(List.of("\u001bOP", "\u001b[5~", "\u001b[1~", "\u001b[3~", "\u0001", "\u001bx", "\u001b[1;5D",
                "\u001b[[A", "\uD83D\uDE00", "\u001b", "é", "\u001bé", "\uFFFD"), typed);
        String json = Files.readString(file);
        assertEquals(false, json.contains("\\ud83d"), "the emoji is one character, not escaped halves: " + json);
    }

    @Test
    void aByteAtATimeStillMakesOneEventAKeyOnceItsCharacterIsWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bytes.cast");
        try (CastWriter cast = CastWriter.create(file, HEADER, System::nanoTime);
             InputStream in = new RecordingInputStream(new Tty(utf8("ä\uD83D\uDE00q")), cast)) {
            while (in.read() >= 0) {
                // each read() hands on one byte
            }
        }
        assertEquals(List.of("ä", "\uD83D\uDE00", "q"),
                Cast.read(file).events().stream().map(Cast.Event::data).toList());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
