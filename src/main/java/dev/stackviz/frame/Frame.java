package dev.stackviz.frame;

import dev.stackviz.model.Isa;
import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Origin;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Trace;
import dev.stackviz.model.Step;
import java.time.Duration;
import java.util.List;

/**
 * Everything one picture shows, read from the machine once, in one place (the session). The
 * painter draws from this alone, and every sentence is computed from these facts (Texts and the
 * other texts), so a sentence and the grid beside it can never disagree. What the bytes show was
 * written ({@link Written}) is worked out here, once, for the texts to word.
 *
 * @param kind         which machine produced the numbers
 * @param pid          the child's process id (isolated), else 0
 * @param origin       where the bytes came from
 * @param experiment   what the isolated child runs; null in-process
 * @param windowStart  the address of window[0]
 * @param window       the bytes around the buffer, read for this frame
 * @param before       the same bytes before the last step, to mark what it changed
 * @param entryAddress the target's address; 0 while it is not known (the library still loading)
 * @param run          what the target reported; null before the switch
 * @param trace        the instruction walk of a traced switch (i); null otherwise
 * @param report       the watchdog's report; null until it has one
 * @param below        the memory below base, where the machine watches it; else null
 * @param output       everything the target has written
 * @param now          System.nanoTime() (or the test's clock) when the frame was built
 * @param isa          the instruction set of the switch (the simulated machine plays x86-64's)
 * @param written      what the window's bytes show was written, computed from them when the frame is built
 */
public record Frame(MachineKind kind, long pid, Origin origin, StackLayout layout, Experiment experiment,
                    Step step, Phase phase, long windowStart, byte[] window, byte[] before,
                    long entryAddress, long contextAddress, long contextRsp, long contextRspBefore,
                    RunFacts run, Trace trace, Report report, BelowBase below, String output,
                    Overlay overlay, List<String> panel, String hint, Duration deadline, long now, Isa isa,
                    Written written) {

    /** A frame of a switch on this JVM's machine (the simulated one plays x86-64's). */
    public Frame(MachineKind kind, long pid, Origin origin, StackLayout layout, Experiment experiment,
                 Step step, Phase phase, long windowStart, byte[] window, byte[] before,
                 long entryAddress, long contextAddress, long contextRsp, long contextRspBefore,
                 RunFacts run, Trace trace, Report report, BelowBase below, String output,
                 Overlay overlay, List<String> panel, String hint, Duration deadline, long now) {
        this(kind, pid, origin, layout, experiment, step, phase, windowStart, window, before, entryAddress,
                contextAddress, contextRsp, contextRspBefore, run, trace, report, below, output, overlay, panel, hint,
                deadline, now, Isa.of(kind, Isa.host()));
    }

    /**
     * A frame of these facts, with what its bytes show ({@link Written}) computed from them, here and
     * once: every frame is built through this. The facts are read from the same frame without them.
     */
    public Frame(MachineKind kind, long pid, Origin origin, StackLayout layout, Experiment experiment,
                 Step step, Phase phase, long windowStart, byte[] window, byte[] before,
                 long entryAddress, long contextAddress, long contextRsp, long contextRspBefore,
                 RunFacts run, Trace trace, Report report, BelowBase below, String output,
                 Overlay overlay, List<String> panel, String hint, Duration deadline, long now, Isa isa) {
        this(kind, pid, origin, layout, experiment, step, phase, windowStart, window, before, entryAddress,
                contextAddress, contextRsp, contextRspBefore, run, trace, report, below, output, overlay, panel, hint,
                deadline, now, isa, Written.of(new Frame(kind, pid, origin, layout, experiment, step, phase,
                        windowStart, window, before, entryAddress, contextAddress, contextRsp, contextRspBefore, run,
                        trace, report, below, output, overlay, panel, hint, deadline, now, isa, null)));
    }

    /** Where the session is. */
    public enum Phase { SETUP, RUNNING, STOPPING, RETURNED, LOST }

    /** What covers the view: nothing, the help, or the benchmark's panel. */
    public enum Overlay { NONE, HELP, BENCH }

    /**
     * What the switched target reported, read once for this frame.
     *
     * @param oneWay    the seed's one-way jump (a child): nothing was saved, there is no way back
     * @param wokeRsp   rsp at the target's first instruction, as it recorded it; 0 if not read
     * @param written   what its write returned: bytes, -errno, or 0 before it wrote
     * @param callRsp   seed-hello: rsp just before its call into libc; else 0
     * @param saved     the switching thread's callee-saved registers; null after a one-way jump
     * @param heartbeat the heartbeat as the run read it (for a slot outside the window)
     * @param switchedAt when the thread switched (the frame's clock)
     * @param paused    how long the app stood still (Ctrl-Z) since then: not part of the run
     * @param stopped   a child that someone stopped (SIGSTOP, a debugger): its target stands still
     */
    public record RunFacts(boolean oneWay, long wokeRsp, long written, long callRsp, Registers saved,
                           long heartbeat, long switchedAt, long paused, boolean stopped) {
    }

    public boolean simulated() {
        return kind == MachineKind.SIMULATED;
    }

    public boolean isolated() {
        return kind == MachineKind.ISOLATED;
    }

    /** Where this setup writes the entry: aligned minus this. */
    public int entryBelowTop() {
        return Experiment.entryBelowTop(experiment);
    }

    public long entrySlot() {
        return layout.belowAligned(entryBelowTop());
    }

    public int heartbeatBelowTop() {
        return Experiment.heartbeatBelowTop(experiment);
    }

    public long heartbeatSlot() {
        return layout.belowAligned(heartbeatBelowTop());
    }

    /** rsp after `ret` pops the entry (sp after AArch64's `ldr x30, [sp], #16`): what the target should wake with. */
    public long predictedRsp() {
        return entrySlot() + isa().popped();
    }

    public boolean switched() {
        return run != null;
    }

    public boolean ended() {
        return phase == Phase.RETURNED || phase == Phase.LOST;
    }

    public long windowEnd() {
        return windowStart + window.length;
    }

    public boolean inWindow(long address, int length) {
        return address >= windowStart && address + length <= windowEnd();
    }

    /** The byte at {@code address} in this frame's window. */
    public int byteAt(long address) {
        return window[(int) (address - windowStart)] & 0xFF;
    }

    public int byteBefore(long address) {
        return before[(int) (address - windowStart)] & 0xFF;
    }

    /** The little-endian u64 at {@code address} in this frame's window. */
    public long u64(long address) {
        return StackLayout.fromLittleEndian(window, (int) (address - windowStart));
    }

    /** True if the entry slot holds the entry address now. */
    public boolean entryInPlace() {
        return entryAddress != 0 && inWindow(entrySlot(), 8) && u64(entrySlot()) == entryAddress;
    }

    /** The heartbeat: read from its slot in this frame's bytes where the window holds it. */
    public long heartbeat() {
        if (run == null) {
            return 0;
        }
        return inWindow(heartbeatSlot(), 8) ? u64(heartbeatSlot()) : run.heartbeat();
    }

    /** True while a tracer holds the switching thread between steps. */
    public boolean stepping() {
        return trace != null && trace.observing();
    }

    /** The step as numbers: "step 4/6 write". */
    public String stepMarker() {
        return step.marker();
    }
}
