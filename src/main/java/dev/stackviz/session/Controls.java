package dev.stackviz.session;

/** What the UI loop asks of a session, whichever view it is: keys in, and whether to draw again. */
public interface Controls extends AutoCloseable {

    /**
     * Ctrl-Z reaches a session only where TuiApp has no terminal to suspend (headless, a key
     * script): the key then says why it does nothing.
     */
    String NO_TERMINAL_TO_SUSPEND = "Ctrl-Z suspends the view in a terminal; headless, there is none to give back";

    /** What a key does before its view's table is asked, the same in every view. */
    enum KeyFirst {
        /** Ctrl-C or the end of input: quit, help open or not. */
        QUIT,
        /** The help is open: any other key closes it, and does nothing else. */
        CLOSE_OVERLAY,
        /** The view's key table says. */
        VIEW
    }

    static KeyFirst first(String key, boolean overlayShown) {
        if (key.equals("ctrl-c") || key.equals("eof")) {
            return KeyFirst.QUIT;
        }
        return overlayShown ? KeyFirst.CLOSE_OVERLAY : KeyFirst.VIEW;
    }

    /** A key by name, as the key table names it. */
    void press(String key);

    /** Something runs: redraw at least every LIVE_MILLIS. */
    boolean live();

    boolean overlayShown();

    boolean quitRequested();

    /** The app is about to stop (Ctrl-Z); {@link #resume} follows. */
    void pause();

    void resume();

    /** Told whenever something changed that no key caused (the target wrote, the scheduler returned). */
    void onChange(Runnable listener);

    @Override
    void close();
}
