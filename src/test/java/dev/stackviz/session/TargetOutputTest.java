package dev.stackviz.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The target's output: appended on one thread, awaited on another, which wakes when it grows. */
class TargetOutputTest {

    static final Duration LONG = Duration.ofSeconds(10);

    /** Appends {@code parts} on a thread of its own, 30 ms apart; join it when done. */
    static Thread appending(TargetOutput output, String... parts) {
        Thread thread = new Thread(() -> {
            for (String part : parts) {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    return;
                }
                output.append(part);
            }
        }, "appender");
        thread.start();
        return thread;
    }

    @Test
    void aWaiterWakesAsSoonAsTheTextIsLongEnoughNotAtTheTimeout() throws InterruptedException {
        TargetOutput output = new TargetOutput();
        Thread appender = appending(output, "ab", "cde");
        long start = System.nanoTime();
        assertTrue(output.await(5, LONG), "five characters, in two writes");
        long took = System.nanoTime() - start;
        appender.join();
        assertTrue(took < LONG.toNanos() / 2, "woken by the second write, after " + took + " ns");
        assertEquals("abcde", output.toString());
    }

    @Test
    void aWaiterGivesUpAtTheTimeout() {
        TargetOutput output = new TargetOutput();
        output.append("ab");
        long start = System.nanoTime();
        assertFalse(output.await(3, Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos(), "waited the whole timeout");
    }

    @Test
    void textThatIsAlreadyThereNeedsNoWait() {
        TargetOutput output = new TargetOutput();
        output.append("hello");
        assertTrue(output.await(5, Duration.ZERO));
        assertFalse(output.await(6, Duration.ZERO));
        assertEquals(5, output.length());
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        TargetOutput output = new TargetOutput();
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        boolean longEnough = output.await(1, LONG);
        assertTrue(Thread.interrupted(), "the interrupt is still set (and cleared here)");
        assertFalse(longEnough);
        assertTrue(System.nanoTime() - start < LONG.toNanos() / 2, "it did not wait out the timeout");
    }

    @Test
    void clearedThereIsNothing() {
        TargetOutput output = new TargetOutput();
        output.append("abc");
        output.clear();
        assertEquals(0, output.length());
        assertEquals("", output.toString());
        assertFalse(output.await(1, Duration.ZERO));
    }
}
