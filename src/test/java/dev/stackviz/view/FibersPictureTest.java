package dev.stackviz.view;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.machine.simulated.SimulatedFibers;
import dev.stackviz.session.FibersSession;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The green threads at 80x24 and 160x48, painted by the real FibersPainter through a Lanterna
 * screen onto a DefaultVirtualTerminal. The simulated scheduler has fixed addresses, and both
 * clocks are fixed (the machine's advances 1 us per reading), so every picture is exact.
 */
class FibersPictureTest {

    final AtomicLong machineClock = new AtomicLong(5_000_000_000L);
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    FibersSession session = open(3, 2);

    FibersSession open(int count, long rounds) {
        return new FibersSession(() -> new SimulatedFibers(count, 16, rounds, () -> machineClock.getAndAdd(1000)),
                clock::get, "stackviz: SIMULATED machine: --simulate was given");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private void press(String... keys) {
        for (String key : keys) {
            session.press(key);
        }
    }

    @Test
    void beforeTheFirstSwitchEachStackIsPreparedAsTheSeedPreparesOne() {
        assertEquals(SETUP_80, Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void aYieldShowsWhatWasSavedAndWhatLoaded() {
        press("n", "n", "n", "n");
        assertEquals(FOURTH_SWITCH_80, Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void tabShowsTheNextFibersStackAt80Columns() {
        press("n", "n", "tab");
        assertEquals(TAB_80, Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void aFiberThatReturnsLandsInTheFinishingRoutine() {
        press("n", "n", "n", "n", "n", "n", "n");
        assertEquals(FINISHED_80, Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void whenAllAreDoneTheSchedulerReturnsAndTheScreenSaysSo() {
        press("s");
        await("the scheduler's return").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                .until(() -> session.frame().now().returned());
        assertEquals(ALL_DONE_80, Pictures.render(session.frame(), 80, 24));
    }

    @Test
    void sideBySideAt160By48() {
        press("n", "n", "n", "n");
        assertEquals(FOURTH_SWITCH_160, Pictures.render(session.frame(), 160, 48));
    }

    @Test
    void theHelpListsTheFibersKeys() {
        press("?");
        assertEquals(HELP_80, Pictures.render(session.frame(), 80, 24));
    }

    static final String SETUP_80 = """
            stackviz • SIMULATED • 3 fibers of 16 B • not started
            fibers: 1 ready 0/2 • 2 ready 0/3 • 3 ready 0/4
            fiber 1: 16 bytes at 0x7f3ca8020000, ready
            0x7f3ca8020020  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020018  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020010  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8020008  40 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02040 ◀ finish (guard)
            0x7f3ca8020000  00 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02000 ◀ entry, base
            0x7f3ca801fff8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801fff0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801ffe8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            SIMULATED saved ctx: rsp 0x7f3ca8020000 rbx 0x7f3ca80100c0 rbp 0x000000000000
              r12 0x7f3ca8010000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000
            legend: saved rsp aligned-16: entry, then a return address guard *changed
            SIMULATED: no stack is switched; a Java model follows the scheduler's rules. 3
            fibers, each on a 16-byte heap stack prepared as the seed prepares one: top
            aligned down to 16, sv_fiber_body at aligned-16 and above it, at aligned-8,
            sv_fiber_finish, where the body's ret lands (the book's guard). Each context:
            rsp = aligned-16, rbx = the fiber, r12 = the scheduler.
            output: (nothing yet: each fiber writes a line per round)

            scheduler (SIMULATED): not started • n: the first switch • s: full speed
            stackviz: SIMULATED machine: --simulate was given
            →/n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit
            """;

    static final String FOURTH_SWITCH_80 = """
            stackviz • SIMULATED • 3 fibers of 16 B • switch 4: fiber 3 -> fiber 1
            fibers: 1 RUNNING 2/2 • 2 ready 1/3 • 3 ready 1/4
            fiber 1: 16 bytes at 0x7f3ca8020000, running
            0x7f3ca8020020  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020018  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020010  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8020008  40 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02040 ◀ finish (guard)
            0x7f3ca8020000  2a 20 a0 b2 3c 7f 00 00 0x00007f3cb2a0202a ◀ ret into body, base
            0x7f3ca801fff8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801fff0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            SIMULATED loaded ctx: rsp 0x7f3ca8020000 rbx 0x7f3ca80100c0 rbp 0x000000000000
              r12 0x7f3ca8010000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000
            legend: saved rsp aligned-16: entry, then a return address guard *changed
            SIMULATED: no stack is switched; a Java model follows the scheduler's rules.
            Switch 4: fiber 3 yielded: sv_swap saved its rsp = aligned-16, where the call
            left the return address 0x7f3cb2a0202a, with rbx, rbp, r12-r15; then loaded
            fiber 1's: rsp = aligned-16, pop + jmp to 0x7f3cb2a0202a. Fiber 1 ran a round,
            wrote 'fiber 1: 2' and yielded.
            output: fiber 3: 1
                    fiber 1: 2
            scheduler (SIMULATED): waiting at the gate • 4 switches • n: one more
            s: full speed

            →/n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit
            """;

    static final String TAB_80 = """
            stackviz • SIMULATED • 3 fibers of 16 B • switch 2: fiber 1 -> fiber 2
            fibers: 1 ready 1/2 • 2 RUNNING 1/3 • 3 ready 0/4
            fiber 3: 16 bytes at 0x7f3ca8022000, ready, saved rsp aligned-16
            0x7f3ca8022020  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8022018  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8022010  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8022008  40 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02040 ◀ finish (guard)
            0x7f3ca8022000  00 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02000 ◀ rsp, entry, base
            0x7f3ca8021ff8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8021ff0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            SIMULATED saved ctx: rsp 0x7f3ca8022000 rbx 0x7f3ca80101c0 rbp 0x000000000000
              r12 0x7f3ca8010000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000
            legend: saved rsp aligned-16: entry, then a return address guard *changed
            SIMULATED: no stack is switched; a Java model follows the scheduler's rules.
            Switch 2: fiber 1 yielded: sv_swap saved its rsp = aligned-16, where the call
            left the return address 0x7f3cb2a0202a, with rbx, rbp, r12-r15; then loaded
            fiber 2's: rsp = aligned-16, pop + jmp to 0x7f3cb2a02000 (sv_fiber_body: its
            first run). Fiber 2 ran a round, wrote 'fiber 2: 1' and yielded.
            output: fiber 1: 1
                    fiber 2: 1
            scheduler (SIMULATED): waiting at the gate • 2 switches • n: one more
            s: full speed

            →/n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit
            """;

    static final String FINISHED_80 = """
            stackviz • SIMULATED • 3 fibers of 16 B • switch 7: fiber 3 -> fiber 1
            fibers: 1 done 2/2 • 2 ready 2/3 • 3 ready 2/4
            fiber 1: 16 bytes at 0x7f3ca8020000, done
            0x7f3ca8020020  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020018  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020010  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8020008  40 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02040 ◀ finish (guard)
            0x7f3ca8020000  2a 20 a0 b2 3c 7f 00 00 0x00007f3cb2a0202a ◀ ret into body, base
            0x7f3ca801fff8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801fff0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            SIMULATED loaded ctx: rsp 0x7f3ca8020000 rbx 0x7f3ca80100c0 rbp 0x000000000000
              r12 0x7f3ca8010000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000
            legend: saved rsp aligned-16: entry, then a return address guard *changed
            SIMULATED: no stack is switched; a Java model follows the scheduler's rules.
            Switch 7: fiber 3 yielded: sv_swap saved its rsp = aligned-16, where the call
            left the return address 0x7f3cb2a0202a, with rbx, rbp, r12-r15; then loaded
            fiber 1's: rsp = aligned-16, pop + jmp to 0x7f3cb2a0202a. Its function returned:
            ret popped sv_fiber_finish from aligned-8, which marked it done.
            output: fiber 2: 2
                    fiber 3: 2
            scheduler (SIMULATED): waiting at the gate • 7 switches • n: one more
            s: full speed

            →/n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit
            """;

    static final String ALL_DONE_80 = """
            stackviz • SIMULATED • 3 fibers of 16 B • returned after 13 switches
            fibers: 1 done 2/2 • 2 done 3/3 • 3 done 4/4
            fiber 1: 16 bytes at 0x7f3ca8020000, done, saved rsp aligned
            0x7f3ca8020020  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020018  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020010  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top, saved rsp
            0x7f3ca8020008  40 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02040 ◀ finish (guard)
            0x7f3ca8020000 *2a 20 a0 b2 3c 7f 00 00 0x00007f3cb2a0202a ◀ ret into body, base
            0x7f3ca801fff8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801fff0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            SIMULATED saved ctx: rsp*0x7f3ca8020010 rbx 0x7f3ca80100c0 rbp 0x000000000000
              r12 0x7f3ca8010000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000
            legend: saved rsp aligned-16: entry, then a return address guard *changed
            SIMULATED: no stack is switched; a Java model follows the scheduler's rules. 13
            switches since the last key; the last: fiber 3, done, switched on for good; then
            it loaded the thread's own context. Every fiber done, the scheduler switched
            back to the thread's own stack, restored its signal mask and returned after 13
            switches.
            output: fiber 3: 3
                    fiber 3: 4
            scheduler (SIMULATED): returned after 13 switches • 13,000,000 switches/s
            r starts again

            →/n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit
            """;

    static final String FOURTH_SWITCH_160 = """
            stackviz • SIMULATED • 3 fibers of 16 B • switch 4: fiber 3 -> fiber 1
            fibers: 1 RUNNING 2/2 • 2 ready 1/3 • 3 ready 1/4
            fiber 1: 16 bytes at 0x7f3ca8020000, running                                    fiber 2: 16 bytes at 0x7f3ca8021000, ready, saved rsp aligned-16
            0x7f3ca8020040  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8021040  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020038  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8021038  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020030  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8021030  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020028  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8021028  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020020  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8021020  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020018  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8021018  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8020010  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned      0x7f3ca8021010  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8020008  40 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02040 ◀ finish (guard)     0x7f3ca8021008  40 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02040 ◀ finish (guard)
            0x7f3ca8020000  2a 20 a0 b2 3c 7f 00 00 0x00007f3cb2a0202a ◀ return, base       0x7f3ca8021000  2a 20 a0 b2 3c 7f 00 00 0x00007f3cb2a0202a ◀ rsp, return, base
            0x7f3ca801fff8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8020ff8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801fff0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8020ff0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801ffe8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8020fe8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801ffe0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8020fe0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801ffd8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8020fd8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca801ffd0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard              0x7f3ca8020fd0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            SIMULATED loaded ctx: rsp 0x7f3ca8020000 rbx 0x7f3ca80100c0 rbp 0x000000000000  SIMULATED saved ctx: rsp 0x7f3ca8021000 rbx 0x7f3ca8010140 rbp 0x000000000000
              r12 0x7f3ca8010000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000     r12 0x7f3ca8010000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000
            fiber 3: 16 bytes at 0x7f3ca8022000, ready, saved rsp aligned-16
            0x7f3ca8022040  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8022038  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8022030  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8022028  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8022020  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8022018  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8022010  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
            0x7f3ca8022008  40 20 a0 b2 3c 7f 00 00 0x00007f3cb2a02040 ◀ finish (guard)
            0x7f3ca8022000  2a 20 a0 b2 3c 7f 00 00 0x00007f3cb2a0202a ◀ rsp, return, base
            0x7f3ca8021ff8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8021ff0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8021fe8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8021fe0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8021fd8  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            0x7f3ca8021fd0  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
            SIMULATED saved ctx: rsp 0x7f3ca8022000 rbx 0x7f3ca80101c0 rbp 0x000000000000
              r12 0x7f3ca8010000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000

            legend: saved rsp aligned-16: entry, then a return address guard *changed
            SIMULATED: no stack is switched; a Java model follows the scheduler's rules. Switch 4: fiber 3 yielded: sv_swap saved its rsp = aligned-16, where the call left
            the return address 0x7f3cb2a0202a, with rbx, rbp, r12-r15; then loaded fiber 1's: rsp = aligned-16, pop + jmp to 0x7f3cb2a0202a. Fiber 1 ran a round, wrote
            'fiber 1: 2' and yielded.
            output: fiber 3: 1
                    fiber 1: 2
            scheduler (SIMULATED): waiting at the gate • 4 switches • n: one more • s: full speed

            →/n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit
            """;

    static final String HELP_80 = """
            stackviz • SIMULATED • 3 fibers of 16 B • not started
            fibers: 1 ready 0/2 • 2 ready 0/3 • 3 ready 0/4
            ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░
            ░ stackviz fibers: keys                                                        ░
            ░                                                                              ░
            ░   right, space, n   one switch: the next fiber runs up to its yield          ░
            ░   s                 let them run at full speed (no waiting at the gate)      ░
            ░   k                 stop them: the scheduler returns to its thread's stack   ░
            ░   r                 fresh fibers, from the start                             ░
            ░   Tab, f            show the next fiber's stack (where one fits at a time)   ░
            ░   ?, h              this help; any key closes it                             ░
            ░   Ctrl-L            redraw the whole screen                                  ░
            ░   Ctrl-Z            suspend; fg resumes (a running target pauses too)        ░
            ░   q, Ctrl-C         quit (stops the target first)                            ░
            ░                                                                              ░
            ░   Marks at the row's right: saved rsp, finish (guard), entry, ret into body, ░
            ░   top, aligned, base (rsp, ret, finish where narrow). * marks the bytes and  ░
            ░   the registers the last switch changed.                                     ░
            ░                                                                              ░
            ░   any key closes this help                                                   ░
            ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░
            scheduler (SIMULATED): not started • n: the first switch • s: full speed

            →/n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit
            """;
}
