package dev.stackviz.machine;

import java.io.IOException;

/** kill(2), for the terminal's own use (Ctrl-Z stops the app as SIGTSTP's default action would). */
public final class Posix {

    /** include/uapi/asm-generic/signal.h */
    public static final int SIGTSTP = 20;

    /**
     * util-linux's setsid(1), where it is (an image run with a bare PATH finds it here too). A
     * command run through it is in a session of its own, so the terminal's Ctrl-Z (SIGTSTP to the
     * whole foreground process group) does not stop it half-way while the app waits for it. It does
     * not fork when started from Java (a spawned child leads no group), so the pid stays the command's.
     */
    public static final java.util.Optional<java.nio.file.Path> SETSID = java.util.stream.Stream.of("/usr/bin/setsid",
            "/bin/setsid").map(java.nio.file.Path::of).filter(java.nio.file.Files::isExecutable).findFirst();

    /** {@code command}, run through setsid where there is one. */
    public static java.util.List<String> inOwnSession(java.util.List<String> command) {
        java.util.List<String> all = new java.util.ArrayList<>();
        SETSID.ifPresent(setsid -> all.add(setsid.toString()));
        all.addAll(command);
        return all;
    }

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
