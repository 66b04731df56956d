package dev.stackviz.machine.isolated;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts child processes from one thread that lives as long as the app. A child's
 * PR_SET_PDEATHSIG fires when the thread that started it ends, not only the process, so a
 * short-lived thread would kill its child with it.
 */
final class Spawner {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "stackviz-spawner");
        thread.setDaemon(true);
        return thread;
    });

    private Spawner() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = THREAD.submit(builder::start);
        try {
            return started.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the child", e);
        }
    }
}
