package dev.stackviz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** stackviz trace --text: what it prints of a real program, and what it refuses, in one line each. */
@Timeout(60)
class TraceCommandTest {

    /** The seed's jump in C, compiled into {@code dir}. */
    static Path seedJump(Path dir) throws Exception {
        Path exe = dir.resolve("seed_jump");
        Process cc = new ProcessBuilder("cc", "-O1", "-masm=intel", "-Wl,-z,now", "-o", exe.toString(),
                "src/test/resources/programs/seed_jump.c").inheritIO().start();
        assertEquals(0, cc.waitFor());
        return exe;
    }

    @Test
    void theSeedsJumpInCIsPrintedAsOneBlockAndTheProgramIsEndedAfterIt(@TempDir Path dir) throws Exception {
        CliTest.assumeNativeSwitch();
        Path exe = seedJump(dir);
        Path cache = dir.resolve("cache");
        CliTest.Result r = CliTest.run("trace", "--text", "--switches", "1", "--cache", cache.toString(), "--",
                exe.toString());
        assertEquals(0, r.code(), r.err());
        List<String> err = r.err().lines().toList();
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("stackviz trace: .*seed_jump \\(pid \\d+\\), "
                + "(\\d+) instructions that can move rsp carry a breakpoint, in (\\d+) files \\(all disassembled now\\)")
                .matcher(err.get(0));
        assertTrue(first.matches(), err.get(0));
        String buildId = new String(new ProcessBuilder("readelf", "-n", exe.toString()).start().getInputStream()
                .readAllBytes()).replaceAll("(?s).*Build ID: ([0-9a-f]+).*", "$1");
        assertTrue(Files.isRegularFile(cache.resolve(buildId)), "the program's sites kept by its build id " + buildId);
        try (var kept = Files.list(cache)) {
            assertEquals(Integer.parseInt(first.group(2)), kept.count(), "one file each, nothing else left");
        }
        CliTest.Result again = CliTest.run("trace", "--text", "--switches", "1", "--cache", cache.toString(), "--",
                exe.toString());
        assertTrue(again.err().lines().findFirst().orElseThrow().endsWith(", " + first.group(1) + " instructions that can "
                + "move rsp carry a breakpoint, in " + first.group(2) + " files (" + first.group(2) + " as kept from an "
                + "earlier run)"), again.err());
        assertEquals(r.err().lines().filter(l -> l.startsWith("switch 1: ")).toList(),
                again.err().lines().filter(l -> l.startsWith("switch 1: ")).toList(), "the same switch found");
        assertTrue(err.contains("switch 1: main+0x4f: mov rsp, qword ptr [rax]") || err.get(1).startsWith("switch 1: main+"),
                r.err());
        assertTrue(err.stream().anyMatch(l -> l.matches("  rsp 0x[0-9a-f]+ \\(\\[stack\\]\\) -> 0x[0-9a-f]+ \\(\\[heap\\]\\).*")),
                r.err());
        assertTrue(err.stream().anyMatch(l -> l.startsWith("  ret popped 0x") && l.contains("= hello+0x0: rip -> hello+0x0")),
                r.err());
        assertEquals("stackviz trace: 1 switch; the program still runs after --switches 1: ended with SIGKILL",
                err.get(err.size() - 1));
        assertTrue(r.out().startsWith("hello 0x"), "the program's own output on stdout: " + r.out());
    }

    @Test
    void exhaustiveSteppingSaysSoAndHowManyInstructionsItStepped(@TempDir Path dir) throws Exception {
        CliTest.assumeNativeSwitch();
        Path exe = seedJump(dir);
        CliTest.Result r = CliTest.run("trace", "--text", "--exhaustive", "--switches", "1", "--", exe.toString());
        assertEquals(0, r.code(), r.err());
        List<String> err = r.err().lines().toList();
        assertTrue(err.get(0).endsWith("), every instruction single-stepped from its entry (--exhaustive)"), err.get(0));
        assertTrue(err.stream().anyMatch(l -> l.startsWith("switch 1: main+0x")), r.err());
        assertTrue(err.get(err.size() - 2).matches("stackviz trace: [0-9,]+ instructions single-stepped in .+ \\([0-9,]+ "
                + "a second\\)"), err.get(err.size() - 2));
        assertEquals("stackviz trace: 1 switch; the program still runs after --switches 1: ended with SIGKILL",
                err.get(err.size() - 1));
    }

    @Test
    void cacheAndNoCacheTogetherAreRefused(@TempDir Path dir) {
        CliTest.Result r = CliTest.run("trace", "--text", "--no-cache", "--cache", dir.toString(), "--", "/bin/true");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("stackviz trace: --cache and --no-cache contradict each other: give one"), r.err());
    }

    @Test
    void withoutATerminalTheViewSaysWhatToUseInstead() {
        CliTest.Result r = CliTest.run("trace", "--", "/bin/true");
        assertEquals(1, r.code());
        assertTrue(r.err().strip().endsWith("'stackviz trace --text' prints the switches as text (or use --headless "
                + "--keys ...)"), r.err());
    }

    @Test
    void theTextsOptionsAreRefusedInTheViewAndTheViewsInTheText() {
        CliTest.Result switches = CliTest.run("trace", "--switches", "2", "--", "/bin/true");
        assertEquals(2, switches.code());
        assertTrue(switches.err().startsWith("stackviz trace: --switches and --timeout are for --text"), switches.err());
        CliTest.Result timeout = CliTest.run("trace", "--timeout", "3s", "--", "/bin/true");
        assertEquals(2, timeout.code());
        assertTrue(timeout.err().startsWith("stackviz trace: --switches and --timeout are for --text"), timeout.err());
        CliTest.Result exhaustive = CliTest.run("trace", "--exhaustive", "--", "/bin/true");
        assertEquals(2, exhaustive.code());
        assertTrue(exhaustive.err().startsWith("stackviz trace: --exhaustive is for --text"), exhaustive.err());
        CliTest.Result keys = CliTest.run("trace", "--text", "--keys", "n q", "--", "/bin/true");
        assertEquals(2, keys.code());
        assertTrue(keys.err().startsWith("stackviz trace: --record, --keys, --headless and --size are for the "
                + "full-screen view: leave out --text"), keys.err());
    }

    @Test
    void aProgramThatIsNotThereOrNotAProgramIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        CliTest.assumeNativeSwitch();
        CliTest.Result missing = CliTest.run("trace", "--text", "--", dir.resolve("nothing").toString());
        assertEquals(2, missing.code());
        assertEquals("stackviz trace: " + dir.resolve("nothing") + ": not found", missing.err().strip());
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a program");
        CliTest.Result plain = CliTest.run("trace", "--text", "--", text.toString());
        assertEquals(2, plain.code());
        assertEquals("stackviz trace: " + text + ": not executable", plain.err().strip());
        text.toFile().setExecutable(true);
        CliTest.Result script = CliTest.run("trace", "--text", "--", text.toString());
        assertEquals(1, script.code());
        assertEquals("stackviz trace: " + text.toRealPath() + " is not an ELF file", script.err().strip());
        CliTest.Result folder = CliTest.run("trace", "--text", "--", dir.toString());
        assertEquals(2, folder.code());
        assertEquals("stackviz trace: " + dir + ": is a directory, not a program", folder.err().strip());
        CliTest.Result none = CliTest.run("trace", "--text", "--", "no-such-program-here");
        assertEquals(2, none.code());
        assertEquals("stackviz trace: no-such-program-here: not found on PATH", none.err().strip());
    }

    @Test
    void aCountOutOfRangeIsRefused() {
        CliTest.Result r = CliTest.run("trace", "--text", "--switches", "0", "--", "/bin/true");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("stackviz trace: --switches must be 1 to 10000, not 0"), r.err());
    }
}
