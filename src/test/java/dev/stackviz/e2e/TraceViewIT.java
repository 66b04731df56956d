package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stackviz trace's full-screen view in the real jar, in tmux, on the Rust seed compiled here: from
 * the program's start to hello's loop, every label checked against what the program printed of
 * itself; then i, c and q, and nothing left running, stopped or traced, also after kill -9.
 */
class TraceViewIT {

    static final Duration STALL = Duration.ofSeconds(20);
    static final Pattern TITLE = Pattern.compile("seed_jump \\(pid (\\d+)\\)");
    /** The program's own three lines, in the output rows. */
    static final Pattern PRINTED = Pattern.compile("hello 0x([0-9a-f]+)\\s+rsp 0x([0-9a-f]+)\\s+buffer 0x([0-9a-f]+)");

    @BeforeAll
    static void needsTmux() {
        assertTrue(Tmux.available(), "tmux is needed for the end-to-end tests (apt-get install tmux)");
    }

    static Path rustSeed(Path dir) throws Exception {
        Path exe = dir.resolve("seed_jump");
        String rustc = Files.isExecutable(Path.of("/usr/bin/rustc")) ? "/usr/bin/rustc" : "rustc";
        Process build = new ProcessBuilder(rustc, "-O", "-o", exe.toString(), "src/test/resources/programs/seed_jump.rs")
                .inheritIO().start();
        assertTrue(build.waitFor(120, TimeUnit.SECONDS) && build.exitValue() == 0, "rustc built the seed");
        return exe;
    }

    static Tmux view(Path exe, Path cache) throws Exception {
        Tmux tmux = Tmux.start(160, 48, "exec env LC_ALL=C.UTF-8 java -jar " + Tmux.jar() + " trace --cache " + cache
                + " -- " + exe);
        tmux.await(s -> s.contains("held at its entry") && s.contains("q quit"), STALL, "the program held at its entry");
        return tmux;
    }

    static long hex(String digits) {
        return Long.parseUnsignedLong(digits, 16);
    }

    /** The grid's row at {@code address} in the new stack's panel (the right half), or null. */
    static String row(String screen, long address) {
        String start = String.format("0x%012x  ", address);
        for (String line : screen.lines().toList()) {
            int at = line.indexOf(start, 80);
            if (at >= 0) {
                return line.substring(at);
            }
        }
        return null;
    }

    @Test
    void theRustSeedsJumpFromItsStartToHellosLoopWithEveryLabelTrue(@TempDir Path dir) throws Exception {
        Path exe = rustSeed(dir);
        int pid;
        try (Tmux tmux = view(exe, dir.resolve("cache"))) {
            String entry = tmux.capture();
            Matcher title = TITLE.matcher(entry);
            assertTrue(title.find(), entry);
            pid = Integer.parseInt(title.group(1));
            assertTrue(entry.contains("instructions that can move rsp carry an int3"), entry);

            tmux.keys("n");
            // the switches' line is below the grids: once it is drawn, the frame above it is whole; the program's
            // own lines come through a pipe that another thread reads, so they may come a frame later
            String at = tmux.await(s -> s.contains("held after switch 1") && s.contains("switches: [1 ")
                    && PRINTED.matcher(s).find(), STALL, "the switch and the program's own lines");
            Matcher printed = PRINTED.matcher(at);
            assertTrue(printed.find(), at);
            long hello = hex(printed.group(1));
            long rsp = hex(printed.group(2));
            long buffer = hex(printed.group(3));
            System.out.printf("e2e trace view: hello %x rsp %x buffer %x%n", hello, rsp, buffer);

            String top = row(at, rsp);
            assertTrue(top != null && top.contains(String.format("0x%016x", hello))
                    && top.contains("◀ rsp, ret->hello+0x0"), "rsp's row holds hello's address: " + top + "\n" + at);
            String header = row(at, buffer - 8);
            assertTrue(header != null && header.contains("0x0000000000000041 ◀ malloc size 0x41"),
                    "glibc's size field of the 48-byte Vec's chunk: " + header + "\n" + at);
            assertTrue(row(at, buffer).contains("◀ malloc'd 56 B"), at);
            assertTrue(row(at, rsp + 8).contains("◀ rsp at hello+0x0"), "after ret: " + at);
            assertTrue(at.contains("rsp moved from [stack] to [heap]") && at.contains("by mov rsp, qword ptr [rdi] at "
                    + "seed_jump::gt_switch+0x"), at);
            assertTrue(at.contains("◀ rsp (before)"), "the old stack beside it at 160 columns: " + at);
            assertTrue(at.contains("switches: [1 [stack]->[heap]]"), at);

            tmux.keys("i");
            String stepped = tmux.await(s -> s.contains("i 1: seed_jump::hello+0x0: "), STALL, "one instruction");
            assertTrue(stepped.contains("rsp " + String.format("0x%012x", rsp + 8)), stepped);

            tmux.keys("c");
            String untraced = tmux.await(s -> s.contains("I LOVE WAKING UP ON A NEW STACK!")
                    && s.contains("running untraced"), STALL, "hello's message, untraced");
            assertTrue(untraced.contains("running untraced (breakpoints removed)"), untraced);
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            assertTrue(status.contains("TracerPid:\t0\n") && status.contains("State:\tR"),
                    "hello's loop runs, not traced: " + status);

            tmux.keys("q");
            Awaitility.await("the program ended by q").atMost(STALL).until(() -> ProcessHandle.of(pid).isEmpty());
        }
        try (var kept = Files.list(dir.resolve("cache"))) {
            assertFalse(kept.toList().isEmpty(), "the sites kept where --cache said");
        }
    }

    @Test
    void killMinus9OfStackvizEndsTheTracedProgramToo(@TempDir Path dir) throws Exception {
        Path exe = rustSeed(dir);
        try (Tmux tmux = view(exe, dir.resolve("cache"))) {
            Matcher title = TITLE.matcher(tmux.capture());
            assertTrue(title.find());
            int pid = Integer.parseInt(title.group(1));
            tmux.keys("n");
            tmux.await(s -> s.contains("held after switch 1") && s.contains("switches: [1 "), STALL, "the switch");
            long java = tmux.panePid();
            new ProcessBuilder("kill", "-9", String.valueOf(java)).start().waitFor();
            Awaitility.await("the traced program gone with its tracer").atMost(STALL)
                    .until(() -> ProcessHandle.of(pid).isEmpty());
            assertEquals(List.of(), ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("")
                    .equals(exe.toString())).map(ProcessHandle::pid).toList(), "no seed_jump left");
        }
    }

    @Test
    void closingTheTerminalAtASwitchEndsTheProgram(@TempDir Path dir) throws Exception {
        Path exe = rustSeed(dir);
        int pid;
        Tmux tmux = view(exe, dir.resolve("cache"));
        try (tmux) {
            Matcher title = TITLE.matcher(tmux.capture());
            assertTrue(title.find());
            pid = Integer.parseInt(title.group(1));
            tmux.keys("n");
            tmux.await(s -> s.contains("held after switch 1") && s.contains("switches: [1 "), STALL, "the switch");
        } // kills the tmux server: the pane's terminal hangs up (SIGHUP)
        Awaitility.await("the traced program gone with the terminal").atMost(STALL)
                .until(() -> ProcessHandle.of(pid).isEmpty());
    }

    /**
     * Ctrl-Z in a shell at a switch: the program stays held; fg gives a whole frame in a raw tty.
     * Let go untraced (c), Ctrl-Z stops the program with the view (T) and fg lets it run on (R).
     */
    @Test
    void ctrlZSuspendsTheViewAndAProgramLetGoWithIt(@TempDir Path dir) throws Exception {
        Path exe = rustSeed(dir);
        try (Tmux tmux = TerminalCitizenIT.shell(160, 48)) {
            tmux.keys(TerminalCitizenIT.app("trace --cache " + dir.resolve("cache") + " -- " + exe)
                    + "; echo STACKVIZ-EXIT=$?", "Enter");
            String entry = tmux.await(s -> s.contains("held at its entry") && s.contains("q quit"), STALL, "the entry");
            Matcher title = TITLE.matcher(entry);
            assertTrue(title.find());
            int pid = Integer.parseInt(title.group(1));
            tmux.keys("n");
            tmux.await(s -> s.contains("held after switch 1") && s.contains("switches: [1 "), STALL, "the switch");
            tmux.keys("C-z");
            tmux.await(s -> s.contains("Stopped"), STALL, "the shell's job report");
            tmux.keys("fg", "Enter");
            tmux.await(s -> s.contains("held after switch 1") && s.contains("switches: [1 ") && s.contains("q quit"), STALL,
                    "a whole frame after fg");
            tmux.keys("c");
            tmux.await(s -> s.contains("running untraced"), STALL, "untraced");
            tmux.keys("C-z");
            tmux.await(s -> s.split("Stopped", -1).length > 2, STALL, "the shell's second job report");
            Awaitility.await("the program stopped with the view").atMost(STALL).until(() -> state(pid).equals("T"));
            tmux.keys("fg", "Enter");
            tmux.await(s -> s.contains("running untraced") && s.contains("q quit"), STALL, "a frame after fg");
            Awaitility.await("the program running again").atMost(STALL).until(() -> state(pid).equals("R"));
            tmux.keys("q");
            tmux.await(Tmux.EXITED, STALL, "the shell");
            Awaitility.await("the program ended by q").atMost(STALL).until(() -> ProcessHandle.of(pid).isEmpty());
        }
    }

    /** q, and SIGTERM from outside, at a switch: the tty mode as it was before, the alternate screen left. */
    @Test
    void qOrSigtermAtASwitchLeaveTheTerminalAsItWas(@TempDir Path dir) throws Exception {
        Path exe = rustSeed(dir);
        for (String end : List.of("q", "SIGTERM")) {
            Path before = dir.resolve("before-" + end);
            Path after = dir.resolve("after-" + end);
            String command = String.format("stty -g > %s; env LC_ALL=C.UTF-8 java -jar %s trace --cache %s -- %s; "
                    + "echo STACKVIZ-EXIT=$?; stty -g > %s; sleep 60", before, Tmux.jar(), dir.resolve("cache"), exe, after);
            try (Tmux tmux = Tmux.start(80, 24, command)) {
                String entry = tmux.await(s -> s.contains("held at its entry") && s.contains("q quit"), STALL, "entry");
                Matcher title = TITLE.matcher(entry);
                assertTrue(title.find(), entry);
                int pid = Integer.parseInt(title.group(1));
                tmux.keys("n");
                tmux.await(s -> s.contains("held after switch 1") && s.contains("switches: [1 "), STALL, "the switch");
                if (end.equals("q")) {
                    tmux.keys("q");
                } else {
                    long java = ProcessHandle.of(tmux.panePid()).orElseThrow().children()
                            .filter(p -> p.info().command().orElse("").endsWith("java")).findFirst().orElseThrow().pid();
                    new ProcessBuilder("kill", "-TERM", String.valueOf(java)).start().waitFor();
                }
                String screen = tmux.await(s -> s.replace("\n", "").contains("STACKVIZ-EXIT="), STALL, "the shell");
                assertTrue(screen.contains("STACKVIZ-EXIT=" + (end.equals("q") ? 0 : 143)), screen);
                assertFalse(screen.contains("held after switch"), "the alternate screen is left: " + screen);
                assertEquals(Files.readString(before), Tmux.line(after, STALL), "tty mode restored after " + end);
                Awaitility.await("the program ended").atMost(STALL).until(() -> ProcessHandle.of(pid).isEmpty());
            }
        }
    }

    /** The state letter of /proc/PID/stat: R, S, T (stopped), t (traced)... */
    static String state(int pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
}
