package dev.stackviz.tui;

import com.googlecode.lanterna.TerminalSize;
import dev.stackviz.view.Painter;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.Charset;

/**
 * Lanterna's Unix terminal, but it asks the tty driver for the size (stty size, i.e. the
 * TIOCGWINSZ ioctl) instead of sending a cursor-position query and waiting up to 5 s for an
 * answer that a terminal like `script` never gives.
 */
final class SizedUnixTerminal extends UnixTerminal {

    private boolean rawModeSet;

    SizedUnixTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    /**
     * One stty for what Lanterna does in four (-icanon; min 1; -echo; intr undef): each is a fork
     * and exec, some 5-10 ms of start-up. Lanterna calls this first, then the two below.
     */
    @Override
    protected void canonicalMode(boolean enabled) throws IOException {
        if (enabled) {
            super.canonicalMode(true);
            return;
        }
        runSTTYCommand("-icanon", "min", "1", "-echo", "intr", "undef");
        rawModeSet = true;
    }

    @Override
    protected void keyEchoEnabled(boolean enabled) throws IOException {
        if (enabled || !rawModeSet) {
            super.keyEchoEnabled(enabled);
        }
    }

    @Override
    protected void keyStrokeSignalsEnabled(boolean enabled) throws IOException {
        if (enabled || !rawModeSet) {
            super.keyStrokeSignalsEnabled(enabled);
        }
    }

    @Override
    protected TerminalSize findTerminalSize() throws IOException {
        TerminalSize size = parse(runSTTYCommand("size"));
        return size != null ? size : new TerminalSize(Painter.MIN_COLUMNS, Painter.MIN_ROWS);
    }

    /**
     * Removes Lanterna's shutdown hook, which leaves the alternate screen at JVM exit (SIGTERM,
     * SIGHUP) while the UI loop may still be drawing: a frame drawn after it lands on the user's
     * main screen. The caller's own hook then stops the loop first and restores the terminal after.
     * Returns false (and leaves Lanterna's hook) if this Lanterna has no such field.
     */
    boolean takeOverShutdown() {
        try {
            Field field = UnixLikeTerminal.class.getDeclaredField("shutdownHook");
            field.setAccessible(true);
            return Runtime.getRuntime().removeShutdownHook((Thread) field.get(this));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** "rows columns" as stty prints it; null if it is not that, or says 0 0 (no size set). */
    static TerminalSize parse(String stty) {
        if (stty == null) {
            return null;
        }
        String[] parts = stty.trim().split("\\s+");
        if (parts.length != 2) {
            return null;
        }
        try {
            int rows = Integer.parseInt(parts[0]);
            int columns = Integer.parseInt(parts[1]);
            return rows > 0 && columns > 0 ? new TerminalSize(columns, rows) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
