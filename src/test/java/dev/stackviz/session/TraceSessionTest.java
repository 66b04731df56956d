package dev.stackviz.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Grid;
import dev.stackviz.frame.TraceFrame;
import dev.stackviz.frame.TraceFrame.State;
import dev.stackviz.frame.TraceGrid;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.ProgramTrace;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSwitch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace view's session on a real program under the real tracer: the C seed's jump, each fact of
 * its screen against what the program printed of itself, then i, c, k, r and the list of switches.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TraceSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern PRINTED = Pattern.compile("hello 0x([0-9a-f]+)\\s+rsp 0x([0-9a-f]+)\\s+buffer 0x([0-9a-f]+)");

    @BeforeAll
    static void needsTheTracer() {
        Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null, "x86-64 Linux");
    }

    static Path seed(Path dir, String source, String name) throws Exception {
        Path exe = dir.resolve(name);
        Process cc = new ProcessBuilder("cc", "-O1", "-masm=intel", "-Wl,-z,now", "-o", exe.toString(),
                "src/test/resources/programs/" + source).inheritIO().start();
        assertEquals(0, cc.waitFor());
        return exe;
    }

    static TraceSession open(Path exe) throws Exception {
        return new TraceSession(exe.toString(), ProgramTrace.start(List.of(exe.toString()), false, null),
                () -> ProgramTrace.start(List.of(exe.toString()), false, null));
    }

    static TraceFrame awaitState(TraceSession session, State state) {
        await().atMost(WAIT).until(() -> session.frame().state() == state);
        return session.frame();
    }

    @Test
    void theSeedsJumpIsShownWithItsStacksAndEveryLabelIsTrueAgainstWhatTheProgramPrinted(@TempDir Path dir)
            throws Exception {
        Path exe = seed(dir, "seed_jump.c", "seed_jump");
        try (TraceSession session = open(exe)) {
            TraceFrame entry = session.frame();
            assertEquals(State.ENTRY, entry.state());
            assertTrue(entry.setup().matches("\\d+ instructions that can move rsp carry an int3, in \\d+ files"),
                    entry.setup());
            int pid = entry.pid();
            session.press("n");
            TraceFrame at = awaitState(session, State.HELD);
            await().atMost(WAIT).until(() -> PRINTED.matcher(session.frame().output()).find());
            Matcher printed = PRINTED.matcher(session.frame().output());
            assertTrue(printed.find());
            long hello = Long.parseUnsignedLong(printed.group(1), 16);
            long rsp = Long.parseUnsignedLong(printed.group(2), 16);
            long buffer = Long.parseUnsignedLong(printed.group(3), 16);

            assertEquals(1, at.switches().size());
            StackSwitch s = at.shown().at();
            assertEquals(rsp, s.after().rsp());
            assertEquals("[stack]", s.from());
            assertEquals("[heap]", s.to());
            assertEquals("hello+0x0", s.landing().poppedWhere());
            assertEquals(hello, s.landing().popped());
            assertEquals(hello, StackLayout.fromLittleEndian(at.shown().memory().newWindow(),
                    (int) (rsp - at.shown().memory().newStart())), "the 8 bytes at the new rsp, as read");
            var chunk = at.shown().memory().chunk();
            assertNotNull(chunk, "malloc's header found");
            assertEquals(buffer, chunk.user(), "the chunk starts at what malloc returned");
            assertEquals(56, chunk.usable(), "malloc(48) has a 64-byte chunk: 56 bytes usable");
            assertTrue(at.shown().memory().from().name().equals("[stack]"));
            assertTrue(at.shown().memory().from().start() <= s.before().rsp()
                    && s.before().rsp() < at.shown().memory().from().end());

            List<Grid.Row> rows = TraceGrid.rows(at.shown(), false, 12);
            Grid.Row top = rows.stream().filter(r -> r.address() == rsp).findFirst().orElseThrow();
            assertEquals(List.of("rsp", "ret->hello+0x0"), top.labels());
            assertEquals(hello, top.value());
            assertEquals(Grid.Marker.RSP, top.cells().get(0).marker());
            Grid.Row header = rows.stream().filter(r -> r.address() == buffer - 8).findFirst().orElseThrow();
            assertEquals(List.of("malloc size 0x41"), header.labels(), "glibc's size field: 64 and prev-in-use");
            assertTrue(header.outside(), "the size field is not the buffer's");
            assertTrue(rows.stream().anyMatch(r -> r.labels().contains("rsp at hello+0x0")
                    && r.address() == rsp + 8), "after ret, rsp is 8 higher");
            List<Grid.Row> old = TraceGrid.rows(at.shown(), true, 12);
            assertTrue(old.stream().anyMatch(r -> r.address() == s.before().rsp() && r.labels().equals(List.of("rsp (before)"))));

            session.press("i");
            TraceFrame stepped = session.frame();
            assertEquals(1, stepped.stepped().size());
            assertEquals("hello+0x0", stepped.stepped().get(0).where(), "the first instruction of hello");
            assertEquals(State.HELD, stepped.state());

            session.press("c");
            assertEquals(State.UNTRACED, session.frame().state());
            await().atMost(WAIT).until(() -> session.frame().output().contains("I LOVE WAKING UP ON A NEW STACK!"));
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "it loops in hello, untraced");
            assertEquals("R", state(pid), "running, not stopped");
            assertTrue(java.nio.file.Files.readString(Path.of("/proc/" + pid + "/status")).contains("TracerPid:\t0\n"),
                    "not traced");
            session.press("k");
            TraceFrame ended = awaitState(session, State.ENDED);
            assertEquals("was killed by SIGKILL (signal 9)", ended.fate().describe());
            await().atMost(WAIT).until(() -> ProcessHandle.of(pid).isEmpty());

            session.press("r");
            TraceFrame again = awaitState(session, State.ENTRY);
            assertNotEquals(pid, again.pid());
            assertEquals(List.of(), again.switches(), "a new run: the switches seen are its own");
            session.press("n");
            awaitState(session, State.HELD);
            assertEquals(1, session.frame().switches().get(0).at().number());
            int second = session.frame().pid();
            session.close();
            await().atMost(WAIT).until(() -> ProcessHandle.of(second).isEmpty());
        }
    }

    @Test
    void theSwitchesSeenAreKeptAndLeftAndRightMoveThroughThem(@TempDir Path dir) throws Exception {
        Path exe = dir.resolve("pingpong");
        Process cc = new ProcessBuilder("cc", "-O1", "-o", exe.toString(),
                "src/test/resources/programs/swapcontext_pingpong.c").inheritIO().start();
        assertEquals(0, cc.waitFor());
        try (TraceSession session = open(exe)) {
            for (int n = 1; n <= 3; n++) {
                session.press("n");
                awaitState(session, State.HELD);
                assertEquals(n, session.frame().switches().size());
                assertEquals(n - 1, session.frame().selected());
            }
            TraceFrame.Seen second = session.frame().switches().get(1);
            assertNotNull(second.memory().oldChunk(), "the fiber's stack switched away from is a malloc'd chunk: "
                    + second.at().from());
            assertTrue(second.memory().oldChunk().contains(second.at().before().rsp()));
            TraceFrame.Seen third = session.frame().shown();
            session.press("left");
            session.press("i");
            assertEquals(2, session.frame().selected(), "i steps the live program: its screen, after the last switch");
            assertEquals(1, session.frame().stepped().size());
            session.press("right");
            assertEquals("this is the last switch seen: n runs to the next", session.frame().hint());
            session.press("left");
            session.press("left");
            assertEquals(0, session.frame().selected());
            assertFalse(session.frame().latest());
            session.press("left");
            assertEquals("this is the first switch seen", session.frame().hint());
            session.press("right");
            session.press("right");
            assertEquals(third, session.frame().shown(), "the same facts as when it was seen, not read again");
            session.press("tab");
            assertTrue(session.frame().oldStack());
        }
    }

    /** After the seed's switch n waits for a switch that never comes (hello loops): c lets it go all the same. */
    @Test
    void cWhileItRunsToASwitchLetsItGoUntraced(@TempDir Path dir) throws Exception {
        Path exe = seed(dir, "seed_jump.c", "seed_jump");
        try (TraceSession session = open(exe)) {
            session.press("n");
            awaitState(session, State.HELD);
            session.press("n");
            assertEquals(State.SEEKING, session.frame().state());
            session.press("c");
            assertEquals("letting it go untraced", session.frame().hint());
            TraceFrame untraced = awaitState(session, State.UNTRACED);
            assertEquals("", untraced.hint());
            assertEquals(1, untraced.switches().size(), "the switch seen is kept");
            await().atMost(WAIT).until(() -> session.frame().output().contains("I LOVE WAKING UP ON A NEW STACK!"));
            int pid = untraced.pid();
            assertTrue(java.nio.file.Files.readString(Path.of("/proc/" + pid + "/status")).contains("TracerPid:\t0\n"));
            session.press("k");
            assertEquals("was killed by SIGKILL (signal 9)", awaitState(session, State.ENDED).fate().describe());
        }
    }

    @Test
    void aMisalignedJumpStopsAtItsFaultAndNDeliversIt(@TempDir Path dir) throws Exception {
        Path exe = seed(dir, "misaligned_jump.c", "misaligned");
        try (TraceSession session = open(exe)) {
            session.press("n");
            awaitState(session, State.HELD);
            session.press("n");
            TraceFrame fault = awaitState(session, State.FAULT);
            assertEquals("movaps xmmword ptr [rsp], xmm0", fault.fault().instruction());
            session.press("i");
            assertEquals("held at its fault: stepping would fault again; n or c delivers the signal",
                    session.frame().hint());
            assertTrue(session.frame().faultShown());
            session.press("left");
            assertFalse(session.frame().faultShown(), "the switch's own screen, under the fault's");
            assertEquals(0, session.frame().selected());
            session.press("left");
            assertEquals("this is the first switch seen", session.frame().hint());
            session.press("right");
            assertTrue(session.frame().faultShown(), "back to the fault");
            session.press("right");
            assertEquals("this is the last switch seen", session.frame().hint());
            session.press("n");
            TraceFrame ended = awaitState(session, State.ENDED);
            assertEquals("was killed by SIGSEGV (signal 11)", ended.fate().describe());
            assertTrue(ended.faultShown(), "what it died of stays on screen");
        }
    }

    /** The state letter of /proc/PID/stat: R, S, t (traced), T (stopped)... */
    static String state(int pid) throws Exception {
        String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
}
