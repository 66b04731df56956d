package dev.stackviz.machine;

import dev.stackviz.machine.inprocess.NativeMachine;
import dev.stackviz.machine.sys.SwitchLibrary;

import dev.stackviz.model.Isa;
import dev.stackviz.model.Json;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures, in one run on this machine, what a stack switch costs: stackviz's, a minimal one,
 * glibc's swapcontext and an OS thread switch (the loops are in asm/bench.c), plus how long the
 * watchdog's kill takes to bring the thread back. Medians of several repetitions.
 */
public final class Bench {

    /** One way of switching, and its median over the repetitions. */
    public record Row(String key, String name, long roundTrips, double[] nsPerSwitch) {

        public double median() {
            double[] sorted = nsPerSwitch.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    public record Result(List<Row> rows, Map<String, Double> ratios, double killMedianMicros, int killRuns,
                         String cpu, int repetitions) {

        /** The result of these rows, with the ratios computed from their medians. */
        public static Result of(List<Row> rows, double killMedianMicros, int killRuns, String cpu, int repetitions) {
            Map<String, Double> ratios = new LinkedHashMap<>();
            Result partial = new Result(rows, ratios, 0, 0, "", repetitions);
            double swap = partial.row("sv_swap").median();
            ratios.put("sv_swap / minimal switch", swap / partial.row("minimal").median());
            ratios.put("fibers' yield / sv_swap", partial.row("yield").median() / swap);
            ratios.put("swapcontext / sv_swap", partial.row("swapcontext").median() / swap);
            ratios.put("OS thread switch / sv_swap", partial.row("threads").median() / swap);
            ratios.put("sv_switch with signal mask / sv_swap", partial.row("sv_switch").median() / swap);
            return new Result(rows, ratios, killMedianMicros, killRuns, cpu, repetitions);
        }

        public Row row(String key) {
            return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
        }

        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "median ns per switch, %d repetitions, measured inside native code%s:",
                    repetitions, Machines.emulation() == null ? "" : " UNDER EMULATION (" + Machines.emulation()
                            + "): these are qemu's costs, not an arm64 CPU's"));
            for (Row row : rows) {
                lines.add(String.format(Locale.ROOT, "  %-52s %9.1f ns", row.name(), row.median()));
            }
            lines.add("ratios:");
            ratios.forEach((name, value) -> lines.add(String.format(Locale.ROOT, "  %-52s %9.2f", name, value)));
            if (Isa.host() == Isa.X86_64 && row("sv_swap").median() < row("minimal").median()) {
                lines.add("the minimal switch is slower here because its ret goes where no call came from: the CPU's "
                        + "return-stack predictor misses on every switch; sv_swap pops the address and jmps to it");
            }
            lines.add("sv_switch and swapcontext set the signal mask with a system call on every switch");
            lines.add(String.format(Locale.ROOT, "kill, in-process (k to the thread back), median of %d: %.1f us",
                    killRuns, killMedianMicros));
            lines.add("cpu: " + cpu);
            return lines;
        }

        public String toJson() {
            StringBuilder json = new StringBuilder("{\"cpu\": ").append(Json.string(cpu))
                    .append(", \"repetitions\": ").append(repetitions).append(", \"switches\": [");
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "{\"key\": %s, \"name\": %s, \"round_trips\": %d, \"median_ns\": %.3f, \"runs_ns\": %s}",
                        Json.string(row.key()), Json.string(row.name()), row.roundTrips(), row.median(),
                        numbers(row.nsPerSwitch())));
            }
            json.append("], \"ratios\": {");
            int i = 0;
            for (Map.Entry<String, Double> ratio : ratios.entrySet()) {
                json.append(i++ == 0 ? "" : ", ").append(Json.string(ratio.getKey()))
                        .append(String.format(Locale.ROOT, ": %.3f", ratio.getValue()));
            }
            json.append(String.format(Locale.ROOT, "}, \"kill\": {\"runs\": %d, \"median_us\": %.3f}}", killRuns,
                    killMedianMicros));
            return json.toString();
        }

        private static String numbers(double[] values) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < values.length; i++) {
                text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", values[i]));
            }
            return text.append("]").toString();
        }
    }

    private record Kind(String key, String symbol, String name, int divisor) {
    }

    /** Slow kinds run fewer round trips (the divisor), so that each takes a similar time. */
    private static final List<Kind> KINDS = List.of(
            new Kind("sv_swap", "sv_bench_swap", Isa.host() == Isa.AARCH64
                    ? "stackviz sv_swap (x19-x30, d8-d15, ret to x30)" : "stackviz sv_swap (callee-saved regs, pop+jmp)", 1),
            new Kind("minimal", "sv_bench_minimal", Isa.host() == Isa.AARCH64
                    ? "minimal stp/ldp switch of x19-x30, ending in ret" : "minimal push/pop switch, ending in ret", 1),
            new Kind("yield", "sv_bench_sched", "fibers' yield: save, pick the next, load (sv_swap)", 1),
            new Kind("swapcontext", "sv_bench_swapcontext", "glibc swapcontext", 25),
            new Kind("threads", "sv_bench_threads", "OS threads, futex ping-pong on one CPU", 200),
            new Kind("sv_switch", "sv_bench_switch_masked", "stackviz sv_switch+sv_resume (signal mask)", 25));

    private Bench() {
    }

    /** Runs every kind {@code repetitions} times (after one warm-up each) and the kill {@code killRuns} times. */
    public static Result run(long roundTrips, int repetitions, int killRuns) throws InterruptedException {
        SwitchLibrary library = SwitchLibrary.load();
        List<Row> rows = new ArrayList<>();
        for (Kind kind : KINDS) {
            long trips = Math.max(1000, roundTrips / kind.divisor());
            library.bench(kind.symbol(), trips / 10); // warm-up: caches, page faults, CPU frequency
            double[] runs = new double[repetitions];
            for (int i = 0; i < repetitions; i++) {
                runs[i] = library.bench(kind.symbol(), trips);
            }
            rows.add(new Row(kind.key(), kind.name(), trips, runs));
        }
        return Result.of(rows, killMedianMicros(killRuns), killRuns, cpuModel(), repetitions);
    }

    /** From the watchdog's kill to the switching thread back on its own stack, in microseconds. */
    static double killMedianMicros(int runs) throws InterruptedException {
        double[] micros = new double[runs];
        for (int i = 0; i < runs; i++) {
            try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
                machine.writeEntry();
                machine.writeContext();
                Run run = machine.switchTo(text -> { });
                Watchdog dog = new Watchdog(run, Duration.ofMinutes(1), Duration.ofSeconds(2), r -> { }).start();
                while (run.heartbeat() == 0) {
                    Thread.onSpinWait();
                }
                dog.kill();
                Report report = dog.awaitReport(Duration.ofSeconds(5));
                micros[i] = report.stopTook().toNanos() / 1e3;
            }
        }
        return new Row("kill", "kill", runs, micros).median();
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs"
                    + (Machines.emulation() == null ? "" : "; this JVM is AArch64, " + Machines.emulation());
        } catch (IOException e) {
            return "unknown";
        }
    }
}
