package dev.stackviz.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.Scheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The green threads' explanation and status line in the states the stepped pictures do not reach. */
class FibersTextsTest {

    static final String DOT = " • ";

    static Scheduler scheduler(Scheduler.Mode mode, long switches, int from, int to, boolean returned) {
        return Fibers.scheduler(mode, switches, from, to, returned, Fibers.prepared(3, 16));
    }

    @Test
    void atFullSpeedTheExplanationSaysWhatEachSwitchDoesAndTheStatusCountsThem() {
        Scheduler s = scheduler(Scheduler.Mode.RUN, 1234, 0, 1, false);
        FibersFrame frame = Fibers.frame(s, scheduler(Scheduler.Mode.RUN, 1000, 2, 0, false), "", 5_000_000);
        assertEquals("At full speed: each switch saves a fiber's rsp, rbx, rbp and r12-r15 and loads the next one's; "
                + "nothing waits at the gate. Memory is read one fiber after another while they run, so the "
                + "numbers on screen are not all from one instant.", FibersTexts.explanation(frame));
        assertEquals("scheduler: FULL SPEED • 1,234 switches • 5,000,000 switches/s • k stops them",
                FibersTexts.status(frame, DOT), "counts and rates grouped alike");
    }

    @Test
    void aStoppedSchedulerSaysItWasAskedToStop() {
        Scheduler s = scheduler(Scheduler.Mode.STOP, 7, 1, -1, true);
        FibersFrame frame = Fibers.frame(s, s);
        assertEquals("Asked to stop, at its next yield the scheduler switched back to the thread's own stack, "
                + "restored its signal mask and returned after 7 switches.", FibersTexts.explanation(frame));
        assertEquals("scheduler: returned after 7 switches • r starts again", FibersTexts.status(frame, DOT),
                "no rate: the switches were stepped");
        Scheduler one = scheduler(Scheduler.Mode.STEP, 1, -1, 0, false);
        assertEquals("scheduler: waiting at the gate • 1 switch • n: one more • s: full speed",
                FibersTexts.status(Fibers.frame(one, one), DOT), "one switch, not '1 switches'");
    }

    @Test
    void afterKTheFibersThatDidNotFinishAreStoppedNotReady() {
        List<Fiber> fibers = new ArrayList<>(Fibers.prepared(3, 16));
        fibers.set(0, Fibers.prepared(0, Fiber.Status.DONE, 16));
        fibers.set(1, Fibers.prepared(1, Fiber.Status.RUNNING, 16)); // the one k caught, as the scheduler left it
        Scheduler s = Fibers.scheduler(Scheduler.Mode.STOP, 7, 1, -1, true, fibers);
        FibersFrame frame = Fibers.frame(s, s);
        assertEquals("fibers: 1 done 0/2 • 2 stopped 1/3 • 3 stopped 2/4", FibersTexts.summary(frame, DOT, 80));
        assertEquals("fiber 3: 16 bytes at 0x7f3ca8022000, stopped, saved rsp aligned-16",
                FibersTexts.stackHeader(frame, 2), "it will never run again");
        Scheduler running = Fibers.scheduler(Scheduler.Mode.STEP, 7, 0, 1, false, fibers);
        assertEquals("fibers: 1 done 0/2 • 2 RUNNING 1/3 • 3 ready 2/4",
                FibersTexts.summary(Fibers.frame(running, running), DOT, 80), "ready while the scheduler runs");
    }

    @Test
    void betweenTwoSwitchesTheSchedulerWaitsAtTheGate() {
        Scheduler s = scheduler(Scheduler.Mode.STEP, 2, 0, 1, false);
        assertEquals("Waiting at the gate: the scheduler makes the next switch when the UI lets it.",
                FibersTexts.explanation(Fibers.frame(s, s)));
    }

    @Test
    void severalSwitchesSinceTheLastPictureAreCountedAndTheLastOneTold() {
        List<Fiber> fibers = new ArrayList<>(Fibers.prepared(3, 16));
        Fiber second = fibers.get(1);
        fibers.set(1, Fibers.fiber(1, Fiber.Status.READY, second.layout(), 32, 32, second.layout().belowAligned(16),
                second.layout().belowAligned(16), Fibers.ENTRY + 0x2a));
        Scheduler now = Fibers.scheduler(Scheduler.Mode.STEP, 7, 1, 2, false, fibers);
        FibersFrame frame = Fibers.frame(now, scheduler(Scheduler.Mode.STEP, 3, 0, 1, false));
        assertEquals("4 switches since the last key; the last: fiber 2 yielded: sv_swap saved its rsp = aligned-16, where the call left "
                + "the return address 0x7f3cb2a0202a, with rbx, rbp, r12-r15; then loaded fiber 3's: rsp = aligned-16, "
                + "pop + jmp to 0x7f3cb2a02000 (sv_fiber_body: its first run). Fiber 3 ran a round and yielded.",
                FibersTexts.explanation(frame));
    }

    static final long START = 0x7f3cb2a01f00L;

    /** Three fibers as AArch64 sets them up: x30 = sv_start in each context. */
    static List<Fiber> arm64Prepared() {
        List<Fiber> fibers = new ArrayList<>();
        for (Fiber f : Fibers.prepared(3, 16)) {
            fibers.add(Fibers.onArm64(f, START));
        }
        return fibers;
    }

    @Test
    void onAarch64TheSetupSaysSvStartTakesTheEntryFromTheStack() {
        Scheduler s = Fibers.scheduler(Scheduler.Mode.SETUP, 0, -1, -1, false, arm64Prepared());
        assertEquals("3 fibers, each on a 16-byte heap stack prepared as the seed prepares one: top aligned down to 16, "
                + "sv_fiber_body at aligned-16 and above it, at aligned-8, sv_fiber_finish, where the body's ret lands "
                + "(the book's guard). AArch64's ret pops nothing, so each context holds x30 = sv_start, whose ldp x16, "
                + "x30, [sp], #16; br x16 takes both from the stack; and sp = aligned-16, x19 = the fiber, x20 = the "
                + "scheduler.", FibersTexts.explanation(Fibers.arm64(Fibers.frame(s, s))));
        Scheduler run = Fibers.scheduler(Scheduler.Mode.RUN, 10, 0, 1, false, arm64Prepared());
        assertEquals("At full speed: each switch saves a fiber's sp, x19-x30 and d8-d15 and loads the next one's; "
                + "nothing waits at the gate. Memory is read one fiber after another while they run, so the "
                + "numbers on screen are not all from one instant.", FibersTexts.explanation(Fibers.arm64(
                        Fibers.frame(run, run))));
    }

    /** On AArch64 the return address of a yield is in the context's x30, not on the fiber's stack. */
    @Test
    void onAarch64AYieldKeepsItsReturnAddressInX30() {
        List<Fiber> fibers = new ArrayList<>(arm64Prepared());
        Fiber second = fibers.get(1);
        fibers.set(1, Fibers.onArm64(Fibers.fiber(1, Fiber.Status.READY, second.layout(), 32, 32,
                second.layout().belowAligned(16), second.layout().belowAligned(8), Fibers.FINISH), Fibers.ENTRY + 0x2a));
        Scheduler now = Fibers.scheduler(Scheduler.Mode.STEP, 7, 1, 2, false, fibers);
        Scheduler before = Fibers.scheduler(Scheduler.Mode.STEP, 6, 0, 1, false, arm64Prepared());
        FibersFrame frame = Fibers.arm64(Fibers.frame(now, before));
        assertEquals("Switch 7: fiber 2 yielded: sv_swap saved its sp = aligned-16 and x30 = 0x7f3cb2a0202a, where its "
                + "bl returns (not on the stack), with x19-x29, d8-d15; then loaded fiber 3's: sp = aligned-16, ret to "
                + "x30 = 0x7f3cb2a01f00 (sv_start, which took sv_fiber_body from the stack: its first run). Fiber 3 ran "
                + "a round and yielded.", FibersTexts.explanation(frame));
        assertEquals(List.of("loaded ctx: sp 0x7f3ca8022000 x19 0x7f3ca8010310 x20 0x7f3ca8010000",
                "  x29 0x000000000000 x30 0x7f3cb2a01f00, x21-x28 and d8-d15 saved too"), FibersTexts.context(frame, 2));
        assertEquals("fiber 2: 16 bytes at 0x7f3ca8021000, ready, saved sp aligned-16", FibersTexts.stackHeader(frame, 1));
    }

    @Test
    void onAarch64ADoneFiberReturnedThroughX30() {
        List<Fiber> fibers = new ArrayList<>(arm64Prepared());
        fibers.set(2, Fibers.onArm64(Fibers.prepared(2, Fiber.Status.DONE, 16), START));
        Scheduler now = Fibers.scheduler(Scheduler.Mode.STEP, 7, 1, 2, false, fibers);
        Scheduler before = Fibers.scheduler(Scheduler.Mode.STEP, 6, 0, 1, false, arm64Prepared());
        String text = FibersTexts.explanation(Fibers.arm64(Fibers.frame(now, before)));
        assertTrue(text.endsWith("Its function returned: its frame gave back x30 = sv_fiber_finish from aligned-8 and "
                + "ret went there, which marked it done."), text);
    }

    @Test
    void theHelpNamesTheMarksOfItsInstructionSet() {
        String arm = String.join("\n", FibersTexts.help(dev.stackviz.model.Isa.AARCH64));
        assertTrue(arm.contains("saved sp, finish (guard), entry, top, aligned,"), arm);
        assertTrue(!arm.contains("ret into body") && !arm.contains("rsp"), arm);
        String x86 = String.join("\n", FibersTexts.help(dev.stackviz.model.Isa.X86_64));
        assertTrue(x86.contains("saved rsp, finish (guard), entry, ret into body,"), x86);
    }
}
