package dev.stackviz.cli;

import dev.stackviz.machine.Bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stackviz.machine.Machines;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench runs and reports consistent figures; how fast things are is for the bench to say, not a test. */
class BenchCommandTest {

    @Test
    void quickBenchReportsEveryKindAndRatiosOfItsOwnMedians() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        CliTest.Result result = CliTest.run("bench", "--quick", "--json");
        assertEquals(0, result.code(), result.err());
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        Map<String, Double> medians = new HashMap<>();
        for (JsonElement row : json.getAsJsonArray("switches")) {
            JsonObject r = row.getAsJsonObject();
            double median = r.get("median_ns").getAsDouble();
            assertTrue(median > 0, r.toString());
            assertEquals(3, r.getAsJsonArray("runs_ns").size());
            medians.put(r.get("key").getAsString(), median);
        }
        assertEquals(Map.of("sv_swap", 0, "minimal", 0, "yield", 0, "swapcontext", 0, "threads", 0, "sv_switch", 0)
                        .keySet(),
                medians.keySet());
        JsonObject ratios = json.getAsJsonObject("ratios");
        assertRatio(medians.get("sv_swap") / medians.get("minimal"),
                ratios.get("sv_swap / minimal switch").getAsDouble());
        assertRatio(medians.get("yield") / medians.get("sv_swap"),
                ratios.get("fibers' yield / sv_swap").getAsDouble());
        assertRatio(medians.get("swapcontext") / medians.get("sv_swap"),
                ratios.get("swapcontext / sv_swap").getAsDouble());
        assertTrue(json.getAsJsonObject("kill").get("median_us").getAsDouble() > 0);
        assertTrue(json.get("cpu").getAsString().contains("CPUs"));
    }

    /**
     * The JSON prints medians and ratios to 3 decimals. The ratio is rounded by up to 0.0005 itself, and the
     * medians it is checked against by up to 0.0005 ns each, which moves their quotient by a relative
     * 0.0005/median per median (medians here are above 1 ns).
     */
    private static void assertRatio(double fromRoundedMedians, double printed) {
        double tolerance = 0.0005 + fromRoundedMedians * 2 * 0.0005 + 1e-9;
        assertEquals(fromRoundedMedians, printed, tolerance);
    }

    /** The panel and the text say what the figures are and why, with no project goals a user cannot act on. */
    @Test
    void theFiguresSayWhyTheMinimalSwitchIsSlowerWhenItIsAndNameNoGoal() {
        java.util.List<String> slower = figures(3.6, 8.5);
        assertTrue(slower.stream().noneMatch(l -> l.contains("goal")), String.join("\n", slower));
        assertTrue(String.join("\n", slower).contains("the minimal switch is slower here because its ret goes "
                + "where no call came from"), String.join("\n", slower));
        java.util.List<String> faster = figures(9.0, 8.5);
        assertTrue(faster.stream().noneMatch(l -> l.contains("because its ret")), "no reason for what did not happen: "
                + String.join("\n", faster));
    }

    private static java.util.List<String> figures(double swap, double minimal) {
        java.util.List<dev.stackviz.machine.Bench.Row> rows = java.util.List.of(
                new dev.stackviz.machine.Bench.Row("sv_swap", "stackviz sv_swap", 1000, new double[] {swap}),
                new dev.stackviz.machine.Bench.Row("minimal", "minimal", 1000, new double[] {minimal}),
                new dev.stackviz.machine.Bench.Row("yield", "yield", 1000, new double[] {5.2}),
                new dev.stackviz.machine.Bench.Row("swapcontext", "swapcontext", 1000, new double[] {220}),
                new dev.stackviz.machine.Bench.Row("threads", "threads", 1000, new double[] {2150}),
                new dev.stackviz.machine.Bench.Row("sv_switch", "sv_switch", 1000, new double[] {202}));
        return dev.stackviz.machine.Bench.Result.of(rows, 18.4, 5, "cpu, 2 CPUs", 1).lines();
    }

    @Test
    void badRepetitionsAreAUsageError() {
        CliTest.Result result = CliTest.run("bench", "--repetitions", "0");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--repetitions must be 1 to 100"), result.err());
    }
}
