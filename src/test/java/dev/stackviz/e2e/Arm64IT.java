package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar on an arm64 JVM (Debian's openjdk-17-jdk-headless:arm64) under qemu-user: the
 * AArch64 switch, the fibers and the bench run for real, in emulated AArch64 code; nothing here
 * is the simulated machine. `.ci/run` installs qemu-user-static and the arm64 JVM; where they are
 * missing outside CI, the tests are skipped and say why.
 */
class Arm64IT {

    static final String QEMU = "qemu-aarch64-static";
    static final Path JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-arm64/bin/java");

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void emulatorPresent() {
        boolean present = Files.isExecutable(JAVA) && onPath(QEMU);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the arm64 tests: .ci/run installs qemu-user-static and "
                    + "openjdk-17-jdk-headless:arm64, and " + (onPath(QEMU) ? JAVA + " is missing" : QEMU
                    + " is not on PATH"));
        }
        Assumptions.assumeTrue(present, "no " + QEMU + " or no arm64 JVM at " + JAVA);
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static Result arm64(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(QEMU, JAVA.toString(), "-jar", Tmux.jar()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null"))).start();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try {
                err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        reader.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the arm64 jar did not end within 120 s: " + command);
        }
        reader.join();
        return new Result(process.exitValue(), out, err.join());
    }

    static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return Long.decode(m.group(1));
    }

    /** The seed's dump: the AArch64 target wakes with sp = aligned, its address read back from the buffer. */
    @Test
    void theDumpMakesTheRealAarch64Switch() throws Exception {
        Result r = arm64("dump", "--timeout", "500ms");
        String all = r.out() + r.err();
        assertEquals(0, r.code(), all);
        assertFalse(all.contains("SIMULATED"), all);
        assertTrue(r.out().contains("I LOVE WAKING UP ON A NEW STACK!"), all);
        long aligned = number(r.err(), "lines run from aligned = (\\d+)");
        long entry = number(r.err(), "the target's address (0x[0-9a-f]+) is at aligned-16");
        // the 8 bytes at aligned-16, as the dump read them from memory, are the entry, little-endian
        long fromMemory = 0;
        for (int i = 7; i >= 0; i--) {
            fromMemory = fromMemory << 8 | number(r.out(), "mem: " + (aligned - 16 + i) + ", val: (\\d+)");
        }
        assertEquals(entry, fromMemory, all);
        assertEquals(48, r.out().lines().filter(line -> line.startsWith("mem: ")).count(), all);
        // ldr x30, [sp], #16 takes 16 bytes: the target wakes at aligned itself, not aligned-8 as on x86-64
        long woke = number(r.err(), "target woke with sp = (\\d+)");
        assertEquals(aligned, woke, all);
        assertTrue(r.err().contains("equal to the predicted " + aligned), all);
        assertTrue(r.err().contains("back in"), "the watchdog brought the thread back: " + all);
    }

    /** dump --fibers: three fibers round robin on 16-byte stacks, each switch made by the AArch64 sv_swap. */
    @Test
    void theFibersRunRoundRobin() throws Exception {
        Result r = arm64("dump", "--fibers", "3");
        String all = r.out() + r.err();
        assertEquals(0, r.code(), all);
        assertFalse(all.contains("SIMULATED"), all);
        List<String> order = r.out().lines().filter(line -> line.startsWith("fiber ") && line.matches("fiber \\d: \\d+"))
                .toList();
        assertEquals(List.of("fiber 1: 1", "fiber 2: 1", "fiber 3: 1", "fiber 1: 2", "fiber 2: 2", "fiber 3: 2",
                "fiber 2: 3", "fiber 3: 3", "fiber 3: 4"), order, all);
        assertTrue(r.out().contains("switch 1: thread -> fiber 1"), all);
        assertTrue(r.out().contains("ret went to x30 = sv_fiber_finish"), all);
        assertTrue(r.out().contains("after 13 switches: every fiber done"), all);
    }

    /** The bench measures the AArch64 code, and says the figures are qemu's. */
    @Test
    void theBenchSaysItIsMeasuredUnderEmulation() throws Exception {
        Result r = arm64("bench", "--quick");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).contains("UNDER EMULATION (qemu-user on an x86-64 CPU)"), r.out());
        assertTrue(r.out().contains("ret to x30"), r.out());
        assertEquals(1, lines.stream().filter(l -> l.endsWith(" ns")).map(l -> l.length()).distinct().count(),
                "the figures in one column: " + r.out());
        Matcher m = Pattern.compile("  (.+?)\\s+([0-9.]+) ns").matcher(r.out());
        int rows = 0;
        while (m.find()) {
            assertTrue(Double.parseDouble(m.group(2)) > 0, m.group());
            rows++;
        }
        assertEquals(6, rows, r.out());
        assertTrue(r.out().contains("this JVM is AArch64, qemu-user"), r.out());
    }

    /** The view, headless, recorded: its steps say what AArch64 does, about the real switch. */
    @Test
    void theViewTellsTheAarch64Switch(@TempDir Path dir) throws Exception {
        Path cast = dir.resolve("arm64.cast");
        Result r = arm64("--headless", "--size", "200x50", "--keys", "n n n n n 300ms s 1s k 1s q", "--record",
                cast.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        dev.stackviz.record.Cast recorded = dev.stackviz.record.Cast.read(cast);
        String last = recorded.screens().get(recorded.screens().size() - 1);
        assertFalse(recorded.shows("SIMULATED"), "the real machine: " + last);
        for (String said : List.of("AAPCS64 keeps sp", "link register", "woke up in the target with sp =", "= aligned, as predicted", "x19 0x",
                "ldr x30, [sp], #16", "sp = ctx.sp; ldr x30, [sp], #16; ret")) {
            assertTrue(recorded.shows(said), "no screen shows '" + said + "'; the last:\n" + last);
        }
        assertTrue(recorded.shows("s switch  k kill  r reset  ? help  q quit"), "the key bar without i and e: " + last);
        assertFalse(recorded.shows("i instr") || recorded.shows("e exp"), "x86-64-only keys offered: " + last);
    }

    /**
     * The view in a real terminal (tmux), on the arm64 JVM: it opens (it needs stty, a child process,
     * which the JVM must fork under qemu), switches for real, and goes back on k.
     */
    @Test
    void theViewOpensInARealTerminal() throws Exception {
        try (Tmux tmux = Tmux.start(100, 30, "exec " + QEMU + " " + JAVA + " -jar " + Tmux.jar())) {
            tmux.await(s -> s.contains("q quit"), java.time.Duration.ofSeconds(60), "the view on the arm64 JVM");
            tmux.keys("n", "n", "n", "n", "n", "s");
            String running = tmux.await(s -> s.contains("woke up in the target with sp ="), java.time.Duration.ofSeconds(30),
                    "the real switch");
            assertTrue(running.contains("= aligned, as predicted"), running);
            assertFalse(running.contains("SIMULATED"), running);
            tmux.keys("k");
            tmux.await(s -> s.contains("sv_switch returned"), java.time.Duration.ofSeconds(30), "back on its own stack");
            tmux.keys("q");
        }
    }

    /** The jar carries both switches and JNA's stubs for both, and no other native code. */
    @Test
    void theJarCarriesTheArm64SwitchAndJnasArm64Stub() throws Exception {
        List<String> natives = new ArrayList<>();
        try (var jar = new java.util.jar.JarFile(Tmux.jar())) {
            jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.endsWith(".so")).sorted()
                    .forEach(natives::add);
        }
        assertEquals(List.of("com/sun/jna/linux-aarch64/libjnidispatch.so", "com/sun/jna/linux-x86-64/libjnidispatch.so",
                "linux-aarch64/libstackviz.so", "linux-x86-64/libstackviz.so"), natives);
    }

    /** stackviz trace and dump --isolate cannot run here: one line says why, exit 1. */
    @Test
    void traceIsRefusedInOneLine() throws Exception {
        Result r = arm64("trace", "--text", "--", "/bin/true");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("qemu-user, which runs this JVM, implements no ptrace for its guest"), r.err());
        Result isolated = arm64("dump", "--isolate");
        assertEquals(1, isolated.code(), isolated.out() + isolated.err());
        assertEquals(List.of("stackviz: --isolate: the isolated child's experiments and its instruction walk are x86-64 "
                + "only (on AArch64 the in-process switch, fibers and bench are real)"), isolated.err().lines().toList());
        assertEquals("", isolated.out(), "nothing ran");
    }
}
