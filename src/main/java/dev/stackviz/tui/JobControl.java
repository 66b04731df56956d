package dev.stackviz.tui;

/**
 * Ctrl-Z from the moment the terminal is raw. The UI loop answers SIGTSTP itself once it runs
 * (leaves the screen, stops, comes back); before that (the terminal set up, the machine still
 * opening) this does the same on the signal's thread. Without it, a SIGTSTP that lands between
 * taking raw mode and the loop's start stopped the process by default, and the shell's fg came
 * back to a cooked tty: keys echoed and acted only after Enter.
 */
final class JobControl {

    private static final Object LOCK = new Object();
    private static boolean installed;
    private static Tty tty;
    private static Runnable loop;

    private JobControl() {
    }

    /** The handler, installed before the terminal is taken: until then a suspend is a plain stop. */
    static void install() {
        synchronized (LOCK) {
            if (!installed) {
                installed = true;
                Signals.onSuspend(JobControl::suspendRequested);
            }
        }
    }

    /** Opens the terminal (which takes raw mode) with no suspend in between. */
    static <T extends Tty> T taking(IoSupplier<T> opening) throws java.io.IOException {
        install();
        synchronized (LOCK) {
            T opened = opening.get();
            tty = opened;
            return opened;
        }
    }

    /** From now on a suspend is {@code loopSuspend}'s to do (null: the terminal is given back, a plain stop). */
    static void handOver(Runnable loopSuspend) {
        synchronized (LOCK) {
            loop = loopSuspend;
            if (loopSuspend == null) {
                tty = null;
            }
        }
    }

    private static void suspendRequested() {
        // the same Ctrl-Z stopped a child Java was still spawning (a stty of the set-up, whose start
        // holds the lock below): let it finish starting, or the suspend waits for it for ever
        dev.stackviz.machine.Processes.continueHalfStartedChildren();
        synchronized (LOCK) {
            if (loop != null) {
                loop.run();
                return;
            }
            try {
                if (tty != null) {
                    tty.suspend();
                }
                Signals.stopSelf();
                if (tty != null) {
                    tty.resume();
                }
            } catch (java.io.IOException e) {
                // the terminal is gone: the UI loop finds out when it next reads or writes
            }
        }
    }

    /** A supplier that may fail with an IOException. */
    interface IoSupplier<T> {
        T get() throws java.io.IOException;
    }
}
