package dev.stackviz.model;

import java.time.Duration;

/**
 * How a child process ended: killed by a signal, or exited with a status. {@code killedAfter} is
 * how long SIGTERM had left it running before SIGKILL, or null when no SIGKILL was needed.
 */
public record Fate(int signal, int exitStatus, Duration killedAfter) {

    private static final String[] NAMES = {"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    public static final int SIGSEGV = 11;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    public static Fate killedBy(int signal, Duration killedAfter) {
        return new Fate(signal, 0, killedAfter);
    }

    public static Fate exited(int status) {
        return new Fate(0, status, null);
    }

    public boolean bySignal() {
        return signal > 0;
    }

    /**
     * A signal a process raises on itself (a fault of the CPU, abort(3), a seccomp kill); any other
     * that ends a child nobody here asked to stop was sent from outside (kill(1), the OOM killer).
     */
    public boolean raisedByItself() {
        return switch (signal) {
            case 4, 5, 6, 7, 8, SIGSEGV, 31 -> true; // SIGILL SIGTRAP SIGABRT SIGBUS SIGFPE SIGSEGV SIGSYS
            default -> false;
        };
    }

    /** True if it was killed by a signal that it did not raise itself. */
    public boolean fromOutside() {
        return bySignal() && !raisedByItself();
    }

    public static String signalName(int signal) {
        return signal > 0 && signal < NAMES.length ? NAMES[signal] : "signal " + signal;
    }

    /** "was killed by SIGTERM (signal 15)", "exited with status 3". */
    public String describe() {
        if (!bySignal()) {
            return "exited with status " + exitStatus;
        }
        String how = "was killed by " + signalName(signal) + " (signal " + signal + ")";
        if (signal == SIGKILL && killedAfter != null) {
            how += " after SIGTERM left it running for " + Durations.human(killedAfter);
        }
        return how;
    }
}
