package dev.stackviz.cli;

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
                ratios.get("sv_swap / minimal switch (goal: at most 1.2)").getAsDouble());
        assertRatio(medians.get("yield") / medians.get("sv_swap"),
                ratios.get("fibers' yield / sv_swap (goal: at most 2)").getAsDouble());
        assertRatio(medians.get("swapcontext") / medians.get("sv_swap"),
                ratios.get("swapcontext / sv_swap (goal: at least 25)").getAsDouble());
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

    @Test
    void badRepetitionsAreAUsageError() {
        CliTest.Result result = CliTest.run("bench", "--repetitions", "0");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--repetitions must be 1 to 100"), result.err());
    }
}
