package dev.stackviz.machine.isolated;

import dev.stackviz.machine.Run;
import dev.stackviz.machine.TracedRun;
import dev.stackviz.machine.sys.NativeLayout;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Trace;
import dev.stackviz.model.TraceStep;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A child that has made the one-way jump: it runs until it dies or is killed. */
class IsolatedRun implements Run {

    /** SIGKILL cannot be caught or ignored; a process it does not end within this is stuck in the kernel. */
    private static final Duration SIGKILL_WAIT = Duration.ofSeconds(5);
    /** The moat below base is sampled this often at first, then half as often each time, down to once a second. */
    private static final long FIRST_SAMPLE_NANOS = 5_000_000L;
    private static final long LAST_SAMPLE_NANOS = 1_000_000_000L;

    private final IsolatedMachine machine;
    private final Process process;
    private final Duration grace;
    private final long switchedAt = System.nanoTime();
    private volatile long stopRequestedAt;
    private volatile long killedAt;
    private volatile long returnedAt;
    private volatile long lastHeartbeat;
    private volatile long wokeRsp;
    private volatile long written;
    private volatile long callRsp;

    IsolatedRun(IsolatedMachine machine, Process process, Duration grace) {
        this.machine = machine;
        this.process = process;
        this.grace = grace;
        process.onExit().thenRun(() -> returnedAt = System.nanoTime());
        Thread watcher = new Thread(this::watch, "stackviz-child-watch-" + process.pid());
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Reads what the target reports, and its stack, while the child lives: once it is gone, nothing can
     * be read, and what a dump or the view says of it comes from these last reads.
     */
    private void watch() {
        long interval = FIRST_SAMPLE_NANOS;
        long nextSample = System.nanoTime();
        while (process.isAlive()) {
            wokeRsp();
            heartbeat();
            machine.readWindow(); // the last bytes read stay at most a few ms older than the child's death
            if (System.nanoTime() >= nextSample) {
                machine.sampleBelow();
                nextSample = System.nanoTime() + interval;
                interval = Math.min(LAST_SAMPLE_NANOS, interval * 2);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public long heartbeat() {
        if (process.isAlive()) {
            try {
                lastHeartbeat = IsolatedMachine.fromBytes(machine.readLive(machine.heartbeatSlot(), 8));
            } catch (IOException e) {
                // gone, or not readable: the last value read stands
            }
        }
        return lastHeartbeat;
    }

    @Override
    public long wokeRsp() {
        if ((wokeRsp == 0 || written == 0) && process.isAlive()) {
            try {
                wokeRsp = block(NativeLayout.BLK_WOKE_RSP);
                written = block(NativeLayout.BLK_WRITTEN);
                callRsp = block(NativeLayout.BLK_CALL_RSP);
            } catch (IOException e) {
                // not readable: unknown
            }
        }
        return wokeRsp;
    }

    private long block(int offset) throws IOException {
        return IsolatedMachine.fromBytes(machine.readLive(machine.block() + offset, 8));
    }

    @Override
    public long written() {
        wokeRsp();
        return written;
    }

    @Override
    public long callRsp() {
        wokeRsp();
        return callRsp;
    }

    /** SIGTERM now (a traced thread is let go first); {@link #awaitReturn} follows with SIGKILL after the grace. */
    @Override
    public void requestStop() {
        if (stopRequestedAt == 0) {
            stopRequestedAt = System.nanoTime();
        }
        letGo();
        process.destroy();
    }

    /** A traced thread is let go before it is signalled (a held thread would not act on SIGTERM). */
    void letGo() {
    }

    /**
     * Waits up to {@code timeout} for the child to end, sending SIGKILL once SIGTERM has had the
     * grace period. A child sent SIGKILL is then waited for until it is gone (SIGKILL_WAIT at
     * most): it cannot refuse, so "not back" would be untrue.
     */
    @Override
    public boolean awaitReturn(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < end) {
            if (stopRequestedAt != 0 && killedAt == 0 && System.nanoTime() - stopRequestedAt >= grace.toNanos()) {
                kill();
            }
            process.waitFor(Math.max(1, Math.min(20, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
        }
        if (process.isAlive() && stopRequestedAt != 0 && killedAt == 0) {
            kill();
        }
        if (killedAt != 0) {
            process.waitFor(SIGKILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        awaitExitTime();
        return hasReturned();
    }

    private void kill() {
        killedAt = System.nanoTime();
        process.destroyForcibly();
    }

    /** The exit time is set by onExit's callback, on another thread, just after the process is reaped. */
    private void awaitExitTime() throws InterruptedException {
        long end = System.nanoTime() + 1_000_000_000L;
        while (!process.isAlive() && returnedAt == 0 && System.nanoTime() < end) {
            Thread.sleep(1);
        }
    }

    @Override
    public boolean hasReturned() {
        return !process.isAlive() && returnedAt != 0;
    }

    @Override
    public boolean stopped() {
        return process.isAlive() && machine.stopped();
    }

    @Override
    public Registers saved() {
        return null;
    }

    @Override
    public boolean oneWay() {
        return true;
    }

    /** How the child ended. Java reports a death by signal N as exit value 128 + N. */
    @Override
    public Fate fate() {
        if (process.isAlive()) {
            return null;
        }
        int status = process.exitValue();
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            return Fate.killedBy(signal, signal == Fate.SIGKILL && killedAt != 0 && stopRequestedAt != 0
                    ? Duration.ofNanos(killedAt - stopRequestedAt) : null);
        }
        return Fate.exited(status);
    }

    @Override
    public long switchedAt() {
        return switchedAt;
    }

    @Override
    public long stopRequestedAt() {
        return stopRequestedAt;
    }

    @Override
    public long returnedAt() {
        return returnedAt;
    }

    @Override
    public int threadId() {
        return -1;
    }

    /** The same child, its jumping thread held by the tracer ({@link TracedJump}) from sv_jump on. */
    static final class Traced extends IsolatedRun implements TracedRun {

        private final TracedJump tracer;

        Traced(IsolatedMachine machine, Process process, Duration grace, TracedJump tracer) {
            super(machine, process, grace);
            this.tracer = tracer;
        }

        @Override
        public Trace trace() {
            return tracer.trace();
        }

        @Override
        public TraceStep stepInstruction() {
            return tracer.step();
        }

        @Override
        public void untrace() {
            tracer.close();
        }

        @Override
        void letGo() {
            untrace();
        }
    }
}
