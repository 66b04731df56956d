package dev.stackviz.model;

import java.time.Duration;

/**
 * What the watchdog saw, measured with System.nanoTime().
 *
 * @param cause     why it stopped the target (or saw it end)
 * @param deadline  the deadline it had
 * @param ran       from the switch until the target was back (in-process), or until the child was
 *                  seen gone: for a child that died by itself, when the parent noticed, not when it died
 * @param heartbeat the last heartbeat read
 * @param stopTook  from the request to stop until the target was back or the child gone; null if
 *                  nobody asked (the child ended by itself)
 * @param returned  the thread is back (in-process), or the child is gone
 * @param grace     how long the target had to come back once asked
 * @param fate      how the child ended; null in-process
 */
public record Report(Cause cause, Duration deadline, Duration ran, long heartbeat, Duration stopTook,
                     boolean returned, Duration grace, Fate fate) {

    public enum Cause { KILL, DEADLINE, ENDED_BY_ITSELF }

    /** A child process: it can only end, never come back. */
    public boolean child() {
        return fate != null;
    }
}
