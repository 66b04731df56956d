package dev.stackviz.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * i in the real jar, in tmux: the seed's jump walked one instruction at a time, each register value
 * read from the CPU; the fault of the misaligned experiment; and no child left stopped or traced.
 */
class TraceIT {

    static final Duration STALL = Duration.ofSeconds(10);
    static final Pattern EXECUTED = Pattern.compile("instr (\\d+): (\\S+): (.*)");
    static final Pattern REGISTERS = Pattern.compile("rip (0x[0-9a-f]+)  rsp (0x[0-9a-f]+) \\(([^)]*)\\)");
    static final Pattern ENTRY = Pattern.compile("(?m)^0x[0-9a-f]+ {2}.* (0x[0-9a-f]{16}) ◀ .*entry");

    @BeforeAll
    static void needsTmux() {
        assertTrue(Tmux.available(), "tmux is needed for the end-to-end tests (apt-get install tmux)");
    }

    static Tmux app(String args) throws Exception {
        Tmux tmux = Tmux.start(80, 24, "exec env LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " " + args);
        tmux.await(s -> s.contains("q quit") && s.contains("child "), STALL, "the first frame");
        return tmux;
    }

    /**
     * Presses i and waits for the frame of step {@code n}; returns it. The status line, below the walk, the registers
     * and the target's output, counts the instructions: once it says n, the rows above it are step n's.
     */
    static String step(Tmux tmux, int n) throws Exception {
        tmux.keys("i");
        return tmux.await(s -> s.contains("instruction " + n + " ")
                && (s.contains("instr " + n + ": ") || s.contains("did not complete")), STALL, "instruction " + n);
    }

    @Test
    void theSeedsJumpInstructionByInstructionWithTheRegistersTheCpuHad() throws Exception {
        try (Tmux tmux = app("--isolate")) {
            tmux.keys("i");
            String at = tmux.await(s -> s.contains("stopped at sv_jump+0x0: endbr64"), STALL, "the breakpoint");
            long entry = Long.parseUnsignedLong(match(ENTRY, at).group(1).substring(2), 16);
            boolean wrote = false;
            for (int n = 1; n <= 20; n++) {
                String screen = step(tmux, n);
                Matcher executed = match(EXECUTED, screen);
                Matcher registers = match(REGISTERS, screen);
                String text = executed.group(3);
                long rip = Long.parseUnsignedLong(registers.group(1).substring(2), 16);
                String rsp = registers.group(3);
                System.out.printf("e2e: instr %d %s: %s rip %x rsp %s%n", n, executed.group(2), text, rip, rsp);
                if (text.equals("mov rsp, qword ptr [r9]")) {
                    assertEquals("aligned-16", rsp, "after mov rsp, [ctx]: " + screen);
                }
                if (text.equals("ret")) {
                    assertEquals(entry, rip, "after ret, rip is the entry address: " + screen);
                    assertEquals("aligned-8", rsp, screen);
                }
                boolean message = screen.contains("target output: I LOVE WAKING UP ON A NEW STACK!");
                assertEquals(wrote || screen.contains("syscall write returned 33"), message,
                        "the message is on screen exactly from the write on: " + screen);
                wrote |= message;
            }
            assertTrue(wrote, "the walk reached the write");
            tmux.keys("c");
            tmux.await(s -> s.contains("watchdog: RUNNING"), STALL, "full speed after c");
            tmux.keys("q");
        }
    }

    @Test
    void theMisalignedExperimentStopsOnTheFaultingMovaps() throws Exception {
        try (Tmux tmux = app("--experiment misaligned")) {
            tmux.keys("i");
            tmux.await(s -> s.contains("stopped at sv_jump+0x0"), STALL, "the breakpoint");
            String screen = "";
            for (int n = 1; n <= 30 && !screen.contains("did not complete"); n++) {
                screen = step(tmux, n);
            }
            assertTrue(screen.replaceAll("\\s+", " ").contains("movaps did not complete: SIGSEGV, general protection: "
                    + "movaps needs a 16-byte aligned address"), screen);
            Matcher executed = match(EXECUTED, screen);
            assertTrue(executed.group(2).startsWith("sv_target_sse+0x"), screen);
            assertEquals("movaps xmmword ptr [rsp], xmm0", executed.group(3));
            tmux.keys("i");
            tmux.await(s -> s.contains("child was killed by SIGSEGV (signal 11)"), STALL, "the signal delivered");
            tmux.keys("q");
        }
    }

    @Test
    void quittingOrKillingTheAppMidWalkLeavesNoStoppedOrTracedChild() throws Exception {
        for (boolean sigkill : new boolean[] {false, true}) {
            try (Tmux tmux = app("--isolate")) {
                String screen = tmux.capture();
                long child = Long.parseLong(screen.replaceAll("(?s)^stackviz • child (\\d+) .*", "$1"));
                tmux.keys("i");
                tmux.await(s -> s.contains("stopped at sv_jump"), STALL, "the breakpoint");
                step(tmux, 1);
                assertTrue(status(child).contains("TracerPid:\t0") && tracedThreads(child) == 1,
                        "one thread of the child is traced");
                if (sigkill) {
                    long app = ProcessHandle.of(child).orElseThrow().parent().orElseThrow().pid();
                    new ProcessBuilder("kill", "-KILL", Long.toString(app)).start().waitFor();
                } else {
                    tmux.keys("q");
                }
                await((sigkill ? "kill -9 of the app" : "q") + ": the child gone").atMost(STALL)
                        .pollInterval(java.time.Duration.ofMillis(10)).until(() -> !IsolatedIT.running(child));
            }
        }
    }

    static Matcher match(Pattern pattern, String screen) {
        Matcher m = pattern.matcher(screen);
        assertTrue(m.find(), pattern + " in\n" + screen);
        return m;
    }

    static String status(long pid) throws Exception {
        return Files.readString(Path.of("/proc/" + pid + "/status"));
    }

    static long tracedThreads(long pid) throws Exception {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(t -> {
                try {
                    return !Files.readString(t.resolve("status")).contains("TracerPid:\t0\n");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
