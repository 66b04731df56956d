package dev.stackviz.frame;

import static dev.stackviz.frame.Texts.hex;
import static dev.stackviz.frame.Texts.relative;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.Keys;
import dev.stackviz.model.Isa;
import dev.stackviz.model.Registers;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.TargetLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every sentence of the green-threads view, each a function of what the fibers' memory says now and said before. */
public final class FibersTexts {

    private FibersTexts() {
    }

    public static String source(FibersFrame f) {
        return f.simulated() ? "SIMULATED" : "native";
    }

    /** "3 fibers of 16 B • switch 4: fiber 1 -> fiber 2" */
    public static String title(FibersFrame f, String dot) {
        Scheduler s = f.now();
        String what = s.mode() == Scheduler.Mode.SETUP ? "not started"
                : s.returned() ? "returned after " + switches(s.switches())
                : s.mode() == Scheduler.Mode.RUN ? "full speed"
                : s.switches() == 0 ? "started" : s.lastSwitch();
        return f.count() + " fibers of " + f.stackSize() + " B" + dot + what;
    }

    /** "fibers: 1 done 3/3 • 2 RUNNING 2/4 • 3 ready 1/5"; without the "/rounds" where that does not fit in {@code width}. */
    public static String summary(FibersFrame f, String dot, int width) {
        String full = summary(f, dot, true);
        return full.length() <= width ? full : summary(f, dot, false);
    }

    private static String summary(FibersFrame f, String dot, boolean rounds) {
        StringBuilder text = new StringBuilder("fibers: ");
        for (Fiber fiber : f.now().fibers()) {
            text.append(fiber.index() == 0 ? "" : dot).append(fiber.number()).append(' ')
                    .append(status(f, fiber))
                    .append(' ').append(fiber.counter());
            if (rounds) {
                text.append('/').append(fiber.rounds());
            }
        }
        return text.toString();
    }

    /** "fiber 2 (16 bytes at 0x...) ready: saved rsp aligned-16" */
    public static String stackHeader(FibersFrame f, int index) {
        Fiber fiber = f.fiber(index);
        StackLayout layout = fiber.layout();
        String saved = !f.saved(index) || f.now().mode() == Scheduler.Mode.SETUP
                ? "" : ", saved " + f.isa().sp() + " " + relative(layout, fiber.saved().sp());
        return "fiber " + fiber.number() + ": " + layout.size() + " bytes at " + hex(layout.base()) + ", "
                + status(f, fiber).toLowerCase(Locale.ROOT) + saved;
    }

    /**
     * "done", "RUNNING", "ready"; once the scheduler has returned (k), a fiber that did not finish is
     * "stopped": it keeps the state the scheduler left, but it will not run again.
     */
    static String status(FibersFrame f, Fiber fiber) {
        if (fiber.status() != Fiber.Status.DONE && f.now().returned()) {
            return "stopped";
        }
        return fiber.status() == Fiber.Status.RUNNING ? "RUNNING" : fiber.status().name().toLowerCase(Locale.ROOT);
    }

    /** The fiber's saved context, read from memory; * marks a register the last switch changed. */
    public static List<String> context(FibersFrame f, int index) {
        Registers now = f.fiber(index).saved();
        Registers was = f.fiberBefore(index).saved();
        // a running fiber's context holds what its switch loaded, until its next yield saves it again
        String label = (f.simulated() ? "SIMULATED " : "") + (f.saved(index) ? "saved ctx:" : "loaded ctx:");
        return registers(label, now, was);
    }

    /**
     * Two lines of saved registers, the stack pointer first; * marks one that differs from {@code was}
     * (null: nothing to compare with).
     */
    static List<String> registers(String label, Registers now, Registers was) {
        Isa isa = now.isa();
        StringBuilder first = new StringBuilder(label).append(reg(" " + isa.sp(), now.sp(), was == null ? now.sp()
                : was.sp()));
        for (String name : isa.firstLine()) {
            first.append(reg(" " + name, now.get(name), was == null ? now.get(name) : was.get(name)));
        }
        StringBuilder second = new StringBuilder(" ");
        for (String name : isa.secondLine()) {
            second.append(reg(" " + name, now.get(name), was == null ? now.get(name) : was.get(name)));
        }
        return List.of(first.toString(), second.append(isa.notShown()).toString());
    }

    private static String reg(String name, long now, long was) {
        return name + (now != was ? "*" : " ") + hex(now);
    }

    /** What the last key did, in a few sentences, from the memory before and after it. */
    public static String explanation(FibersFrame f) {
        Scheduler now = f.now();
        Scheduler before = f.before();
        String sim = f.simulated() ? "SIMULATED: no stack is switched; a Java model follows the scheduler's rules. " : "";
        if (now.mode() == Scheduler.Mode.SETUP) {
            return sim + f.count() + " fibers, each on a " + f.stackSize() + "-byte heap stack prepared as the seed "
                    + "prepares one: top aligned down to 16, sv_fiber_body at aligned-" + TargetLayout.ENTRY_BELOW_TOP
                    + " and above it, at aligned-" + TargetLayout.FIBER_FINISH_BELOW_TOP + ", sv_fiber_finish, where the body's ret lands "
                    + "(the book's guard). " + (f.isa() == Isa.AARCH64
                    ? "AArch64's ret pops nothing, so each context holds x30 = sv_start, whose ldp x16, x30, [sp], #16; "
                    + "br x16 takes both from the stack; and sp = aligned-" + TargetLayout.ENTRY_BELOW_TOP
                    + ", x19 = the fiber, x20 = the scheduler."
                    : "Each context: rsp = aligned-" + TargetLayout.ENTRY_BELOW_TOP
                    + ", rbx = the fiber, r12 = the scheduler.");
        }
        if (now.mode() == Scheduler.Mode.RUN && !now.returned()) {
            return sim + "At full speed: each switch saves a fiber's " + (f.isa() == Isa.AARCH64
                    ? "sp, x19-x30 and d8-d15" : "rsp, rbx, rbp and r12-r15") + " and loads the next "
                    + "one's; nothing waits at the gate. Memory is read one fiber after another while they run, so the "
                    + "numbers on screen are not all from one instant.";
        }
        if (now.switches() == before.switches()) {
            return now.returned() ? sim + returned(now) : sim + "Waiting at the gate: the scheduler makes the next "
                    + "switch when the UI lets it.";
        }
        return sim + switched(f);
    }

    private static String returned(Scheduler s) {
        String why = s.mode() == Scheduler.Mode.STOP ? "Asked to stop, at its next yield" : "Every fiber done,";
        return why + " the scheduler switched back to the thread's own stack, restored its signal mask and "
                + "returned after " + switches(s.switches()) + ".";
    }

    /** The last switch (or switches, at full speed): what was saved, what loaded, what the next fiber did. */
    private static String switched(FibersFrame f) {
        Scheduler s = f.now();
        StringBuilder text = new StringBuilder();
        if (s.switches() - f.before().switches() > 1) {
            text.append(switches(s.switches() - f.before().switches())).append(" since the last key; the last: ");
        } else {
            text.append("Switch ").append(s.switches()).append(": ");
        }
        if (s.from() < 0) {
            text.append("sv_sched_run blocked every blockable signal and saved the thread's own context; ");
        } else {
            Fiber was = f.fiber(s.from());
            StackLayout layout = was.layout();
            long rsp = was.saved().sp();
            text.append("fiber ").append(was.number());
            // a fiber switched to itself was not done at the switch (a done one is never switched to), though
            // it may be now; any other keeps the status it had when it was switched away from
            if (s.from() != s.to() && was.status() == Fiber.Status.DONE) {
                text.append(", done, switched on for good; ");
            } else {
                if (f.isa() == Isa.AARCH64) {
                    text.append(" yielded: sv_swap saved its sp = ").append(relative(layout, rsp))
                            .append(" and x30 = ").append(hex(was.saved().get("x30")))
                            .append(", where its bl returns (not on the stack), with x19-x29, d8-d15; ");
                } else {
                    text.append(" yielded: sv_swap saved its rsp = ").append(relative(layout, rsp))
                            .append(", where the call left the return address ").append(hex(was.u64(rsp)))
                            .append(", with rbx, rbp, r12-r15; ");
                }
            }
        }
        if (s.to() < 0) {
            return text.append("then it loaded the thread's own context. ").append(returned(s)).toString();
        }
        Fiber next = f.fiber(s.to());
        Fiber nextBefore = f.fiberBefore(s.to());
        long loaded = nextBefore.saved().sp();
        boolean first = loaded == next.layout().aligned() - 16 && nextBefore.u64(loaded) == s.entry();
        if (f.isa() == Isa.AARCH64) {
            text.append("then loaded fiber ").append(next.number()).append("'s: sp = ")
                    .append(relative(next.layout(), loaded)).append(", ret to x30 = ")
                    .append(hex(nextBefore.saved().get("x30"))).append(first ? " (sv_start, which took sv_fiber_body "
                            + "from the stack: its first run)" : "").append(". ");
        } else {
            text.append("then loaded fiber ").append(next.number()).append("'s: rsp = ")
                    .append(relative(next.layout(), loaded)).append(", pop + jmp to ")
                    .append(hex(nextBefore.u64(loaded))).append(first ? " (sv_fiber_body: its first run)" : "")
                    .append(". ");
        }
        if (next.status() == Fiber.Status.DONE) {
            return text.append(f.isa().retPops() ? "Its function returned: ret popped sv_fiber_finish from aligned-"
                    + TargetLayout.FIBER_FINISH_BELOW_TOP : "Its function returned: its frame gave back x30 = "
                    + "sv_fiber_finish from aligned-" + TargetLayout.FIBER_FINISH_BELOW_TOP + " and ret went there")
                    .append(", which marked it done.").toString();
        }
        String line = lastLine(f.output());
        return text.append("Fiber ").append(next.number()).append(" ran a round")
                .append(line.isEmpty() ? "" : ", wrote '" + line + "'").append(" and yielded.").toString();
    }

    private static String lastLine(String output) {
        String[] lines = output.split("\n");
        return output.isEmpty() ? "" : lines[lines.length - 1];
    }

    public static String status(FibersFrame f, String dot) {
        Scheduler s = f.now();
        String scheduler = f.simulated() ? "scheduler (SIMULATED): " : "scheduler: ";
        if (s.mode() == Scheduler.Mode.SETUP) {
            return scheduler + "not started" + dot + "n: the first switch" + dot + "s: full speed";
        }
        if (s.returned()) {
            return scheduler + "returned after " + switches(s.switches()) + (f.rate() > 0 ? dot + rate(f.rate())
                    : "") + dot + "r starts again";
        }
        if (s.mode() == Scheduler.Mode.RUN) {
            return scheduler + "FULL SPEED" + dot + switches(s.switches()) + dot + rate(f.rate()) + dot
                    + "k stops them";
        }
        return scheduler + (s.waiting() ? "waiting at the gate" : "switching") + dot + switches(s.switches())
                + dot + "n: one more" + dot + "s: full speed";
    }

    /** "1 switch", "1,234 switches": grouped as the rate is. */
    public static String switches(long n) {
        return String.format(Locale.ROOT, "%,d switch%s", n, n == 1 ? "" : "es");
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f switches/s", perSecond);
    }

    /** The fibers' last {@code n} lines, as they were written. */
    public static List<String> outputLines(FibersFrame f, int n) {
        if (f.output().isEmpty()) {
            return List.of("(nothing yet: each fiber writes a line per round)");
        }
        return StatusTexts.lastLines(f.output(), n);
    }

    public static List<String> help() {
        return help(Isa.host());
    }

    /** The help, for fibers switched on {@code isa}: on AArch64 no return address is left on a fiber's stack. */
    public static List<String> help(Isa isa) {
        List<String> lines = new ArrayList<>();
        lines.add("stackviz fibers: keys");
        lines.add("");
        Keys.helpLines(Keys.View.FIBERS).forEach(line -> lines.add("  " + line));
        lines.add("");
        if (isa == Isa.AARCH64) {
            lines.add("  Marks at the row's right: saved sp, finish (guard), entry, top, aligned,");
            lines.add("  base (sp, finish where narrow). * marks the bytes and the registers the");
            lines.add("  last switch changed.");
        } else {
            lines.add("  Marks at the row's right: saved rsp, finish (guard), entry, ret into body,");
            lines.add("  top, aligned, base (rsp, ret, finish where narrow). * marks the bytes and");
            lines.add("  the registers the last switch changed.");
        }
        lines.add("");
        lines.add("  any key closes this help");
        return lines;
    }
}
