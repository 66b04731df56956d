package dev.stackviz.machine;

import dev.stackviz.model.Report;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts with the switch. At the deadline, or when {@link #kill()} is called, it asks the target
 * to stop, waits up to the grace period for the thread to be back, and reports what it saw.
 */
public final class Watchdog {

    private static final long POLL_NANOS = 20_000_000L;

    private final Run run;
    private final Duration deadline;
    private final Duration grace;
    private final Consumer<Report> listener;
    private final CountDownLatch killed = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile Report report;
    /** Time the app spent stopped (Ctrl-Z) while the target ran; and when the current stop began, or 0. */
    private long pausedNanos;
    private long pausedSince;
    /** How many reasons hold the clock now (Ctrl-Z, a tracer stepping): it runs again when none is left. */
    private int pauses;

    public Watchdog(Run run, Duration deadline, Duration grace, Consumer<Report> listener) {
        this.run = run;
        this.deadline = deadline;
        this.grace = grace;
        this.listener = listener;
        this.thread = new Thread(this::watch, "stackviz-watchdog");
        thread.setDaemon(true);
    }

    public Watchdog start() {
        thread.start();
        return this;
    }

    /**
     * The target stands still for a while (the app stopped by Ctrl-Z, or a tracer holding it between
     * steps): the clock stops too, so the deadline and "ran" leave that time out. Pauses nest.
     */
    public synchronized void pause() {
        if (pauses++ == 0) {
            pausedSince = System.nanoTime();
        }
    }

    public synchronized void resume() {
        if (pauses > 0 && --pauses == 0) {
            pausedNanos += System.nanoTime() - pausedSince;
            pausedSince = 0;
        }
    }

    /** How long the clock has stood still so far (Ctrl-Z), in nanoseconds. */
    public long pausedNanos() {
        return paused();
    }

    synchronized long paused() {
        return pausedUntil(System.nanoTime());
    }

    /** How long the clock stood still before {@code end}: a pause that outlasts the target is not its run time. */
    private synchronized long pausedUntil(long end) {
        return pausedNanos + (pausedSince == 0 ? 0 : Math.max(0, end - pausedSince));
    }

    private synchronized boolean pausedNow() {
        return pausedSince != 0;
    }

    /** Asks for the stop now, instead of at the deadline. Returns at once. */
    public void kill() {
        killed.countDown();
    }

    public Report awaitReport(Duration timeout) throws InterruptedException {
        done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return report;
    }

    public Report report() {
        return report;
    }

    private void watch() {
        try {
            Report.Cause cause = awaitCause();
            long heartbeat = safeHeartbeat();
            boolean ended = run.hasReturned();
            if (!ended) {
                run.requestStop();
            }
            boolean returned = ended || run.awaitReturn(grace);
            long end = returned ? run.returnedAt() : System.nanoTime();
            if (returned) {
                heartbeat = Math.max(heartbeat, safeHeartbeat());
            }
            Duration stopTook = ended ? null : Duration.ofNanos(end - run.stopRequestedAt());
            long held = pausedUntil(end);
            report = new Report(cause, deadline, Duration.ofNanos(end - run.switchedAt() - held), heartbeat,
                    stopTook, returned, grace, run.fate(), Duration.ofNanos(held));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            done.countDown();
        }
        listener.accept(report);
    }

    /** Waits for the deadline, a kill, or a target that ended by itself (an isolated child can die). */
    private Report.Cause awaitCause() throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long left = start + deadline.toNanos() + paused() - System.nanoTime();
            if (left <= 0 && !pausedNow()) {
                return Report.Cause.DEADLINE;
            }
            long wait = pausedNow() ? POLL_NANOS : Math.min(left, POLL_NANOS);
            if (killed.await(wait, TimeUnit.NANOSECONDS)) {
                return Report.Cause.KILL;
            }
            if (run.hasReturned()) {
                return Report.Cause.ENDED_BY_ITSELF;
            }
        }
    }

    /** The heartbeat, or 0 where it can no longer be read (a child that is gone). */
    private long safeHeartbeat() {
        try {
            return run.heartbeat();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
