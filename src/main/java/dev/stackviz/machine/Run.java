package dev.stackviz.machine;

import dev.stackviz.model.Fate;
import dev.stackviz.model.Registers;
import java.time.Duration;

/** One switch to the target, from the moment the thread leaves until it is back (or its process is gone). */
public interface Run {

    /** The target's heartbeat, read from its slot in the stack. */
    long heartbeat();

    /** The rsp the target reported at its first instruction, or 0 before it has run (or if it was never read). */
    long wokeRsp();

    /** What the target's write(2) (or puts) returned: bytes written, -errno, or 0 before it wrote. */
    long written();

    /** seed-hello: rsp just before its call into the C library; 0 for the other targets. */
    default long callRsp() {
        return 0;
    }

    /** Asks the target to go back to the thread that switched to it (in a child: SIGTERM). Returns at once. */
    void requestStop();

    /** Waits for the switching thread to be back on its own stack (a child: to be gone). */
    boolean awaitReturn(Duration timeout) throws InterruptedException;

    boolean hasReturned();

    /** The switching thread's callee-saved registers, as sv_switch saved them; null after a one-way jump. */
    Registers saved();

    /** True for the seed's one-way jump: nothing was saved, the target can only be ended from outside. */
    default boolean oneWay() {
        return false;
    }

    /** True while a child is stopped by a signal (SIGSTOP) or a debugger: its target stands still. */
    default boolean stopped() {
        return false;
    }

    /** How a child that cannot come back ended; null while it runs, and for a thread that returned. */
    default Fate fate() {
        return null;
    }

    /** System.nanoTime() when the thread switched, when a stop was asked, when it was back (0 if not yet). */
    long switchedAt();

    long stopRequestedAt();

    long returnedAt();

    /** The switching thread's kernel thread id (-1 when simulated or in a child). */
    int threadId();
}
