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
        assertEquals(Map.of("sv_swap", 0, "minimal", 0, "swapcontext", 0, "threads", 0, "sv_switch", 0).keySet(),
                medians.keySet());
        JsonObject ratios = json.getAsJsonObject("ratios");
        // the JSON rounds medians to 3 decimals: compare within a thousandth
        double swapOverMinimal = medians.get("sv_swap") / medians.get("minimal");
        assertEquals(swapOverMinimal, ratios.get("sv_swap / minimal switch (goal: at most 1.2)").getAsDouble(),
                swapOverMinimal / 1000);
        double contextOverSwap = medians.get("swapcontext") / medians.get("sv_swap");
        assertEquals(contextOverSwap, ratios.get("swapcontext / sv_swap (goal: at least 25)").getAsDouble(),
                contextOverSwap / 1000);
        assertTrue(json.getAsJsonObject("kill").get("median_us").getAsDouble() > 0);
        assertTrue(json.get("cpu").getAsString().contains("CPUs"));
    }

    @Test
    void badRepetitionsAreAUsageError() {
        CliTest.Result result = CliTest.run("bench", "--repetitions", "0");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--repetitions must be 1 to 100"), result.err());
    }
}
