package dev.stackviz.view;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.session.Session;
import dev.stackviz.model.StackSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The key screens at 80x24, rendered by the real Painter through a Lanterna screen onto a
 * DefaultVirtualTerminal. The simulated machine has fixed addresses and the clock is fixed, so
 * every picture is exact.
 */
class ScreenPictureTest {

    static final Theme THEME = new Theme(true, true);
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    Session session = open(StackSpec.defaults());

    /** A session on the simulated machine, with a clock of its own. */
    static Session simulated(StackSpec spec) {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        return new Session(() -> new SimulatedMachine(spec, clock::get), Duration.ofSeconds(60),
                Duration.ofSeconds(1), clock::get);
    }

    Session open(StackSpec spec) {
        return new Session(() -> new SimulatedMachine(spec, clock::get), Duration.ofSeconds(60),
                Duration.ofSeconds(1), clock::get);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void firstFrameShowsTheZeroedBufferBetweenItsGuards() {
        assertScreen(FIRST_FRAME);
    }

    @Test
    void topStepMarksOnePastTheLastByte() {
        steps(1);
        assertScreen(TOP);
    }

    @Test
    void alignStepSaysTheTopWasAlreadyAligned() {
        steps(2);
        assertScreen(ALIGN);
    }

    @Test
    void writeStepMarksTheEntryBytesAsChanged() {
        steps(3);
        assertScreen(WRITE);
    }

    @Test
    void contextStepPredictsRspAndMarksCtxAsChanged() {
        steps(4);
        assertScreen(CONTEXT);
    }

    @Test
    void afterTheSwitchTheOutputTheHeartbeatAndTheSavedRegistersShow() {
        session.handle(Action.SWITCH);
        until("the target's line", () -> !session.frame().output().isEmpty());
        clock.addAndGet(1_500_000_000L);
        until("heartbeat 1500", () -> session.frame().heartbeat() == 1500);
        assertScreen(RUNNING);
    }

    @Test
    void afterTheKillTheWatchdogSaysHowLongTheTargetRan() {
        session.handle(Action.SWITCH);
        until("the target's line", () -> !session.frame().output().isEmpty());
        clock.addAndGet(1_500_000_000L);
        until("heartbeat 1500", () -> session.frame().heartbeat() == 1500);
        session.handle(Action.KILL);
        until("the watchdog's report", () -> session.frame().report() != null);
        assertScreen(KILLED);
    }

    @Test
    void steppingBackReplaysTheEarlierStateOnAMisalignedStack() {
        session.close();
        session = open(new StackSpec(48, 5));
        steps(4);
        session.handle(Action.STEP_BACK);
        assertScreen(MISALIGNED_BACK_TO_WRITE);
    }

    @Test
    void keysThatMakeNoSenseNowGiveAHint() {
        session.close();
        session = open(new StackSpec(48, 5));
        steps(4);
        session.handle(Action.STEP_BACK);
        session.handle(Action.KILL);
        assertScreen(KILL_HINT);
    }

    @Test
    void steppingBackFromWriteMarksTheErasedBytes() {
        steps(3);
        session.handle(Action.STEP_BACK);
        String screen = screen();
        assertTrue(screen.contains("0x7f3ca8001260 *00*00*00*00*00*00 00 00 0x0000000000000000"), screen);
        assertTrue(screen.startsWith("stackviz • SIMULATED • step 3/6 align"), screen);
    }

    @Test
    void aSmallTerminalIsToldTheSizeNeeded() {
        String screen = Pictures.render(session.frame(), 60, 20, THEME);
        assertEquals("""
            stackviz needs a terminal of at least 80x24; this one is
            60x20. Enlarge it, or q quits.
            """, screen.stripTrailing() + "\n");
    }

    @Test
    void helpListsEveryKey() {
        session.handle(Action.HELP);
        String screen = screen();
        String flat = screen.replaceAll("[\\s░]+", " ");
        for (String line : dev.stackviz.model.Keys.helpLines()) {
            assertTrue(flat.contains(line.replaceAll("\\s+", " ").trim()), "the help says: " + line + "\n" + screen);
        }
        session.handle(Action.STEP_FORWARD);
        assertEquals(FIRST_FRAME, screen(), "any key closes the help, and does nothing else");
    }

    String screen() {
        return Pictures.render(session.frame(), 80, 24, THEME);
    }

    void assertScreen(String expected) {
        assertEquals(expected, screen());
    }

    void steps(int n) {
        for (int i = 0; i < n; i++) {
            session.handle(Action.STEP_FORWARD);
        }
    }

    /** Waits up to 5 s for {@code condition}, polling every millisecond; the failure names what it waited for. */
    static void until(String what, Callable<Boolean> condition) {
        await(what).atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(condition);
    }

    static final String FIRST_FRAME = """
            stackviz • SIMULATED • step 1/6 allocate: a zeroed buffer becomes the stack
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001260  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001258  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001230  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0: rsp = 0x000000000000 (not set yet)
            saved context of the switching thread: filled in by the switch

            A zeroed buffer of 48 bytes (SIMULATED: a Java array at a made-up address), base
            = 0x7f3ca8001240. This is all the stack the target will get; the dimmed bytes
            around it are guards, to show any write outside it.

            target output: (nothing yet: it writes once it wakes up)
            watchdog (SIMULATED target): idle; the target has not run

            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;

    static final String TOP = """
            stackviz • SIMULATED • step 2/6 top: top = base + size
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001280  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001260  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001258  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0: rsp = 0x000000000000 (not set yet)
            saved context of the switching thread: filled in by the switch

            Stacks grow down, so this one starts at its end: top = base + 48 =
            0x7f3ca8001270, one past the last byte.


            target output: (nothing yet: it writes once it wakes up)
            watchdog (SIMULATED target): idle; the target has not run

            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;

    static final String ALIGN = """
            stackviz • SIMULATED • step 3/6 align: aligned = top & ~15
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001280  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001260  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001258  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0: rsp = 0x000000000000 (not set yet)
            saved context of the switching thread: filled in by the switch

            0x7f3ca8001270 & ~15 = 0x7f3ca8001270: already aligned. The ABI keeps rsp a
            multiple of 16 at every call, because aligned SSE loads and stores fault
            otherwise.

            target output: (nothing yet: it writes once it wakes up)
            watchdog (SIMULATED target): idle; the target has not run

            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;

    static final String WRITE = """
            stackviz • SIMULATED • step 4/6 write: the target's address at aligned-16
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001280  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001260 *60*10*a0*b2*3c*7f 00 00 0x00007f3cb2a01060 ◀ entry address
            0x7f3ca8001258  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0: rsp = 0x000000000000 (not set yet)
            saved context of the switching thread: filled in by the switch

            The target's address 0x7f3cb2a01060 goes to aligned-16 = 0x7f3ca8001260, lowest
            byte first (little-endian). Why -16: ret pops it and leaves rsp = aligned-8 =
            0x7f3ca8001268, as after a call: (rsp + 8) % 16 == 0.

            target output: (nothing yet: it writes once it wakes up)
            watchdog (SIMULATED target): idle; the target has not run

            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;

    static final String CONTEXT = """
            stackviz • SIMULATED • step 5/6 context: ctx.rsp = aligned-16
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001280  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ rsp (predicted)
            0x7f3ca8001260  60 10 a0 b2 3c 7f 00 00 0x00007f3cb2a01060 ◀ entry (ctx.rsp)
            0x7f3ca8001258  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0:*rsp = 0x7f3ca8001260 (aligned-16)
            saved context of the switching thread: filled in by the switch

            ctx.rsp = aligned-16 = 0x7f3ca8001260. The switch will load rsp from ctx, and
            ret will pop the address stored there. Press s to switch.


            target output: (nothing yet: it writes once it wakes up)
            watchdog (SIMULATED target): idle; the target has not run

            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;

    static final String RUNNING = """
            stackviz • SIMULATED • step 6/6 switch: mov rsp, [ctx]; ret
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ rsp (simulated)
            0x7f3ca8001260  60 10 a0 b2 3c 7f 00 00 0x00007f3cb2a01060 ◀ entry address
            0x7f3ca8001258 *dc*05 00 00 00 00 00 00 0x00000000000005dc ◀ heartbeat
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0: rsp = 0x7f3ca8001260 (aligned-16)
            SIMULATED, made up: rsp 0x7f3c9b7fe8a8 rbx 0x7f3ca8001300 rbp 0x7f3c9b7fe900
              r12 0x000000000000 r13 0x7f3ca80012c0 r14 0x7f3ca8001280 r15 0x7f3c9b7fea10
            SIMULATED: no CPU switched stacks; a Java thread plays the target, with rsp =
            0x7f3ca8001268 (aligned-8) as the setup predicts and a heartbeat at aligned-24
            that counts milliseconds. k asks it to stop.

            target output: I LOVE WAKING UP ON A NEW STACK!
            watchdog (SIMULATED target): RUNNING 1.5 s • heartbeat 1500 • k stops it
            deadline 60.00 s

            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;

    static final String KILLED = """
            stackviz • SIMULATED • step 6/6 switch: mov rsp, [ctx]; ret
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ rsp (simulated)
            0x7f3ca8001260  60 10 a0 b2 3c 7f 00 00 0x00007f3cb2a01060 ◀ entry address
            0x7f3ca8001258 *dc*05 00 00 00 00 00 00 0x00000000000005dc ◀ heartbeat
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0: rsp = 0x7f3ca8001260 (aligned-16)
            SIMULATED, made up: rsp 0x7f3c9b7fe8a8 rbx 0x7f3ca8001300 rbp 0x7f3c9b7fe900
              r12 0x000000000000 r13 0x7f3ca80012c0 r14 0x7f3ca8001280 r15 0x7f3c9b7fea10
            SIMULATED: the Java thread playing the target stopped when asked. Nothing
            switched stacks, so nothing had to come back. r starts again.


            target output: I LOVE WAKING UP ON A NEW STACK!
            watchdog (SIMULATED target): kill requested • ran 1.50 s • heartbeat 1500
            stopped in 0 ns

            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;

    static final String MISALIGNED_BACK_TO_WRITE = """
            stackviz • SIMULATED • step 4/6 write: the target's address at aligned-16
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001280  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top +5, aligned
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001260  60 10 a0 b2 3c 7f 00 00 0x00007f3cb2a01060 ◀ entry address
            0x7f3ca8001258  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base +5
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0:*rsp = 0x000000000000 (not set yet)
            saved context of the switching thread: filled in by the switch

            The target's address 0x7f3cb2a01060 goes to aligned-16 = 0x7f3ca8001260, lowest
            byte first (little-endian). Why -16: ret pops it and leaves rsp = aligned-8 =
            0x7f3ca8001268, as after a call: (rsp + 8) % 16 == 0.

            target output: (nothing yet: it writes once it wakes up)
            watchdog (SIMULATED target): idle; the target has not run

            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;

    static final String KILL_HINT = """
            stackviz • SIMULATED • step 4/6 write: the target's address at aligned-16
            address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  made-up
            0x7f3ca8001280  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top +5, aligned
            0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001260  60 10 a0 b2 3c 7f 00 00 0x00007f3cb2a01060 ◀ entry address
            0x7f3ca8001258  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
            0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base +5
            0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            legend: base top aligned entry address heartbeat rsp guard *changed
            ctx at 0x7f3ca80012c0:*rsp = 0x000000000000 (not set yet)
            saved context of the switching thread: filled in by the switch

            The target's address 0x7f3cb2a01060 goes to aligned-16 = 0x7f3ca8001260, lowest
            byte first (little-endian). Why -16: ret pops it and leaves rsp = aligned-8 =
            0x7f3ca8001268, as after a call: (rsp + 8) % 16 == 0.

            target output: (nothing yet: it writes once it wakes up)
            watchdog (SIMULATED target): idle; the target has not run
            nothing is running yet: s switches to the target first
            →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
            """;
}
