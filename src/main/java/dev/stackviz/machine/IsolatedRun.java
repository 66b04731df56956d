package dev.stackviz.machine;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A child that has made the one-way jump: it runs until it dies or is killed. */
final class IsolatedRun implements Run {

    private static final String[] SIGNALS = {"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

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

    IsolatedRun(IsolatedMachine machine, Process process, Duration grace) {
        this.machine = machine;
        this.process = process;
        this.grace = grace;
        process.onExit().thenRun(() -> returnedAt = System.nanoTime());
        Thread watcher = new Thread(this::watch, "stackviz-child-watch-" + process.pid());
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Reads what the target reports while the child lives: once it is gone, nothing can be read. */
    private void watch() {
        while (process.isAlive()) {
            wokeRsp();
            heartbeat();
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
                wokeRsp = IsolatedMachine.fromBytes(machine.readLive(machine.block() + NativeLayout.BLK_WOKE_RSP, 8));
                written = IsolatedMachine.fromBytes(machine.readLive(machine.block() + NativeLayout.BLK_WRITTEN, 8));
            } catch (IOException e) {
                // not readable: unknown
            }
        }
        return wokeRsp;
    }

    @Override
    public long written() {
        wokeRsp();
        return written;
    }

    /** SIGTERM now; {@link #awaitReturn} follows with SIGKILL once the grace period is over. */
    @Override
    public void requestStop() {
        if (stopRequestedAt == 0) {
            stopRequestedAt = System.nanoTime();
        }
        process.destroy();
    }

    @Override
    public boolean awaitReturn(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < end) {
            if (stopRequestedAt != 0 && killedAt == 0 && System.nanoTime() - stopRequestedAt >= grace.toNanos()) {
                killedAt = System.nanoTime();
                process.destroyForcibly();
            }
            process.waitFor(Math.max(1, Math.min(20, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
        }
        if (process.isAlive() && stopRequestedAt != 0 && killedAt == 0) {
            killedAt = System.nanoTime();
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
        }
        awaitExitTime();
        return hasReturned();
    }

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
    public Registers saved() {
        return null;
    }

    /** How the child ended. Java reports a death by signal N as exit value 128 + N. */
    @Override
    public String fate() {
        if (process.isAlive()) {
            return null;
        }
        int status = process.exitValue();
        if (status > 128 && status - 128 < SIGNALS.length) {
            int signal = status - 128;
            String how = "was killed by " + SIGNALS[signal] + " (signal " + signal + ")";
            if (signal == 9 && killedAt != 0) {
                how += " after SIGTERM left it running for " + Watchdog.human(Duration.ofNanos(killedAt - stopRequestedAt));
            }
            return how;
        }
        return "exited with status " + status;
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
}
