package dev.stackviz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.Machines;
import dev.stackviz.model.StackLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CliTest {

    private static final Pattern SEED_LINE = Pattern.compile("mem: \\d+, val: \\d{1,3}");

    record Result(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result run(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void dumpPrintsTheSeedsLinesThenTheTargetsOwn() {
        Result result = run("dump", "--timeout", "200ms");
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.outLines();
        assertEquals(49, lines.size(), result.out());
        lines.subList(0, 48).forEach(line -> assertTrue(SEED_LINE.matcher(line).matches(), line));
        assertEquals("I LOVE WAKING UP ON A NEW STACK!", lines.get(48));
        assertEntryBytesDecodeToTheTargetsAddress(lines, result.err());
        assertTrue(result.err().contains("watchdog: deadline of 200.0 ms reached"), result.err());
        assertTrue(result.err().contains("note: like the seed"), result.err());
    }

    @Test
    void nativeDumpShowsTheAddressTheTargetWokeAt() {
        if (Machines.whyNoNativeSwitch() != null) {
            return;
        }
        Result result = run("dump", "--timeout", "100ms");
        assertTrue(result.err().contains(", equal to the predicted "), result.err());
        assertTrue(!result.err().contains("SIMULATED"), result.err());
    }

    @Test
    void anIsolatedDumpHasRealAddressesAndSaysSo() {
        if (Machines.whyNoNativeSwitch() != null) {
            return;
        }
        Result result = run("dump", "--isolate", "--timeout", "100ms");
        assertEquals(0, result.code(), result.err());
        assertTrue(!result.err().contains("made-up") && !result.err().contains("SIMULATED"), result.err());
        assertTrue(result.err().contains("the child was killed by SIGTERM (signal 15)"), result.err());
    }

    @Test
    void simulatedDumpSaysSoOnStderrOnly() {
        Result result = run("dump", "--simulate", "--timeout", "100ms", "--stack-size", "64", "--misalign", "3");
        assertEquals(0, result.code(), result.err());
        assertEquals(65, result.outLines().size());
        assertTrue(result.errLines().get(0).startsWith("stackviz: SIMULATED machine: --simulate was given"),
                result.err());
        assertTrue(!result.out().contains("SIMULATED"));
        for (String line : result.errLines()) {
            assertTrue(line.contains("SIMULATED"), "every note on stderr says so: " + line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dump --misalign 16          | --misalign must be 0 to 15",
        "dump --misalign -1          | --misalign must be 0 to 15",
        "dump --misalign x           | Invalid value for option '--misalign'",
        "dump --stack-size 8         | --stack-size must be 24 to 4096",
        "dump --stack-size 5000      | --stack-size must be 24 to 4096",
        "dump --stack-size 30 --misalign 9 | --stack-size 30 cannot hold the target's frame",
        "dump --stack-size lots      | Invalid value for option '--stack-size'",
        "dump --stack-size           | Missing required parameter for option '--stack-size'",
        "dump --stack-size 48 --stack-size 64 | option '--stack-size' (BYTES) should be specified only once",
        "dump --timeout soon         | 'soon' is not a duration",
        "dump --timeout 0s           | --timeout must be longer than 0",
        "dump --timeout 2d           | '2d' is not a duration",
        "dump --timeout 100000s      | '100000s' is longer than a day",
        "dump --grace x              | Invalid value for option '--grace'",
        "dump --grace 0ms            | --grace must be at least 1ms",
        "dump --bogus                | Unknown option: '--bogus'",
        "dump --keys q               | Unknown options: '--keys', 'q'",
        "dump --experiment bogus     | --experiment: 'bogus' is not an experiment: use one of none, misaligned",
        "dump --isolate --simulate   | --isolate runs a real child process, and --simulate asks for none",
        "--experiment overflow --simulate | --experiment runs a real child process",
        "frobnicate                  | Unmatched argument",
        "--experiment foo            | --experiment: 'foo' is not an experiment",
        "--keys 'n 90000s q'         | --keys: '90000s' is longer than a day",
        "--record ''                 | --record needs a file name",
        "--headless                  | --headless needs --keys",
        "--headless --keys q --size 80by24 | --size must be COLSxROWS",
        "--headless --keys q --size 10x5 | --size must be COLSxROWS with 20-500 columns and 5-300 rows",
        "--size 80x24                | --size goes with --headless",
        "--record-input              | --record-input needs --record",
        "--overwrite                 | --overwrite goes with --record",
        "--keys 'n jump'             | --keys: word 2 of the key script, 'jump'",
        "--keys ''                   | --keys: the key script is empty",
        "--record /nonexistent/dir/x.cast | --record: no directory /nonexistent/dir",
        "--record pom.xml            | pom.xml exists; choose another name, or add --overwrite",
        "--record src --overwrite    | --record: src is a directory",
        "bench --round-trips 5       | --round-trips must be 1000 to 1000000000",
        "bench --round-trips x       | Invalid value for option '--round-trips'",
        "bench --repetitions 0       | --repetitions must be 1 to 100",
        "bench --quick --bogus       | Unknown option: '--bogus'",
    })
    void badInputGivesExitTwoAndOneLine(String args, String expected) {
        Result result = run(split(args.trim()));
        assertEquals(2, result.code(), result.err());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains(expected), result.err());
        assertTrue(result.err().contains("--help"), result.err());
        assertEquals("", result.out());
    }

    /** Splits on blanks, keeping 'quoted words' together. */
    static String[] split(String args) {
        java.util.List<String> words = new java.util.ArrayList<>();
        java.util.regex.Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(args);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words.toArray(String[]::new);
    }

    @Test
    void helpListsTheOptions() {
        Result result = run("dump", "--help");
        assertEquals(0, result.code());
        for (String option : List.of("--stack-size", "--misalign", "--timeout", "--simulate", "--version")) {
            assertTrue(result.out().contains(option), option);
        }
    }

    @Test
    void helpListsEveryKeyOfTheOneTableAndEveryCommandWhole() {
        Result result = run("--help");
        assertEquals(0, result.code());
        String flat = result.out().replaceAll("\\s+", " ");
        for (dev.stackviz.model.Keys.Binding b : dev.stackviz.model.Keys.TABLE) {
            assertTrue(flat.contains(b.names() + " " + b.help()), b.names() + " " + b.help() + " in\n" + result.out());
        }
        assertTrue(flat.contains("bench Measure stack switches on this machine, side by side in one run."), flat);
        assertTrue(!result.out().contains("@|"), "markup is rendered or dropped, never shown");
    }

    private static void assertEntryBytesDecodeToTheTargetsAddress(List<String> lines, String err) {
        // lines[i] is aligned - i: aligned-16 (line 16) is the lowest byte of the entry address
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) Integer.parseInt(lines.get(16 - i).replaceAll(".*val: ", ""));
        }
        long entry = StackLayout.fromLittleEndian(bytes, 0);
        assertTrue(err.contains("entry: the target's address 0x" + Long.toHexString(entry) + " is at aligned-16"), err);
    }
}
