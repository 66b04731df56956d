package dev.stackviz.machine.trace;

/**
 * What waitpid(2) said about a traced thread, decoded once (as nix's {@code WaitStatus} does in
 * Rust) instead of shifted and masked wherever it is read. include/uapi/linux/wait.h's layout:
 * an end has the signal (or 0) in the low 7 bits and the exit code above; a stop has 0x7f in the
 * low byte, the signal above it and, for a ptrace event, the event number above that.
 */
public sealed interface WaitStatus {

    /** PTRACE_EVENT_STOP: with PTRACE_SEIZE, the stop of PTRACE_INTERRUPT or of a group-stop. */
    int EVENT_STOP = 128;
    int SIGTRAP = 5;

    /** The thread exited with {@code code}. */
    record Exited(int code) implements WaitStatus {
    }

    /** The thread was ended by {@code signal}. */
    record Killed(int signal, boolean coreDumped) implements WaitStatus {
    }

    /**
     * Stopped with {@code signal}: a signal about to be delivered, or SIGTRAP at the end of a step
     * or at a breakpoint.
     */
    record Stopped(int signal) implements WaitStatus {
    }

    /** Stopped at ptrace event {@code event} ({@link #EVENT_STOP}: an interrupt or a group-stop by {@code signal}). */
    record EventStop(int event, int signal) implements WaitStatus {
    }

    static WaitStatus of(int raw) {
        if ((raw & 0xff) == 0x7f) {
            int signal = (raw >> 8) & 0xff;
            int event = (raw >> 16) & 0xffff;
            return event == 0 ? new Stopped(signal) : new EventStop(event, signal);
        }
        int signal = raw & 0x7f;
        return signal == 0 ? new Exited((raw >> 8) & 0xff) : new Killed(signal, (raw & 0x80) != 0);
    }

    /** How an ended thread ended: its signal or its exit status; null while it is there (stopped). */
    default dev.stackviz.model.Fate fate() {
        return this instanceof Killed killed ? dev.stackviz.model.Fate.killedBy(killed.signal(), null)
                : this instanceof Exited exited ? dev.stackviz.model.Fate.exited(exited.code()) : null;
    }

    /** True while the thread is there (stopped); false once it has ended. */
    default boolean stopped() {
        return this instanceof Stopped || this instanceof EventStop;
    }
}
