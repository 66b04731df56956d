package dev.stackviz.machine;

import dev.stackviz.machine.inprocess.NativeMachine;

import dev.stackviz.model.StackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own with a fixed heap (LongRunTest starts it): many switch/kill cycles,
 * then one line of figures: cycles, kills that returned, threads, fds and RSS before and after.
 */
public final class LongRun {

    public static void main(String[] args) throws Exception {
        int cycles = Integer.parseInt(args[0]);
        for (int i = 0; i < 300; i++) {
            cycle(); // warm-up: JNA, the library, the JIT, glibc's thread-stack cache and malloc arenas
        }
        settle();
        System.out.printf("%s %d %d %d%n", "warm-up", count("/proc/self/task"), count("/proc/self/fd"), rssKiB());
        settle(); // the probes themselves open files lazily (jars, /proc): do it before the baseline
        long threads = count("/proc/self/task");
        long fds = count("/proc/self/fd");
        long rss = rssKiB();
        int returned = 0;
        for (int i = 0; i < cycles; i++) {
            returned += cycle() ? 1 : 0;
        }
        settle();
        if (count("/proc/self/fd") != fds) {
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                open.forEach(fd -> System.out.println("fd " + fd.getFileName() + " -> " + target(fd)));
            }
        }
        System.out.printf("cycles=%d returned=%d threads=%d/%d fds=%d/%d rss_kib=%d/%d%n", cycles, returned, threads,
                count("/proc/self/task"), fds, count("/proc/self/fd"), rss, rssKiB());
    }

    private static boolean cycle() throws InterruptedException {
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            machine.writeEntry();
            machine.writeContext();
            StringBuffer output = new StringBuffer();
            Run run = machine.switchTo(output::append);
            Watchdog dog = new Watchdog(run, Duration.ofMinutes(1), Duration.ofSeconds(2), r -> { }).start();
            while (run.heartbeat() == 0) {
                Thread.onSpinWait();
            }
            dog.kill();
            dev.stackviz.model.Report report = dog.awaitReport(Duration.ofSeconds(5));
            return report != null && report.returned();
        }
    }

    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
    }

    private static long count(String dir) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(dir))) {
            return entries.count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static long rssKiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }
}
