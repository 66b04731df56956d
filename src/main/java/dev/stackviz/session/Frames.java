package dev.stackviz.session;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.Frame.Overlay;
import dev.stackviz.frame.Frame.Phase;
import dev.stackviz.frame.Frame.RunFacts;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.TracedRun;
import dev.stackviz.model.Report;
import dev.stackviz.model.Step;
import java.time.Duration;
import java.util.List;

/** Reads a machine (and its run, if it switched) into a {@link Frame}: the one place that does. */
public final class Frames {

    private Frames() {
    }

    /** What the session knows beside the machine: where it is, and what covers the view. */
    record View(Step step, byte[] before, long contextRspBefore, String output, Overlay overlay, List<String> panel,
                String hint, Duration deadline, long now) {
    }

    /** A frame of {@code machine} as it is now, after {@code step}, for a tool with no view (dump). */
    public static Frame capture(Machine machine, Step step, Run run, Report report, String output, Duration deadline,
                                long now) {
        byte[] window = machine.readWindow();
        return capture(machine, run, report, new View(step, window, machine.contextRsp(), output, Overlay.NONE,
                List.of(), "", deadline, now));
    }

    static Frame capture(Machine machine, Run run, Report report, View view) {
        return capture(machine, run, report, view, 0);
    }

    static Frame capture(Machine machine, Run run, Report report, View view, long paused) {
        byte[] window = machine.readWindow();
        RunFacts facts = null;
        if (run != null) {
            long slot = machine.heartbeatSlot();
            boolean inWindow = slot >= machine.windowStart() && slot + 8 <= machine.windowStart() + machine.windowLength();
            facts = new RunFacts(run.oneWay(), run.wokeRsp(), run.written(), run.callRsp(), run.saved(),
                    inWindow ? 0 : run.heartbeat(), run.switchedAt(), paused, run.stopped());
        }
        return new Frame(machine.kind(), machine.pid(), machine.origin(), machine.layout(), machine.experiment(),
                view.step(), phase(run, report), machine.windowStart(), window, view.before(),
                machine.entryAddress(), machine.contextAddress(), machine.contextRsp(), view.contextRspBefore(),
                facts, run instanceof TracedRun traced ? traced.trace() : null, report, machine.below(), view.output(), view.overlay(),
                view.panel(), view.hint(),
                view.deadline(), view.now(), machine.isa());
    }

    static Phase phase(Run run, Report report) {
        if (run == null) {
            return Phase.SETUP;
        }
        if (report == null) {
            return run.stopRequestedAt() == 0 ? Phase.RUNNING : Phase.STOPPING;
        }
        return report.returned() ? Phase.RETURNED : Phase.LOST;
    }
}
