package dev.stackviz.tui;

import com.googlecode.lanterna.TerminalSize;
import dev.stackviz.view.Theme;
import dev.stackviz.view.Painter;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Opens the real terminal: always a text terminal on the TTY, never a Swing window. */
public final class Terminals {

    private Terminals() {
    }

    /** Null if the full-screen view can run here; else why not, in one sentence. */
    public static String whyNoTerminal() {
        String term = System.getenv("TERM");
        if (System.console() == null) {
            return "the full-screen view needs a terminal, and stdin/stdout are not one";
        }
        if (term == null || term.isEmpty() || term.equals("dumb")) {
            return "the full-screen view needs a terminal that understands escape codes, and TERM is "
                    + (term == null || term.isEmpty() ? "not set" : "'" + term + "'");
        }
        return null;
    }

    /** A terminal with no TTY: ANSI output to {@code out}, at a fixed size. */
    public static Terminal headless(OutputStream out, TerminalSize size) {
        return new HeadlessTerminal(out, size);
    }

    /** The TTY's size, from the tty driver; 80x24 if it does not say. */
    public static TerminalSize currentSize() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            String text = new String(stty.getInputStream().readAllBytes());
            stty.waitFor();
            TerminalSize size = SizedUnixTerminal.parse(text);
            return size != null ? size : new TerminalSize(Painter.MIN_COLUMNS, Painter.MIN_ROWS);
        } catch (IOException e) {
            return new TerminalSize(Painter.MIN_COLUMNS, Painter.MIN_ROWS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TerminalSize(Painter.MIN_COLUMNS, Painter.MIN_ROWS);
        }
    }

    /**
     * The terminal on {@code in} (stdin, or what records it) and {@code out}, in raw mode; Ctrl-Z is
     * answered from the moment raw mode is taken (see JobControl).
     */
    public static Terminal open(InputStream in, OutputStream out) throws IOException {
        return JobControl.taking(() -> new SizedUnixTerminal(in, out, Theme.terminalCharset()));
    }

    /** Standard input, the keys the terminal sends. */
    public static InputStream stdin() {
        return new FileInputStream(FileDescriptor.in);
    }

    /** See SizedUnixTerminal.takeOverShutdown: true if the caller now owns restoring at JVM exit. */
    public static boolean takeOverShutdown(Terminal terminal) {
        return terminal instanceof SizedUnixTerminal unix && unix.takeOverShutdown();
    }

    /**
     * Standard output for the terminal, buffered: Lanterna writes a frame a few bytes at a time and
     * flushes once at its end, so a frame leaves in one write(2). Closing the terminal must not
     * close fd 1, which picocli still uses.
     */
    public static OutputStream stdout() {
        return new FilterOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
