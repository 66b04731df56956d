package dev.stackviz.record;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes every byte the terminal sent to the reader unchanged, and records each key in it as an
 * "i" event, as it is read: the bytes the terminal sent, whatever the reader makes of them.
 */
public final class RecordingInputStream extends FilterInputStream {

    private final CastWriter cast;
    private final Keystrokes keys = new Keystrokes();

    public RecordingInputStream(InputStream terminal, CastWriter cast) {
        super(terminal);
        this.cast = cast;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            record(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            record(b, off, n);
        }
        return n;
    }

    private synchronized void record(byte[] b, int off, int len) {
        for (byte[] key : keys.split(b, off, len)) {
            cast.input(new String(key, StandardCharsets.UTF_8));
        }
    }
}
