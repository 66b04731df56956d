package dev.stackviz.frame;

import dev.stackviz.model.Fate;
import dev.stackviz.model.StackFault;
import dev.stackviz.model.StackSwitch;
import dev.stackviz.model.SwitchMemory;
import java.util.List;

/**
 * Everything one picture of a traced program shows, read once: the switches seen so far (each as
 * its screen showed it when it was seen: the registers from the CPU, the stacks from memory at its
 * landing), which one is shown, the instructions stepped since, the fault it is held at, its output.
 *
 * @param program      the program, as given
 * @param pid          its pid (0 before it started)
 * @param state        where the program is
 * @param switches     every switch seen since it started, first first
 * @param selected     the one shown (an index into switches; -1 while there is none)
 * @param oldStack     where only one stack fits: the old one is shown (Tab), else the new one
 * @param stepped      the instructions {@code i} executed since the last switch, first first
 * @param fault        the fault it is held at (or died of); null if none
 * @param fate         how it ended; null while it runs or is held
 * @param output       what it wrote (stdout and stderr), the last lines
 * @param setup        what the tracer set up, in one line ("189 instructions that can move rsp carry a breakpoint...")
 * @param faultShown   the fault's screen is shown (it came after the last switch: → reaches it, ← leaves it)
 */
public record TraceFrame(String program, int pid, State state, List<Seen> switches, int selected, boolean oldStack,
                         List<StackSwitch.Stepped> stepped, StackFault fault, Fate fate, String output, String setup,
                         Frame.Overlay overlay, String hint, boolean faultShown) {

    /** Where the program is. */
    public enum State {
        /** It is being started and its code read; nothing to show yet. */
        STARTING,
        /** Held at its entry, the breakpoints set: n runs it to its first switch. */
        ENTRY,
        /** Running to its next switch. */
        SEEKING,
        /** Held just after a switch's landing (its ret or jmp), or after instructions stepped from there. */
        HELD,
        /** Held at a fault, which is delivered when it goes on: it dies of it. */
        FAULT,
        /** Let go untraced (c): no breakpoint, no switch seen from here. */
        UNTRACED,
        /** It has ended. */
        ENDED
    }

    /** A switch and its two stacks, as read when it was seen. */
    public record Seen(StackSwitch at, SwitchMemory memory) {
    }

    public TraceFrame {
        switches = List.copyOf(switches);
        stepped = List.copyOf(stepped);
        faultShown &= fault != null;
    }

    /** As the view opens on it: a fault, if any, shown where the last switch is selected (or none was seen). */
    public TraceFrame(String program, int pid, State state, List<Seen> switches, int selected, boolean oldStack,
                      List<StackSwitch.Stepped> stepped, StackFault fault, Fate fate, String output, String setup,
                      Frame.Overlay overlay, String hint) {
        this(program, pid, state, switches, selected, oldStack, stepped, fault, fate, output, setup, overlay, hint,
                selected == switches.size() - 1);
    }

    /** The switch shown; null while none was seen. */
    public Seen shown() {
        return selected < 0 || selected >= switches.size() ? null : switches.get(selected);
    }

    /** True if the switch shown is the last one seen (the registers stepped with i are after it). */
    public boolean latest() {
        return selected == switches.size() - 1;
    }
}
