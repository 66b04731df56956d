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
        thread.setDaemon(true); // should a broken lock hold it, it does not hold up the JVM
        thread.start();
        return thread;
    }

    /** The reader's thread can still append: whoever waited or cleared let go of the lock. */
    static void appendsFromAnotherThread(TargetOutput output) throws InterruptedException {
        int before = output.length();
        Thread appender = appending(output, "z");
        appender.join(LONG.toMillis());
        assertFalse(appender.isAlive(), "the appender got the lock");
        assertEquals(before + 1, output.length());
    }

    @Test
    void aWaiterWakesAsSoonAsTheTextIsLongEnoughNotAtTheTimeout() throws InterruptedException {
        TargetOutput output = new TargetOutput();
        Thread appender = appending(output, "ab", "cde");
        long start = System.nanoTime();
        output.await(5, LONG);
        long took = System.nanoTime() - start;
        assertEquals("abcde", output.toString(), "five characters, in two writes");
        assertTrue(took < LONG.toNanos() / 2, "woken by the second write, after " + took + " ns");
        appender.join();
    }

    @Test
    void aWaiterGivesUpAtTheTimeout() throws InterruptedException {
        TargetOutput output = new TargetOutput();
        output.append("ab");
        long start = System.nanoTime();
        output.await(3, Duration.ofMillis(100));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos(), "waited the whole timeout");
        assertEquals("ab", output.toString());
        appendsFromAnotherThread(output);
    }

    @Test
    void textThatIsAlreadyThereNeedsNoWait() {
        TargetOutput output = new TargetOutput();
        output.append("hello");
        long start = System.nanoTime();
        output.await(5, LONG);
        assertTrue(System.nanoTime() - start < LONG.toNanos() / 2);
        assertEquals(5, output.length());
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        TargetOutput output = new TargetOutput();
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        output.await(1, LONG);
        assertTrue(Thread.interrupted(), "the interrupt is still set (and cleared here)");
        assertTrue(System.nanoTime() - start < LONG.toNanos() / 2, "it did not wait out the timeout");
    }

    @Test
    void clearedThereIsNothing() throws InterruptedException {
        TargetOutput output = new TargetOutput();
        output.append("abc");
        output.clear();
        assertEquals(0, output.length());
        assertEquals("", output.toString());
        appendsFromAnotherThread(output);
    }
}
