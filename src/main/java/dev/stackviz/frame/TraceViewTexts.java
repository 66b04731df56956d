package dev.stackviz.frame;

import dev.stackviz.model.Cpu;
import dev.stackviz.model.Fate;
import dev.stackviz.model.Hex;
import dev.stackviz.model.Keys;
import dev.stackviz.model.StackSwitch;
import dev.stackviz.model.SwitchMemory;
import java.util.ArrayList;
import java.util.List;

/** Every sentence of the trace view, each a function of what the CPU and the program's memory said. */
public final class TraceViewTexts {

    private static final List<String> CALLEE_SAVED = List.of("rbx", "rbp", "r12", "r13", "r14", "r15");

    private TraceViewTexts() {
    }

    /** "./seed_jump (pid 4321) • held after switch 3" (• showing switch 2 of 3, when an earlier one is shown) */
    public static String title(TraceFrame f, String dot) {
        String who = f.program() + (f.pid() == 0 ? "" : " (pid " + f.pid() + ")");
        String what = switch (f.state()) {
            case STARTING -> "starting: reading its code";
            case ENTRY -> "held at its entry";
            case SEEKING -> "running to switch " + (f.switches().size() + 1);
            case HELD -> f.switches().isEmpty() ? "held" : "held after switch " + f.switches().size();
            case FAULT -> "held at a fault";
            case UNTRACED -> "running untraced";
            case ENDED -> "ended";
        };
        String shown = f.shown() == null || f.latest() ? ""
                : dot + "showing switch " + f.shown().at().number() + " of " + f.switches().size();
        return who + dot + what + shown;
    }

    /**
     * One sentence on what happened, from the facts: "rsp moved from [stack] to [heap], 0x7ffd... ->
     * 0x55..., by mov rsp, qword ptr [rax] at main+0x4f; then ret popped 0x55... = hello+0x0 ...".
     */
    public static String sentence(TraceFrame f) {
        TraceFrame.Seen seen = f.shown();
        if (seen == null) {
            return switch (f.state()) {
                case STARTING -> "The program is started under ptrace, held before its first instruction, and its "
                        + "code and libraries are read for the instructions that can move rsp.";
                case ENTRY -> "Held at its entry point, before its first instruction: " + f.setup()
                        + ". n lets it run until one of them moves rsp to another stack.";
                case SEEKING -> "It runs; every instruction that can move rsp carries an int3. Each hit is stepped "
                        + "once: rsp in another mapping, or moved by more than 2 MB, is a switch.";
                case UNTRACED -> "It runs untraced, at full speed: no breakpoint is left in its code, so no switch is "
                        + "seen from here.";
                case FAULT, HELD, ENDED -> f.fate() == null ? (f.fault() != null ? "It faulted before any switch."
                        : "No switch seen yet.") : "It " + fate(f.fate()) + " with no switch seen.";
            };
        }
        StackSwitch s = seen.at();
        StringBuilder text = new StringBuilder((s.thread().isEmpty() ? "" : "In " + s.thread() + ", ")
                + "rsp moved from " + s.from() + " to " + s.to() + " ("
                + Hex.address(s.before().rsp()) + " -> " + Hex.address(s.after().rsp()) + ") by " + s.instruction()
                + " at " + s.where());
        StackSwitch.Landing landing = s.landing();
        if (landing != null) {
            text.append(landing.byRet() ? "; " + landing.instruction() + " popped " + Hex.address(landing.popped())
                    + " = " + landing.poppedWhere() + " into rip" : "; " + landing.instruction() + " took rip to "
                    + landing.ripWhere());
            text.append(": rsp % 16 = ").append(Math.floorMod(landing.rsp(), 16)).append(", ")
                    .append(!landing.atEntry() ? "back inside a function" : landing.abiAligned()
                        ? "as the ABI promises at a function's entry"
                        : "not the ABI's 8 at a function's entry (a movaps there faults)");
        } else if (s.fault() != null) {
            text.append("; then ").append(Fate.signalName(s.fault().signal())).append(" (").append(s.fault().kind())
                    .append(") at address ").append(Hex.address(s.fault().address()));
        } else {
            text.append("; no ret or jmp within ").append(s.steps().size()).append(" instructions");
        }
        return text.append('.').toString();
    }

    /** "it was killed by SIGSEGV" */
    static String fate(Fate fate) {
        return fate.describe();
    }

    /** Above a stack's grid: which stack, its mapping and bounds. */
    public static String stackHeader(TraceFrame.Seen seen, boolean old) {
        SwitchMemory.Region region = old ? seen.memory().from() : seen.memory().to();
        return (old ? "old stack: " : "new stack: ") + (region == null ? "unmapped" : region.name() + " "
                + Hex.address(region.start()) + "-" + Hex.address(region.end()));
    }

    /** The instruction that switched, and what was stepped after it up to its landing. */
    public static String instruction(TraceFrame.Seen seen) {
        StackSwitch s = seen.at();
        StringBuilder text = new StringBuilder("switched by " + s.where() + ": " + s.instruction());
        for (StackSwitch.Stepped step : s.steps()) {
            text.append(", then ").append(step.instruction());
        }
        return text.toString();
    }

    /** rsp and rip: before the switch, and now (after the steps shown). */
    public static String pointers(Cpu before, Cpu now) {
        return "rsp " + Hex.address(now.rsp()) + " (was " + Hex.address(before.rsp()) + ")  rip "
                + Hex.address(now.rip()) + " (was " + Hex.address(before.rip()) + ")";
    }

    /**
     * The callee-saved registers now, each one that changed since before the switch marked with a *
     * and what it was: as many to a line as fit in {@code width}.
     */
    public static List<String> calleeSaved(Cpu before, Cpu now, int width) {
        String head = "callee-saved:";
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(head);
        for (String name : CALLEE_SAVED) {
            boolean changed = before.get(name) != now.get(name);
            String entry = (changed ? " *" : " ") + name + " " + Hex.address(now.get(name))
                    + (changed ? " (was " + Hex.address(before.get(name)) + ")" : "");
            if (line.length() > head.length() && line.length() + entry.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(head.length()));
            }
            line.append(entry);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The registers shown: at the fault, after the last instruction i stepped, or at the switch's landing. */
    public static Cpu now(TraceFrame f, TraceFrame.Seen seen) {
        if (f.faultShown()) {
            return f.fault().cpu();
        }
        if (f.latest() && !f.stepped().isEmpty()) {
            return f.stepped().get(f.stepped().size() - 1).after();
        }
        List<StackSwitch.Stepped> steps = seen.at().steps();
        return steps.isEmpty() ? seen.at().after() : steps.get(steps.size() - 1).after();
    }

    /** What i stepped since the switch, the last few: "i: hello+0x4: mov eax, 1  rsp 0x..." */
    public static List<String> stepped(TraceFrame f, int n) {
        List<String> lines = new ArrayList<>();
        List<StackSwitch.Stepped> stepped = f.stepped();
        for (int i = Math.max(0, stepped.size() - n); i < stepped.size(); i++) {
            StackSwitch.Stepped step = stepped.get(i);
            lines.add("i " + (i + 1) + ": " + step.where() + ": " + step.instruction() + "  rsp "
                    + Hex.address(step.after().rsp()));
        }
        return lines;
    }

    /** "switches: 1 [stack]->[heap]  >2 [heap]->[stack]<" with the one shown marked, as many as fit. */
    public static String switches(TraceFrame f, int width) {
        if (f.switches().isEmpty()) {
            return "switches: none seen yet";
        }
        List<String> parts = new ArrayList<>();
        for (TraceFrame.Seen seen : f.switches()) {
            String part = seen.at().number() + " " + seen.at().from() + "->" + seen.at().to();
            parts.add(seen == f.shown() ? "[" + part + "]" : part);
        }
        int first = 0;
        while (first < f.selected() && length(parts, first) > width) {
            first++; // the one shown stays in sight: the earliest ones give way
        }
        StringBuilder line = new StringBuilder(first == 0 ? "switches: " : "switches: ... ");
        for (int i = first; i < parts.size(); i++) {
            line.append(i == first ? "" : "  ").append(parts.get(i));
        }
        return line.length() <= width ? line.toString() : line.substring(0, Math.max(0, width - 3)) + "...";
    }

    private static int length(List<String> parts, int first) {
        int n = "switches: ... ".length();
        for (int i = first; i < parts.size(); i++) {
            n += parts.get(i).length() + 2;
        }
        return n;
    }

    /** The state in one line, after the switches: what the program is doing, how it ended. */
    public static String status(TraceFrame f) {
        return switch (f.state()) {
            case STARTING -> "starting";
            case ENTRY -> "held at its entry: n runs it to its first switch";
            case SEEKING -> "running to the next switch: c lets it go untraced, k ends it";
            case HELD -> "held: n runs to the next switch, i steps one instruction, c lets it run untraced";
            case FAULT -> "held at its fault: n delivers the signal (it dies of it, as untraced)";
            case UNTRACED -> "running untraced (breakpoints removed): k ends it";
            case ENDED -> f.fate() == null ? "it has ended: r starts it again" : "it " + fate(f.fate())
                    + ": r starts it again";
        };
    }

    /** The program's last {@code n} lines, as it wrote them. */
    public static List<String> outputLines(TraceFrame f, int n) {
        if (f.output().isEmpty()) {
            return List.of("(nothing yet)");
        }
        return StatusTexts.lastLines(f.output(), n);
    }

    public static List<String> help() {
        List<String> lines = new ArrayList<>();
        lines.add("stackviz trace: keys");
        lines.add("");
        Keys.helpLines(Keys.View.TRACE).forEach(line -> lines.add("  " + line));
        lines.add("");
        lines.add("  Row marks: rsp, rsp (before), ret->SYMBOL (the 8 bytes ret popped), the");
        lines.add("  mapping's ends, malloc's size field: bytes as read at the switch.");
        lines.add("");
        lines.add("  any key closes this help");
        return lines;
    }
}
