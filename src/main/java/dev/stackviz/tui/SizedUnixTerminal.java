package dev.stackviz.tui;

import com.googlecode.lanterna.TerminalSize;
import dev.stackviz.machine.Processes;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import dev.stackviz.view.Painter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Lanterna's Unix terminal, made a good citizen of every terminal:
 * <ul>
 * <li>stty runs on the terminal that stdin is, not on /dev/tty, which a process without a
 * controlling terminal (setsid, su) does not have even when stdin and stdout are a working tty;</li>
 * <li>the size comes from the tty driver (stty size, the TIOCGWINSZ ioctl) instead of a
 * cursor-position query that a terminal like `script` never answers (Lanterna waits 5 s);</li>
 * <li>it can step aside for Ctrl-Z and come back ({@link #suspend}, {@link #resume}).</li>
 * </ul>
 */
final class SizedUnixTerminal extends UnixTerminal implements Tty {

    private boolean rawModeSet;
    /** Whether {@link #suspend} left the alternate screen, so that {@link #resume} enters it again. */
    private boolean leftPrivateMode;

    SizedUnixTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    /** stty (and only stty runs here) with the terminal stdin is as its own stdin. */
    @Override
    protected String exec(String... command) throws IOException {
        // in a session of its own: a Ctrl-Z typed while stty runs stopped stty too, and the app, its
        // SIGTSTP handler waiting for the terminal that stty was setting up, hung (JobControlIT)
        Process process = new ProcessBuilder(Processes.inOwnSession(java.util.List.of(command)))
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", command).replaceFirst("^\\S+ ", "")
                        + " failed: stdin is not a terminal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out.replace("\n", "");
    }

    /**
     * One stty for what Lanterna does in four (-icanon; min 1; -echo; intr undef): each is a fork
     * and exec, some 5-10 ms of start-up. Lanterna calls this first, then the two below. With
     * noflsh, Ctrl-Z does not make the tty driver throw away the keys typed before it that the app
     * has not read yet (an e typed just before Ctrl-Z was lost); the shell's own mode comes back on
     * suspend.
     */
    @Override
    protected void canonicalMode(boolean enabled) throws IOException {
        if (enabled) {
            super.canonicalMode(true);
            return;
        }
        runSTTYCommand("-icanon", "min", "1", "-echo", "intr", "undef", "noflsh");
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

    @Override
    public void leaveBelow(int rows) throws IOException {
        setCursorPosition(0, rows - 1);
        writeToTerminal("\r\n".getBytes(StandardCharsets.US_ASCII));
        flush();
    }

    /** Ctrl-Z: the main screen and the shell's tty mode back, as they were before we started. */
    @Override
    public void suspend() throws IOException {
        try {
            exitPrivateMode();
            leftPrivateMode = true;
        } catch (IllegalStateException notInIt) {
            // not on it yet (still starting), or already left
        }
        restoreTerminalSettings();
    }

    /** fg: our mode and the alternate screen again; the caller draws a complete frame. */
    @Override
    public void resume() throws IOException {
        canonicalMode(false);
        if (leftPrivateMode) {
            leftPrivateMode = false;
            enterPrivateMode();
        }
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
