package dev.stackviz.machine.sys;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The pipe the target writes its line into with a raw write(2); a daemon thread reads the other
 * end and hands what arrives to the consumer. It ends when the write end is closed.
 */
public final class Pipe {

    private final int readEnd;
    private final int writeEnd;
    private final Thread reader;
    private boolean writeClosed;

    private Pipe(int[] fds, Consumer<String> output) {
        this.readEnd = fds[0];
        this.writeEnd = fds[1];
        this.reader = new Thread(() -> drain(output), "stackviz-target-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static Pipe open(Consumer<String> output) {
        int[] fds = new int[2];
        Libc.INSTANCE.pipe2(fds, Libc.O_CLOEXEC);
        return new Pipe(fds, output);
    }

    public int writeEnd() {
        return writeEnd;
    }

    private void drain(Consumer<String> output) {
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                long n;
                try {
                    n = Libc.INSTANCE.read(readEnd, buffer, buffer.length);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Libc.EINTR) {
                        continue;
                    }
                    break;
                }
                if (n <= 0) {
                    break;
                }
                output.accept(new String(buffer, 0, (int) n, StandardCharsets.UTF_8));
            }
        } finally {
            Libc.INSTANCE.close(readEnd);
        }
    }

    /** Closes the write end: only once the target is back, since it holds the number. */
    public synchronized void closeWriteEnd() {
        if (!writeClosed) {
            writeClosed = true;
            Libc.INSTANCE.close(writeEnd);
        }
    }

    /** Waits for the reader to see end-of-file and close the read end. */
    public void awaitDrained(long waitMillis) throws InterruptedException {
        reader.join(waitMillis);
    }
}
