package dev.stackviz.machine;

import dev.stackviz.machine.sys.Posix;
import java.util.List;

/** What the terminal side needs of the operating system: a stop of its own (Ctrl-Z), a command in a session of its own. */
public final class Processes {

    private Processes() {
    }

    /** Stops this process as SIGTSTP's default action would (kill(getpid(), SIGTSTP)). */
    public static void suspendSelf() {
        Posix.kill(ProcessHandle.current().pid(), Posix.SIGTSTP);
    }

    /**
     * {@code command}, run through setsid(1) where there is one: in a session of its own, the
     * terminal's Ctrl-Z (SIGTSTP to the whole foreground process group) does not stop it half-way
     * while the app waits for it.
     */
    public static List<String> inOwnSession(List<String> command) {
        return Posix.inOwnSession(command);
    }
}
