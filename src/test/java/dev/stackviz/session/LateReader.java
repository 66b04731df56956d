package dev.stackviz.session;

import java.util.function.Consumer;

/** A pipe's reader that is slow: what the target wrote reaches the session 30 ms later, from another thread. */
final class LateReader {

    static final long DELAY_MILLIS = 30;

    private LateReader() {
    }

    static void deliver(Consumer<String> output, String text) {
        new Thread(() -> {
            try {
                Thread.sleep(DELAY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            output.accept(text);
        }).start();
    }
}
