package dev.stackviz.cli;

import dev.stackviz.frame.FibersTexts;
import dev.stackviz.machine.FibersMachine;
import dev.stackviz.model.Fiber;
import dev.stackviz.model.Hex;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.SeedDump;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.TargetLayout;
import dev.stackviz.session.FibersSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;

/** `dump --fibers N`: the green threads as text, every switch stepped as n steps it in the view. */
final class FibersDump {

    /** One switch, the fiber's round included, must be done within this. */
    static final Duration STEP_PATIENCE = Duration.ofSeconds(2);

    private FibersDump() {
    }

    static int print(FibersMachine machine, PrintWriter out, PrintWriter err) {
        try (machine) {
            String tag = machine.kind() == MachineKind.SIMULATED ? " [SIMULATED]" : "";
            Scheduler first = machine.read();
            for (Fiber fiber : first.fibers()) {
                StackLayout layout = fiber.layout();
                out.println("stack of fiber " + fiber.number() + ": " + layout.size() + " bytes at " + hex(layout.base())
                        + ", aligned top " + hex(layout.aligned()) + "; sv_fiber_body " + hex(first.entry())
                        + " at aligned-" + TargetLayout.ENTRY_BELOW_TOP + ", sv_fiber_finish " + hex(first.finish())
                        + " at aligned-" + TargetLayout.FIBER_FINISH_BELOW_TOP + tag);
                long lowest = SeedDump.lowest(layout);
                int from = (int) (lowest - fiber.windowStart());
                SeedDump dump = new SeedDump(layout, Arrays.copyOfRange(fiber.window(), from, from + layout.size()),
                        machine.kind() == MachineKind.SIMULATED);
                dump.lines().forEach(out::println);
                err.println("fiber " + fiber.number() + ": " + dump.offByOneNote());
            }
            out.flush();
            err.flush();
            FibersSession.Output written = new FibersSession.Output();
            machine.start(written::append);
            long most = 0;
            for (Fiber fiber : first.fibers()) {
                most += fiber.rounds() + 1;
            }
            while (!machine.returned()) {
                if (machine.read().switches() > most) {
                    err.println("stackviz: more switches than the rounds allow (" + most + "): stopping");
                    machine.stop(STEP_PATIENCE);
                    return 1;
                }
                if (!machine.step(STEP_PATIENCE)) {
                    err.println("stackviz: a switch did not finish within " + STEP_PATIENCE.toMillis() + " ms");
                    return 1;
                }
                Scheduler now = machine.read();
                written.await(now.roundsDone(), STEP_PATIENCE);
                out.println(now.lastSwitch());
                out.print(written.take());
                if (now.to() >= 0 && now.fibers().get(now.to()).status() == Fiber.Status.DONE) {
                    out.println(Scheduler.name(now.to()) + " done: its function returned, and " + (machine.isa().retPops()
                            ? "ret popped sv_fiber_finish from aligned-"
                            : "ret went to x30 = sv_fiber_finish, which its frame kept at aligned-") + TargetLayout.FIBER_FINISH_BELOW_TOP);
                }
                out.flush();
            }
            Scheduler last = machine.read();
            boolean allDone = last.allDone();
            out.println("the scheduler returned to the thread's own stack after " + FibersTexts.switches(last.switches())
                    + (allDone ? ": every fiber done" : "") + tag);
            out.flush();
            return allDone ? 0 : 1;
        }
    }

    private static String hex(long value) {
        return Hex.address(value);
    }
}
