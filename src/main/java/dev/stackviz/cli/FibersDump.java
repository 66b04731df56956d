package dev.stackviz.cli;

import dev.stackviz.machine.FibersMachine;
import dev.stackviz.model.Fiber;
import dev.stackviz.model.Hex;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.SeedDump;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.TargetLayout;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;

/** `dump --fibers N`: the green threads as text, every switch stepped as n steps it in the view. */
final class FibersDump {

    /** One switch, the fiber's round included, must be done within this. */
    static final Duration STEP_PATIENCE = Duration.ofSeconds(2);
    /** Where the setup writes the finishing routine: aligned minus this (asm/sv_layout.h FIBER_FINISH_BELOW_TOP). */
    static final int FINISH_BELOW_TOP = 8;

    private FibersDump() {
    }

    static int print(FibersMachine machine, PrintWriter out, PrintWriter err) {
        try (machine) {
            String tag = machine.kind() == dev.stackviz.model.MachineKind.SIMULATED ? " [SIMULATED]" : "";
            Scheduler first = machine.read();
            for (Fiber fiber : first.fibers()) {
                StackLayout layout = fiber.layout();
                out.println("stack of fiber " + fiber.number() + ": " + layout.size() + " bytes at " + hex(layout.base())
                        + ", aligned top " + hex(layout.aligned()) + "; sv_fiber_body " + hex(first.entry())
                        + " at aligned-" + TargetLayout.ENTRY_BELOW_TOP + ", sv_fiber_finish " + hex(first.finish())
                        + " at aligned-" + FINISH_BELOW_TOP + tag);
                long lowest = SeedDump.lowest(layout);
                int from = (int) (lowest - fiber.windowStart());
                SeedDump dump = new SeedDump(layout, Arrays.copyOfRange(fiber.window(), from, from + layout.size()),
                        machine.kind() == dev.stackviz.model.MachineKind.SIMULATED);
                dump.lines().forEach(out::println);
                err.println("fiber " + fiber.number() + ": " + dump.offByOneNote());
            }
            out.flush();
            err.flush();
            StringBuffer written = new StringBuffer();
            machine.start(written::append);
            int shown = 0;
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
                long lines = 0;
                for (Fiber fiber : now.fibers()) {
                    lines += fiber.counter();
                }
                awaitLines(written, lines);
                out.println("switch " + now.switches() + ": " + name(now.from()) + " -> " + name(now.to()));
                String text = written.toString();
                out.print(text.substring(shown));
                shown = text.length();
                if (now.to() >= 0 && now.fibers().get(now.to()).status() == Fiber.Status.DONE) {
                    out.println("fiber " + (now.to() + 1) + " done: its function returned, and ret popped "
                            + "sv_fiber_finish from aligned-" + FINISH_BELOW_TOP);
                }
                out.flush();
            }
            Scheduler last = machine.read();
            boolean allDone = last.allDone();
            out.println("the scheduler returned to the thread's own stack after " + last.switches() + " switches"
                    + (allDone ? ": every fiber done" : "") + tag);
            out.flush();
            return allDone ? 0 : 1;
        }
    }

    /** The fiber's line is written before it yields: wait (briefly) until the reader has every one. */
    private static void awaitLines(StringBuffer written, long lines) {
        long end = System.nanoTime() + STEP_PATIENCE.toNanos();
        while (System.nanoTime() < end && newlines(written) < lines) {
            Thread.onSpinWait();
        }
    }

    private static long newlines(StringBuffer text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String name(int index) {
        return index < 0 ? "thread" : "fiber " + (index + 1);
    }

    private static String hex(long value) {
        return Hex.address(value);
    }
}
