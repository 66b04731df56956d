package dev.stackviz.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Passes every byte to the terminal unchanged, and at each flush records what was written since
 * the last one as an "o" event. A UTF-8 sequence split across two flushes is kept for the next.
 */
public final class RecordingOutputStream extends OutputStream {

    private final OutputStream terminal;
    private final CastWriter cast;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer carry = ByteBuffer.allocate(0);

    public RecordingOutputStream(OutputStream terminal, CastWriter cast) {
        this.terminal = terminal;
        this.cast = cast;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        terminal.write(b);
        pending.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        terminal.write(b, off, len);
        pending.write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        terminal.flush();
        if (pending.size() == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        pending.reset();
        ByteBuffer in = ByteBuffer.allocate(carry.remaining() + bytes.length).put(carry).put(bytes).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        carry = in.slice();
        out.flip();
        if (out.hasRemaining()) {
            cast.output(out.toString());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        terminal.close();
    }
}
