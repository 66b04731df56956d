package dev.stackviz.frame;

import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Origin;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import dev.stackviz.model.TargetLayout;
import dev.stackviz.model.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames built by hand, at the simulated machine's fixed addresses, with a window of {@link #GUARD}
 * bytes on each side of the stack (and of the lowest slot an experiment uses): every fact a test
 * needs is set here, so that every sentence and every row is exact.
 */
public final class FrameBuilder {

    public static final long BASE = 0x7f3ca8001240L;
    public static final long ENTRY = 0x7f3cb2a01060L;
    public static final long CONTEXT = 0x7f3ca80012c0L;
    public static final int GUARD = 32;
    /** The frame's clock, in nanoseconds. */
    public static final long NOW = 10_000_000_000L;

    private MachineKind kind = MachineKind.NATIVE;
    private dev.stackviz.model.Isa isa = dev.stackviz.model.Isa.X86_64;
    private long pid;
    private Origin origin = Origin.LIVE;
    private StackLayout layout = new StackLayout(BASE, 48);
    private Experiment experiment;
    private Step step = Step.ALLOCATE;
    private Frame.Phase phase = Frame.Phase.SETUP;
    private Long windowStart;
    private Integer windowLength;
    private long entryAddress = ENTRY;
    private long contextRsp;
    private long contextRspBefore;
    private Frame.RunFacts run;
    private Trace trace;
    private Report report;
    private BelowBase below;
    private String output = "";
    private Frame.Overlay overlay = Frame.Overlay.NONE;
    private List<String> panel = List.of();
    private String hint = "";
    private Duration deadline = Duration.ofSeconds(60);
    private final List<long[]> both = new ArrayList<>();
    private final List<long[]> now = new ArrayList<>();
    private final List<long[]> earlier = new ArrayList<>();

    /** The in-process native view at {@code step}, on the seed's 48 bytes at {@link #BASE}. */
    public static FrameBuilder at(Step step) {
        FrameBuilder b = new FrameBuilder();
        b.step = step;
        return b;
    }

    /** A frame after the switch: the target woke with {@code woke} (0: not reported), running. */
    public static FrameBuilder running(long woke) {
        return at(Step.SWITCH).phase(Frame.Phase.RUNNING).run(woke, 0, null);
    }

    /** The isolated child {@code pid} running {@code experiment}, at {@code step}. */
    public static FrameBuilder child(Experiment experiment, Step step) {
        return at(step).kind(MachineKind.ISOLATED).pid(4242).experiment(experiment).origin(Origin.PROC_MEM);
    }

    /** The overflow target in an isolated child, running on a buffer of {@code size} bytes, woken at aligned-8. */
    public static FrameBuilder overflowRunning(int size) {
        FrameBuilder b = child(Experiment.OVERFLOW, Step.SWITCH).stack(size, 0).phase(Frame.Phase.RUNNING);
        return b.run(b.aligned(8), 0, null).setUp();
    }

    /** The overflow target's pushes done: 'AAAAAAAA' at aligned-16 to aligned-48, its heartbeat in the lowest, aligned-56. */
    public FrameBuilder pushed() {
        for (int below = 16; below <= 48; below += 8) {
            u64(aligned(below), TargetLayout.OVERFLOW_PATTERN);
        }
        return u64(aligned(56), 4_138_868);
    }

    public FrameBuilder kind(MachineKind kind) {
        this.kind = kind;
        return this;
    }

    /** A switch on {@code isa} (x86-64 unless told). */
    public FrameBuilder isa(dev.stackviz.model.Isa isa) {
        this.isa = isa;
        return this;
    }

    public FrameBuilder simulated() {
        return kind(MachineKind.SIMULATED).origin(Origin.MADE_UP);
    }

    public FrameBuilder pid(long pid) {
        this.pid = pid;
        return this;
    }

    public FrameBuilder origin(Origin origin) {
        this.origin = origin;
        return this;
    }

    public FrameBuilder layout(StackLayout layout) {
        this.layout = layout;
        return this;
    }

    /** The seed's buffer of {@code size} bytes, starting {@code misalign} bytes past {@link #BASE}. */
    public FrameBuilder stack(int size, int misalign) {
        return layout(new StackLayout(BASE + misalign, size));
    }

    public FrameBuilder experiment(Experiment experiment) {
        this.experiment = experiment;
        return this;
    }

    public FrameBuilder step(Step step) {
        this.step = step;
        return this;
    }

    public FrameBuilder phase(Frame.Phase phase) {
        this.phase = phase;
        return this;
    }

    /** A window of exactly these bytes, instead of the stack with {@link #GUARD} bytes on each side. */
    public FrameBuilder window(long start, int length) {
        this.windowStart = start;
        this.windowLength = length;
        return this;
    }

    public FrameBuilder entryAddress(long entryAddress) {
        this.entryAddress = entryAddress;
        return this;
    }

    public FrameBuilder contextRsp(long now, long before) {
        this.contextRsp = now;
        this.contextRspBefore = before;
        return this;
    }

    /** What the target reported: rsp at wake-up, seed-hello's rsp at its call, the saved registers. */
    public FrameBuilder run(long woke, long callRsp, Registers saved) {
        this.run = new Frame.RunFacts(kind == MachineKind.ISOLATED, woke, 33, callRsp, saved, 0,
                NOW - 2_345_000_000L, 0, false);
        return this;
    }

    public FrameBuilder run(Frame.RunFacts run) {
        this.run = run;
        return this;
    }

    public FrameBuilder trace(Trace trace) {
        this.trace = trace;
        return this;
    }

    public FrameBuilder report(Report report) {
        this.report = report;
        return this;
    }

    public FrameBuilder below(BelowBase below) {
        this.below = below;
        return this;
    }

    public FrameBuilder output(String output) {
        this.output = output;
        return this;
    }

    public FrameBuilder overlay(Frame.Overlay overlay, List<String> panel) {
        this.overlay = overlay;
        this.panel = panel;
        return this;
    }

    public FrameBuilder hint(String hint) {
        this.hint = hint;
        return this;
    }

    public FrameBuilder deadline(Duration deadline) {
        this.deadline = deadline;
        return this;
    }

    /** The u64 at {@code address}, now and before the last step alike. */
    public FrameBuilder u64(long address, long value) {
        both.add(new long[] {address, value});
        return this;
    }

    /** The u64 at {@code address} now, written by the last step (before it, what {@link #u64} put there, or 0). */
    public FrameBuilder written(long address, long value) {
        now.add(new long[] {address, value});
        return this;
    }

    /** The u64 that was at {@code address} before the last step. */
    public FrameBuilder before(long address, long value) {
        earlier.add(new long[] {address, value});
        return this;
    }

    /** The seed's setup up to {@code step}: the entry in its slot and ctx.rsp pointing at it, as each step leaves them. */
    public FrameBuilder setUp() {
        long slot = layout.belowAligned(Experiment.entryBelowTop(experiment));
        if (step.ordinal() >= Step.WRITE_ENTRY.ordinal()) {
            u64(slot, entryAddress);
        }
        if (step.ordinal() >= Step.SET_CONTEXT.ordinal()) {
            contextRsp(slot, slot);
        }
        return this;
    }

    /** aligned - {@code belowTop} in this builder's layout. */
    public long aligned(int belowTop) {
        return layout.belowAligned(belowTop);
    }

    public StackLayout layout() {
        return layout;
    }

    public Frame build() {
        long start = windowStart != null ? windowStart
                : Math.min(layout.base(), layout.belowAligned(Experiment.lowestBelowTop(experiment))) - GUARD;
        int length = windowLength != null ? windowLength : (int) (layout.top() + GUARD - start);
        byte[] window = new byte[length];
        byte[] before = new byte[length];
        for (long[] w : both) {
            put(window, start, w);
            put(before, start, w);
        }
        for (long[] w : now) {
            put(window, start, w);
        }
        for (long[] w : earlier) {
            put(before, start, w);
        }
        return new Frame(kind, pid, origin, layout, experiment, step, phase, start, window, before, entryAddress,
                CONTEXT, contextRsp, contextRspBefore, run, trace, report, below, output, overlay, panel, hint,
                deadline, NOW, isa);
    }

    private static void put(byte[] bytes, long start, long[] write) {
        System.arraycopy(StackLayout.littleEndian(write[1]), 0, bytes, (int) (write[0] - start), 8);
    }
}
