package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.frame.Frame;
import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Fate;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Origin;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import dev.stackviz.model.TargetLayout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One frame of each experiment, as the isolated child leaves its memory (the bytes written here are
 * the ones TruthTest sees the real targets write), drawn by the real painter at 80x24. The frames
 * are built by hand, with fixed addresses, so that the pictures are exact.
 */
class ExperimentPictureTest {

    static final long BASE = 0x7f3ca8001240L;
    static final long ENTRY = 0x7f3cb2a01060L;
    static final long CONTEXT = 0x7f3ca80012c0L;
    static final int PID = 4242;
    static final StackLayout LAYOUT = new StackLayout(BASE, 48);

    /** A frame of the child's memory after the switch; {@code bytes} are (address, u64) pairs to write. */
    static Frame frame(Experiment experiment, Frame.Phase phase, long woke, long callRsp, Report report,
                       BelowBase below, long... bytes) {
        long start = dev.stackviz.machine.Machine.windowStart(LAYOUT, experiment);
        byte[] window = new byte[(int) (LAYOUT.top() + dev.stackviz.machine.Machine.GUARD - start)];
        for (int i = 0; i < bytes.length; i += 2) {
            System.arraycopy(StackLayout.littleEndian(bytes[i + 1]), 0, window, (int) (bytes[i] - start), 8);
        }
        long entrySlot = LAYOUT.aligned() - experiment.entryBelowTop();
        return new Frame(MachineKind.ISOLATED, PID, phase == Frame.Phase.RUNNING ? Origin.PROC_MEM : Origin.LAST_READ,
                LAYOUT, experiment, Step.SWITCH, phase, start, window, window.clone(), ENTRY, CONTEXT, entrySlot,
                entrySlot, new Frame.RunFacts(true, woke, 33, callRsp, null, 0, 0, 0, false), null, report, below,
                "I LOVE WAKING UP ON A NEW STACK!\n", Frame.Overlay.NONE, List.of(), "", Duration.ofSeconds(60),
                1_500_000_000L);
    }

    static long at(int belowTop) {
        return LAYOUT.aligned() - belowTop;
    }

    @Test
    void misalignedShowsTheFaultAndWhy() {
        Report died = new Report(Report.Cause.ENDED_BY_ITSELF, Duration.ofSeconds(60), Duration.ofMillis(4),
                0, null, true, Duration.ofSeconds(1), Fate.killedBy(Fate.SIGSEGV, null));
        Frame frame = frame(Experiment.MISALIGNED, Frame.Phase.RETURNED, at(16), 0, died, new BelowBase(65536, 0),
                at(24), ENTRY);
        assertEquals("""
                stackviz • child 4242 misaligned • step 6/6 switch: mov rsp, [ctx]; ret
                address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  last read
                0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
                0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000
                0x7f3ca8001260  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ rsp (woke)
                0x7f3ca8001258  60 10 a0 b2 3c 7f 00 00 0x00007f3cb2a01060 ◀ entry address
                0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
                0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
                0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
                0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                legend: base top aligned entry address heartbeat rsp guard *changed
                ctx at 0x7f3ca80012c0: rsp = 0x7f3ca8001258 (aligned-24)
                one-way jump in the child (sv_jump, the seed's gt_switch): nothing is saved,
                there is no way back; k ends the child: SIGTERM, then SIGKILL
                movaps needs a 16-byte aligned address. The target woke with rsp = aligned-16
                (rsp % 16 = 0), reserved 24 bytes trusting the ABI, and stored to [rsp] =
                aligned-40, 8 off a multiple of 16. The CPU faulted: the child was killed by
                SIGSEGV (signal 11). This is why the setup writes at aligned-16.
                target output: I LOVE WAKING UP ON A NEW STACK!
                child was killed by SIGSEGV (signal 11) on its own
                seen gone 4.0 ms after the jump

                →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
                """, Pictures.render(frame, 80, 24));
    }

    @Test
    void overflowShowsWhereEachPushLandedAndWhatLiesBelowBase() {
        long a = TargetLayout.OVERFLOW_PATTERN;
        Frame frame = frame(Experiment.OVERFLOW, Frame.Phase.RUNNING, at(8), 0, null, new BelowBase(65536, 8),
                at(16), a, at(24), a, at(32), a, at(40), a, at(48), a, at(56), 4_138_868);
        assertEquals("""
                stackviz • child 4242 overflow • step 6/6 switch: mov rsp, [ctx]; ret
                address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  /proc/mem
                0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
                0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ rsp (woke)
                0x7f3ca8001260  41 41 41 41 41 41 41 41 0x4141414141414141 ◀ entry: 'AAAAAAAA'
                0x7f3ca8001258  41 41 41 41 41 41 41 41 0x4141414141414141 ◀ 'AAAAAAAA'
                0x7f3ca8001250  41 41 41 41 41 41 41 41 0x4141414141414141 ◀ 'AAAAAAAA'
                0x7f3ca8001248  41 41 41 41 41 41 41 41 0x4141414141414141 ◀ 'AAAAAAAA'
                0x7f3ca8001240  41 41 41 41 41 41 41 41 0x4141414141414141 ◀ 'AAAAAAAA', base
                0x7f3ca8001238  74 27 3f 00 00 00 00 00 0x00000000003f2774 ◀ heartbeat
                0x7f3ca8001230  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                legend: base top aligned entry address heartbeat rsp guard *changed
                ctx at 0x7f3ca80012c0: rsp = 0x7f3ca8001260 (aligned-16)
                one-way jump in the child (sv_jump, the seed's gt_switch): nothing is saved,
                there is no way back; k ends the child: SIGTERM, then SIGKILL
                From aligned-8 the target pushed 6 'AAAAAAAA' down to aligned-56 (8 bytes below
                base), then put its heartbeat in the lowest slot. 5 rows of 'AAAAAAAA' are
                inside the buffer; below base, base-8 holds the heartbeat. The entry address at
                aligned-16 was overwritten.
                target output: I LOVE WAKING UP ON A NEW STACK!
                watchdog: RUNNING 1.5 s • heartbeat 4138868 • k ends it • deadline 60.00 s

                →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
                """, Pictures.render(frame, 80, 24));
    }

    @Test
    void seedHelloShowsHowDeepTheCLibraryWentAndTheAlignmentOfItsCall() {
        Frame frame = frame(Experiment.SEED_HELLO, Frame.Phase.RUNNING, at(8), at(32), null,
                new BelowBase(65536, 632), at(16), ENTRY, at(24), 3_999_121, at(40), 0x7f8dabd7134fL,
                at(48), 0x7f8daa91deb0L, at(56), 1, at(64), 8);
        assertEquals("""
                stackviz • child 4242 seed-hello • step 6/6 switch: mov rsp, [ctx]; ret
                address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  /proc/mem
                0x7f3ca8001280  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
                0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ rsp (woke)
                0x7f3ca8001260  60 10 a0 b2 3c 7f 00 00 0x00007f3cb2a01060 ◀ entry address
                0x7f3ca8001258  91 05 3d 00 00 00 00 00 0x00000000003d0591 ◀ heartbeat
                0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
                0x7f3ca8001248  4f 13 d7 ab 8d 7f 00 00 0x00007f8dabd7134f
                0x7f3ca8001240  b0 de 91 aa 8d 7f 00 00 0x00007f8daa91deb0 ◀ base
                0x7f3ca8001238  01 00 00 00 00 00 00 00 0x0000000000000001 ◀ guard, written
                legend: base top aligned entry address heartbeat rsp guard *changed
                ctx at 0x7f3ca80012c0: rsp = 0x7f3ca8001260 (aligned-16)
                one-way jump in the child (sv_jump, the seed's gt_switch): nothing is saved,
                there is no way back; k ends the child: SIGTERM, then SIGKILL
                puts and fflush wrote below the 48-byte buffer, down to base-632 =
                0x7f3ca8000fc8, in the 64 KiB the child keeps below base. puts was called with
                rsp = aligned-32, a multiple of 16, as the ABI asks.

                target output: I LOVE WAKING UP ON A NEW STACK!
                watchdog: RUNNING 1.5 s • heartbeat 3999121 • k ends it • deadline 60.00 s

                →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
                """, Pictures.render(frame, 80, 24));
    }

    @Test
    void theSeedsForeverLoopSaysThereIsNoWayBack() {
        Frame frame = frame(Experiment.NONE, Frame.Phase.RUNNING, at(8), 0, null, new BelowBase(65536, 0),
                at(16), ENTRY, at(24), 432_513);
        assertEquals("""
                stackviz • child 4242 none • step 6/6 switch: mov rsp, [ctx]; ret
                address         +0 +1 +2 +3 +4 +5 +6 +7 as u64 (little-endian)  /proc/mem
                0x7f3ca8001280  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                0x7f3ca8001278  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                0x7f3ca8001270  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ top = aligned
                0x7f3ca8001268  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ rsp (woke)
                0x7f3ca8001260  60 10 a0 b2 3c 7f 00 00 0x00007f3cb2a01060 ◀ entry address
                0x7f3ca8001258  81 99 06 00 00 00 00 00 0x0000000000069981 ◀ heartbeat
                0x7f3ca8001250  00 00 00 00 00 00 00 00 0x0000000000000000
                0x7f3ca8001248  00 00 00 00 00 00 00 00 0x0000000000000000
                0x7f3ca8001240  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ base
                0x7f3ca8001238  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ guard
                legend: base top aligned entry address heartbeat rsp guard *changed
                ctx at 0x7f3ca80012c0: rsp = 0x7f3ca8001260 (aligned-16)
                one-way jump in the child (sv_jump, the seed's gt_switch): nothing is saved,
                there is no way back; k ends the child: SIGTERM, then SIGKILL
                The child jumped one way and woke in the target with rsp = 0x7f3ca8001268 =
                aligned-8, as predicted. Its heartbeat at aligned-24 = 0x7f3ca8001258 counts;
                there is no way back. k ends the child (SIGTERM, then SIGKILL).

                target output: I LOVE WAKING UP ON A NEW STACK!
                watchdog: RUNNING 1.5 s • heartbeat 432513 • k ends it • deadline 60.00 s

                →/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit
                """, Pictures.render(frame, 80, 24));
    }
}
