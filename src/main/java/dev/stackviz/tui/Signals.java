package dev.stackviz.tui;

import dev.stackviz.machine.Processes;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals a full-screen program must answer itself (sun.misc.Signal: the JDK's only way, and
 * what Lanterna uses for SIGWINCH): Ctrl-Z, fg, and the terminating signals that the JVM would
 * otherwise let end the process with the tty left raw.
 */
final class Signals {

    /**
     * Signals whose default action ends the process and that the JVM lets an application handle.
     * HUP, INT and TERM run the JVM's shutdown hooks already; QUIT is the JVM's thread dump; ABRT
     * and TRAP belong to crash handling and debuggers; PIPE is ignored by the JVM, and so is XFSZ,
     * which the kernel sends the writer of a file past its size limit (ulimit -f): ignored, the write
     * fails with EFBIG instead, and a recording that stops there says so.
     */
    static final List<String> TERMINATING = List.of("USR1", "USR2", "ALRM", "VTALRM", "PROF", "IO", "PWR", "XCPU",
            "SYS", "STKFLT");

    private Signals() {
    }

    /** Runs {@code action} on SIGTSTP (Ctrl-Z, or kill -TSTP) instead of stopping at once. */
    static void onSuspend(Runnable action) {
        handle("TSTP", action);
    }

    /** Runs {@code action} on SIGCONT (fg, or kill -CONT after a SIGSTOP that no one could catch). */
    static void onContinue(Runnable action) {
        handle("CONT", action);
    }

    /**
     * Each terminating signal exits the JVM with 128 + its number instead, so that the shutdown hook
     * restores the terminal first (as a shell would report the signal).
     */
    static void exitCleanlyOnTerminatingSignals() {
        for (String name : TERMINATING) {
            try {
                Signal signal = new Signal(name);
                Signal.handle(signal, s -> new Thread(() -> System.exit(128 + s.getNumber()), "stackviz-exit").start());
            } catch (IllegalArgumentException e) {
                // this JVM or OS keeps that one to itself
            }
        }
    }

    /**
     * Stops this process as SIGTSTP would have (the shell then says "Stopped"), and returns once it
     * is continued. In an orphaned process group (no job control) the kernel discards the signal and
     * this returns at once.
     */
    static void stopSelf() {
        Signal tstp = new Signal("TSTP");
        SignalHandler ours = Signal.handle(tstp, SignalHandler.SIG_DFL);
        try {
            // not Signal.raise: it only raises signals that have a Java handler
            Processes.suspendSelf();
        } finally {
            Signal.handle(tstp, ours);
        }
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException e) {
            // not available here: the default action stands
        }
    }
}
