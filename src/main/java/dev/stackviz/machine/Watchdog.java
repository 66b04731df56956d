package dev.stackviz.machine;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts with the switch. At the deadline, or when {@link #kill()} is called, it asks the target
 * to stop, waits up to the grace period for the thread to be back, and reports what it saw.
 */
public final class Watchdog {

    /** What the watchdog saw. Durations are measured with System.nanoTime(). */
    public record Report(String cause, Duration ran, long heartbeat, Duration stopTook, boolean returned,
                         Duration grace) {

        public String describe() {
            if (!returned) {
                return String.format("watchdog: %s; asked the target to stop, and it was NOT back within %s: "
                        + "its thread is lost (heartbeat %d)", cause, human(grace), heartbeat);
            }
            return String.format("watchdog: %s; the target ran %s, heartbeat %d, stopped in %s",
                    cause, human(ran), heartbeat, human(stopTook));
        }
    }

    private final Run run;
    private final Duration deadline;
    private final Duration grace;
    private final Consumer<Report> listener;
    private final CountDownLatch killed = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile Report report;

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
            boolean asked = killed.await(deadline.toNanos(), TimeUnit.NANOSECONDS);
            String cause = asked ? "kill requested" : "deadline of " + human(deadline) + " reached";
            run.requestStop();
            boolean returned = run.awaitReturn(grace);
            long end = returned ? run.returnedAt() : System.nanoTime();
            report = new Report(cause, Duration.ofNanos(end - run.switchedAt()), run.heartbeat(),
                    Duration.ofNanos(end - run.stopRequestedAt()), returned, grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            done.countDown();
        }
        listener.accept(report);
    }

    /** A duration the way a person reads it: 840 ns, 12.3 us, 4.1 ms, 3.00 s. */
    public static String human(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000L) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000L) {
            return String.format("%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000L) {
            return String.format("%.1f ms", nanos / 1e6);
        }
        return String.format("%.2f s", nanos / 1e9);
    }
}
