package dev.stackviz.frame;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.StackLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Green-thread frames built by hand at the simulated scheduler's addresses: each fiber's stack,
 * the guard bytes around it that its window holds, its saved context and the u64s its memory holds.
 */
final class Fibers {

    static final long STACKS = 0x7f3ca8020000L;
    static final long ENTRY = 0x7f3cb2a02000L;
    static final long FINISH = 0x7f3cb2a02040L;
    static final long SCHED = 0x7f3ca8010000L;

    private Fibers() {
    }

    /**
     * Fiber {@code index} on {@code layout}, its window {@code below} bytes under base to {@code above} bytes
     * over top, its context saved at {@code rsp}, its memory holding {@code u64s} (address, value pairs).
     */
    static Fiber fiber(int index, Fiber.Status status, StackLayout layout, int below, int above, long rsp,
                       long... u64s) {
        long start = layout.base() - below;
        byte[] window = new byte[below + layout.size() + above];
        for (int i = 0; i < u64s.length; i += 2) {
            System.arraycopy(StackLayout.littleEndian(u64s[i + 1]), 0, window, (int) (u64s[i] - start), 8);
        }
        return new Fiber(index, status, index, 2 + index, layout, start, window,
                new Registers(rsp, SCHED + 0xc0 + 0x80L * index, 0, SCHED, 0, 0, 0, 0));
    }

    /** A fiber prepared as the seed prepares a stack: sv_fiber_finish at aligned-8, sv_fiber_body at aligned-16. */
    static Fiber prepared(int index, Fiber.Status status, int size) {
        StackLayout layout = new StackLayout(STACKS + 0x1000L * index, size);
        return fiber(index, status, layout, 32, 32, layout.belowAligned(16), layout.belowAligned(8), FINISH,
                layout.belowAligned(16), ENTRY);
    }

    static Scheduler scheduler(Scheduler.Mode mode, long switches, int from, int to, boolean returned,
                               List<Fiber> fibers) {
        return new Scheduler(mode, switches, from, to, mode == Scheduler.Mode.STEP && !returned, returned, fibers,
                ENTRY, FINISH);
    }

    static FibersFrame frame(Scheduler now, Scheduler before) {
        return frame(now, before, "", 0);
    }

    static FibersFrame frame(Scheduler now, Scheduler before, String output, double rate) {
        return new FibersFrame(MachineKind.NATIVE, now.fibers().get(0).layout().size(), now, before, output, 0,
                Frame.Overlay.NONE, List.of(), "", rate, dev.stackviz.model.Isa.X86_64);
    }

    /** The same frame, of fibers switched on AArch64. */
    static FibersFrame arm64(FibersFrame f) {
        return new FibersFrame(f.kind(), f.stackSize(), f.now(), f.before(), f.output(), f.selected(), f.overlay(),
                f.panel(), f.hint(), f.rate(), dev.stackviz.model.Isa.AARCH64);
    }

    /** Fiber {@code index} as AArch64's sv_swap saved it: sp, and x19-x30 with x30 = {@code x30}. */
    static Fiber onArm64(Fiber f, long x30) {
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.Collections.nCopies(12, 0L));
        values.set(0, SCHED + 0x130 + 0xf0L * f.index());
        values.set(1, SCHED);
        values.set(11, x30);
        return new Fiber(f.index(), f.status(), f.counter(), f.rounds(), f.layout(), f.windowStart(), f.window(),
                new Registers(dev.stackviz.model.Isa.AARCH64, f.saved().sp(), values, 0));
    }

    /** {@code count} fibers of {@code size} bytes, none started. */
    static List<Fiber> prepared(int count, int size) {
        List<Fiber> fibers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fibers.add(prepared(i, Fiber.Status.READY, size));
        }
        return fibers;
    }
}
