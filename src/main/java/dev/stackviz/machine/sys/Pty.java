package dev.stackviz.machine.sys;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A pseudo-terminal for a program's output: to the program, its stdout is a terminal (isatty is
 * true, so C stdio is line-buffered as in a terminal, not held in a 4 KB buffer until exit or a
 * crash); stackviz reads what it writes from the master side, {@link #output}. Output processing
 * (OPOST: \n written as \r\n) is off, so the bytes read are the bytes written.
 *
 * <p>The pty holds its own descriptor of the terminal side until {@link #close}: the master's reads
 * would otherwise end (EIO) before the program has opened it. Closing it ends the output once the
 * program's descriptors are closed too (it has ended).
 */
public final class Pty implements AutoCloseable {

    private static final int TERMIOS_SIZE = 60;
    private static final int C_OFLAG = 4;

    private final int master;
    private final int terminal;
    private final String path;
    private boolean closed;
    private boolean masterClosed;

    private Pty(int master, int terminal, String path) {
        this.master = master;
        this.terminal = terminal;
        this.path = path;
    }

    /** A new pty, its output processing off. */
    public static Pty open() throws IOException {
        Libc c = Libc.INSTANCE;
        int master;
        try {
            master = c.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("no pseudo-terminal for the program's output (posix_openpt: errno "
                    + e.getErrorCode() + ")");
        }
        try {
            c.grantpt(master);
            c.unlockpt(master);
            byte[] name = new byte[128];
            if (c.ptsname_r(master, name, name.length) != 0) {
                throw new IOException("ptsname_r failed");
            }
            int end = 0;
            while (end < name.length && name[end] != 0) {
                end++;
            }
            String path = new String(name, 0, end, StandardCharsets.US_ASCII);
            int terminal = c.open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
            byte[] termios = new byte[TERMIOS_SIZE + 4];
            c.tcgetattr(terminal, termios);
            termios[C_OFLAG] &= (byte) ~Libc.OPOST;
            c.tcsetattr(terminal, 0, termios); // TCSANOW
            return new Pty(master, terminal, path);
        } catch (LastErrorException e) {
            c.close(master);
            throw new IOException("no pseudo-terminal for the program's output (errno " + e.getErrorCode() + ")");
        }
    }

    /** The terminal side's path (/dev/pts/N), for the program to open as its stdout and stderr. */
    public String path() {
        return path;
    }

    /** What the program writes, as it writes it; it ends once the program and {@link #close} have closed the terminal side. */
    public InputStream output() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                byte[] into = offset == 0 ? buffer : new byte[length];
                while (true) {
                    synchronized (Pty.this) {
                        if (masterClosed) {
                            return -1;
                        }
                    }
                    long n;
                    try {
                        n = Libc.INSTANCE.read(master, into, length);
                    } catch (LastErrorException e) {
                        if (e.getErrorCode() == Libc.EINTR) {
                            continue;
                        }
                        release(); // EIO: every descriptor of the terminal side is closed
                        return -1;
                    }
                    if (n <= 0) {
                        release();
                        return -1;
                    }
                    if (into != buffer) {
                        System.arraycopy(into, 0, buffer, offset, (int) n);
                    }
                    return (int) n;
                }
            }

            @Override
            public void close() {
                release();
            }
        };
    }

    /** Closes this side's descriptor of the terminal: the output ends when the program's are closed too. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.INSTANCE.close(terminal);
        }
    }

    /** Closes the master too: at the output's end, or when its stream is closed. */
    private synchronized void release() {
        close();
        if (!masterClosed) {
            masterClosed = true;
            Libc.INSTANCE.close(master);
        }
    }
}
