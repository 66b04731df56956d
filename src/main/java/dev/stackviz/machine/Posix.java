package dev.stackviz.machine;

import java.io.IOException;

/** kill(2), for the terminal's own use (Ctrl-Z stops the app as SIGTSTP's default action would). */
public final class Posix {

    /** include/uapi/asm-generic/signal.h */
    public static final int SIGTSTP = 20;

    private Posix() {
    }

    /** Sends {@code signal} to {@code pid}: through libc, or where JNA did not load, through kill(1). */
    public static void kill(long pid, int signal) {
        try {
            Libc.INSTANCE.kill((int) pid, signal);
        } catch (RuntimeException | LinkageError e) {
            try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
            } catch (IOException ignored) {
                // no way to send it: the caller goes on as if it had been continued
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
