package dev.stackviz.session;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything the target has written: appended on the thread that reads its pipe, read on the
 * session's. Whoever waits for more is woken when it arrives, not left to spin.
 */
final class TargetOutput {

    private final Lock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    private final StringBuilder text = new StringBuilder();

    void append(String more) {
        lock.lock();
        try {
            text.append(more);
            grew.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int length() {
        lock.lock();
        try {
            return text.length();
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            text.setLength(0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the text is at least {@code length} characters long, for at most {@code timeout}.
     * An interrupt ends the wait (and stays set).
     */
    void await(int length, Duration timeout) {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (text.length() < length && left > 0) {
                left = grew.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The text so far. */
    @Override
    public String toString() {
        lock.lock();
        try {
            return text.toString();
        } finally {
            lock.unlock();
        }
    }
}
