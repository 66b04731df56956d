package dev.stackviz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.Machines;
import dev.stackviz.model.StackLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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

    /** Skipped, and reported as skipped, where the native switch cannot run. */
    static void assumeNativeSwitch() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
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

    /** Standard output on a full disk: every write fails, as on /dev/full. */
    static final class FullDisk extends java.io.Writer {
        @Override
        public void write(char[] text, int off, int len) throws java.io.IOException {
            throw new java.io.IOException("No space left on device");
        }

        @Override
        public void flush() throws java.io.IOException {
            throw new java.io.IOException("No space left on device");
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump --simulate --timeout 100ms", "dump --fibers 2 --simulate", "bench --quick"})
    void anOutputThatCannotBeWrittenIsAFailureNotExitZero(String args) {
        CommandLine cmd = Main.commandLine();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(new FullDisk(), true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args.split(" "));
        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains("stackviz: cannot write standard output"), err.toString());
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
        assumeNativeSwitch();
        Result result = run("dump", "--timeout", "100ms");
        assertTrue(result.err().contains(", equal to the predicted "), result.err());
        assertTrue(!result.err().contains("SIMULATED"), result.err());
    }

    @Test
    void anIsolatedDumpHasRealAddressesAndSaysSo() {
        assumeNativeSwitch();
        Result result = run("dump", "--isolate", "--timeout", "100ms");
        assertEquals(0, result.code(), result.err());
        assertTrue(!result.err().contains("made-up") && !result.err().contains("SIMULATED"), result.err());
        assertTrue(result.err().contains("the child was killed by SIGTERM (signal 15)"), result.err());
    }

    @Test
    void anOverflowDumpTellsWhatTheChildsMemoryHeldWhileItRan() {
        assumeNativeSwitch();
        Result result = run("dump", "--experiment", "overflow", "--stack-size", "40", "--timeout", "200ms");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().contains("3 rows of 'AAAAAAAA' are inside the buffer; below base, base-8 and base-16 "
                + "hold 'AAAAAAAA', base-24 holds the heartbeat."), result.err());
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
        "dump --stack-size 8         | --stack-size must be 32 to 4096",
        "dump --stack-size 5000      | --stack-size must be 32 to 4096",
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
        "fibers --count 1            | --count must be 2 to 4 fibers, not 1",
        "fibers --count 5            | --count must be 2 to 4 fibers, not 5",
        "fibers --stack-size 8       | --stack-size must be 16 to 4096 bytes for a fiber, not 8",
        "fibers --rounds 0           | --rounds must be 1 to 1000000000000, not 0",
        "fibers --keys 'n x9'        | --keys: word 2 of the key script, 'x9'",
        "fibers --misalign 3         | Unknown options: '--misalign', '3'",
        "dump --fibers 1             | --fibers must be 2 to 4 fibers, not 1",
        "dump --fibers 3 --stack-size 8 | --stack-size must be 16 to 4096 bytes for a fiber, not 8",
        "dump --fibers 3 --rounds 0  | --rounds must be 1 to 10000 in a dump",
        "dump --fibers 3 --isolate   | --isolate does not go with --fibers",
        "dump --fibers 2 --trace     | --trace does not go with --fibers",
        "dump --rounds 3             | --rounds goes with --fibers N",
    })
    void badInputGivesExitTwoAndOneLine(String args, String expected) {
        Result result = run(split(args.trim()));
        assertEquals(2, result.code(), result.err());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains(expected), result.err());
        assertTrue(result.err().contains("--help"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void anOptionOfTheDumpWrittenBeforeItActsAsIfWrittenAfter() {
        Result result = run("--simulate", "--stack-size", "64", "--timeout", "150ms", "dump");
        assertEquals(0, result.code(), result.err());
        assertEquals(65, result.outLines().size(), "64 seed lines and the target's: " + result.out());
        assertTrue(result.errLines().get(0).startsWith("stackviz: SIMULATED machine: --simulate was given"),
                result.err());
        assertTrue(result.err().contains("watchdog: deadline of 150.0 ms reached"), result.err());
    }

    @Test
    void anExperimentWrittenBeforeDumpRunsThatExperiment() {
        assumeNativeSwitch();
        Result result = run("--experiment", "misaligned", "--timeout", "2s", "dump");
        assertTrue(result.err().contains("SIGSEGV"), result.err());
    }

    /** Headless there is no terminal to suspend: Ctrl-Z in a key script says so on the screen, in both views. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"--simulate", "fibers --simulate"})
    void ctrlZInAHeadlessKeyScriptSaysThereIsNoTerminal(String view) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("stackviz-cli");
        java.nio.file.Path cast = dir.resolve("z.cast");
        try {
            List<String> args = new ArrayList<>(List.of("--headless", "--keys", "n ctrl-z q", "--record", cast.toString()));
            args.addAll(List.of(view.split(" ")));
            Result result = run(args.toArray(String[]::new));
            assertEquals(0, result.code(), result.err());
            assertTrue(java.nio.file.Files.readString(cast).contains(
                    "Ctrl-Z suspends the view in a terminal; headless, there is none to give back"), "the hint is drawn");
        } finally {
            java.nio.file.Files.deleteIfExists(cast);
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void theFibersViewTakesItsViewOptionsBeforeItsName() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("stackviz-cli");
        java.nio.file.Path cast = dir.resolve("f.cast");
        try {
            Result result = run("--headless", "--keys", "n q", "--record", cast.toString(), "fibers", "--simulate");
            assertEquals(0, result.code(), result.err());
            assertTrue(java.nio.file.Files.size(cast) > 0, "the cast was written");
        } finally {
            java.nio.file.Files.deleteIfExists(cast);
            java.nio.file.Files.delete(dir);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--record f.cast dump        | stackviz dump: --record is not an option of 'stackviz dump'",
        "--isolate fibers            | stackviz fibers: --isolate is not an option of 'stackviz fibers'",
        "--simulate bench            | stackviz bench: --simulate is not an option of 'stackviz bench'",
        "--keys q bench --quick      | stackviz bench: --keys is not an option of 'stackviz bench'",
        "--stack-size 10 dump        | --stack-size must be 32 to 4096",
        "--bogus -V                  | Unknown option: '--bogus'",
        "-V --bogus                  | Unknown option: '--bogus'",
        "-h --bogus                  | Unknown option: '--bogus'",
        "dump --stack-size x --help  | Invalid value for option '--stack-size'",
        "bench --quick --repetitions 5 | --quick makes its own short run: drop --repetitions, or drop --quick",
        "bench --round-trips 5000 --quick | --quick makes its own short run: drop --round-trips, or drop --quick",
        "--stack-size 64 dump --stack-size 48 | option '--stack-size' (BYTES) should be specified only once",
    })
    void anOptionBeforeASubcommandActsThereOrIsRefused(String args, String expected) {
        badInputGivesExitTwoAndOneLine(args, expected);
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
    void fibersDumpPrintsEachStackInTheSeedsFormatThenEverySwitchRoundRobin() {
        assumeNativeSwitch();
        Result result = run("dump", "--fibers", "3");
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        List<String> switches = new java.util.ArrayList<>();
        int stacks = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("stack of fiber ")) {
                stacks++;
                java.util.regex.Matcher header = Pattern.compile("sv_fiber_body (0x[0-9a-f]+) at aligned-16, "
                        + "sv_fiber_finish (0x[0-9a-f]+) at aligned-8").matcher(line);
                assertTrue(header.find(), line);
                List<String> seed = lines.subList(i + 1, i + 17);
                assertTrue(seed.stream().allMatch(l -> l.matches("mem: \\d+, val: \\d+")), seed.toString());
                // seed line j is aligned - j: the finish at aligned-8 is lines 8 down to 1; of the entry at
                // aligned-16 the seed's loop prints all but the lowest byte (base+0, never shown)
                assertEquals(Long.parseUnsignedLong(header.group(2).substring(2), 16), decode(seed, 8), "finish");
                assertEquals(Long.parseUnsignedLong(header.group(1).substring(2), 16) >>> 8, decode(seed, 15) >>> 8,
                        "the entry's upper seven bytes");
            }
            if (line.startsWith("switch ")) {
                switches.add(line);
            }
        }
        assertEquals(3, stacks);
        assertEquals("switch 1: thread -> fiber 1", switches.get(0));
        assertEquals("switch 13: fiber 3 -> thread", switches.get(switches.size() - 1));
        assertEquals(13, switches.size(), "rounds 2, 3, 4 and a return each, then back to the thread");
        String out = result.out();
        int one = out.indexOf("switch 1: thread -> fiber 1\nfiber 1: 1\nswitch 2: fiber 1 -> fiber 2\nfiber 2: 1\n");
        assertTrue(one > 0, out);
        assertTrue(out.endsWith("after 13 switches: every fiber done\n"), out);
        assertTrue(!out.contains("SIMULATED"), out);
    }

    @Test
    void simulatedFibersDumpSaysSoOnEveryStackAndAtTheEnd() {
        Result result = run("dump", "--fibers", "2", "--simulate");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().startsWith("stackviz: SIMULATED machine: --simulate was given"), result.err());
        assertEquals(2, result.out().lines().filter(l -> l.startsWith("stack of fiber ") && l.endsWith(" [SIMULATED]"))
                .count(), result.out());
        assertTrue(result.out().endsWith("every fiber done [SIMULATED]\n"), result.out());
    }

    /** The u64 whose lowest byte is seed line {@code lowest}; with 15, lines 15..9 are bytes 1..7 of aligned-16. */
    private static long decode(List<String> seed, int lowest) {
        byte[] bytes = new byte[8];
        int shift = lowest == 15 ? 1 : 0;
        for (int i = shift; i < 8; i++) {
            bytes[i] = (byte) Integer.parseInt(seed.get(lowest + shift - i).replaceAll(".*val: ", ""));
        }
        return StackLayout.fromLittleEndian(bytes, 0);
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
        for (dev.stackviz.model.Keys.Binding b : dev.stackviz.model.Keys.table(dev.stackviz.model.Keys.View.STACK)) {
            assertTrue(flat.contains(b.names() + " " + b.help()), b.names() + " " + b.help() + " in\n" + result.out());
        }
        assertTrue(flat.contains("bench Measure stack switches on this machine, side by side in one run."), flat);
        assertTrue(flat.contains("fibers Green threads: step a round-robin scheduler switch by switch, on real memory."),
                flat);
        assertTrue(!result.out().contains("@|"), "markup is rendered or dropped, never shown");
        Result fibers = run("fibers", "--help");
        assertEquals(0, fibers.code());
        String flatFibers = fibers.out().replaceAll("\\s+", " ");
        for (dev.stackviz.model.Keys.Binding b : dev.stackviz.model.Keys.table(dev.stackviz.model.Keys.View.FIBERS)) {
            assertTrue(flatFibers.contains(b.names() + " " + b.help()), b.names() + " in\n" + fibers.out());
        }
        assertTrue(!flatFibers.contains("finish the setup and switch"), "only the fibers' keys: " + fibers.out());
        for (Result help : List.of(result, fibers)) {
            assertEquals(1, help.out().split("Keys in the view", -1).length - 1, "the keys once:\n" + help.out());
        }
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
