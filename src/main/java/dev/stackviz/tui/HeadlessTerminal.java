package dev.stackviz.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A terminal of a fixed size with no TTY behind it: Lanterna's ANSI output goes to a stream (the
 * recording), and keys come only from the autopilot.
 */
final class HeadlessTerminal extends ANSITerminal implements Tty {

    private final TerminalSize size;

    HeadlessTerminal(OutputStream out, TerminalSize size) {
        super(new ByteArrayInputStream(new byte[0]), out, StandardCharsets.UTF_8);
        this.size = size;
    }

    @Override
    protected TerminalSize findTerminalSize() {
        return size;
    }

    @Override
    public void leaveBelow(int rows) throws java.io.IOException {
        setCursorPosition(0, rows - 1);
        writeToTerminal("\r\n".getBytes(StandardCharsets.US_ASCII));
        flush();
    }
}
