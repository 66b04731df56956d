package dev.stackviz.tui;

import java.io.IOException;

/** What the UI loop asks of a terminal beyond Lanterna's: leaving cleanly, and stepping aside for Ctrl-Z. */
interface Tty {

    /**
     * Puts the cursor on a fresh line below everything drawn in {@code rows} rows. Written while
     * still on the alternate screen: there the newline scrolls nothing that stays; on a terminal
     * without one (GNU screen's default) the shell's prompt then starts below the last frame.
     */
    void leaveBelow(int rows) throws IOException;

    /** Gives the terminal back to the shell (main screen, its tty mode), for a while. */
    default void suspend() throws IOException {
    }

    /** Takes it again after {@link #suspend}. */
    default void resume() throws IOException {
    }
}
