package dev.stackviz.model;

import java.time.Duration;

/**
 * What the watchdog saw, measured with System.nanoTime().
 *
 * @param cause     why it stopped the target (or saw it end)
 * @param deadline  the deadline it had
 * @param ran       the time the target ran: from the switch until it was back (in-process), or until
 *                  the child was seen gone, less the time the clock stood still (Ctrl-Z, a tracer holding it)
 * @param heartbeat the last heartbeat read
 * @param stopTook  from the request to stop until the target was back or the child gone; null if
 *                  nobody asked (the child ended by itself)
 * @param returned  the thread is back (in-process), or the child is gone
 * @param grace     how long the target had to come back once asked
 * @param fate      how the child ended; null in-process
 * @param held      how long the clock stood still before the end: ran + held is the time since the switch
 */
public record Report(Cause cause, Duration deadline, Duration ran, long heartbeat, Duration stopTook,
                     boolean returned, Duration grace, Fate fate, Duration held) {

    public Report(Cause cause, Duration deadline, Duration ran, long heartbeat, Duration stopTook, boolean returned,
                  Duration grace, Fate fate) {
        this(cause, deadline, ran, heartbeat, stopTook, returned, grace, fate, Duration.ZERO);
    }

    public enum Cause { KILL, DEADLINE, ENDED_BY_ITSELF }

    /** From the switch until the target was back or seen gone, the time it was held included. */
    public Duration sinceSwitch() {
        return ran.plus(held);
    }

    /** A child process: it can only end, never come back. */
    public boolean child() {
        return fate != null;
    }
}
