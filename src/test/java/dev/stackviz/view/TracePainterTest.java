package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.TraceFrame;
import dev.stackviz.frame.TraceFrame.State;
import dev.stackviz.frame.TraceFrames;
import dev.stackviz.model.StackSwitch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace view's painter on the virtual terminal, whole screens against their golden files. */
class TracePainterTest {

    static TraceFrame with(TraceFrame f, boolean oldStack, List<StackSwitch.Stepped> stepped, Frame.Overlay overlay,
                           String hint) {
        return new TraceFrame(f.program(), f.pid(), f.state(), f.switches(), f.selected(), oldStack, stepped, f.fault(),
                f.fate(), f.output(), f.setup(), overlay, hint);
    }

    @Test
    void atTheSeedsSwitchIn80x24() {
        Pictures.assertScreen("trace-switch-80x24", Pictures.render(TraceFrames.held(), 80, 24));
    }

    @Test
    void tabShowsTheOldStackAndIStepsAreShownWithTheirRegisters() {
        StackSwitch.Stepped one = new StackSwitch.Stepped("hello+0x0", "mov eax, 0x1",
                TraceFrames.cpu(TraceFrames.NEW_RSP + 8, 8, TraceFrames.HELLO + 5));
        Pictures.assertScreen("trace-old-stack-stepped-80x24", Pictures.render(with(TraceFrames.held(), true,
                List.of(one), Frame.Overlay.NONE, "this is the last switch seen: n runs to the next"), 80, 24));
    }

    @Test
    void bothStacksSideBySideFrom160Columns() {
        Pictures.assertScreen("trace-switch-160x48", Pictures.render(TraceFrames.held(), 160, 48));
    }

    @Test
    void atAFaultTheStackAroundRspAndWhatTheAbiExpected() {
        TraceFrame fault = TraceFrames.frame(State.FAULT, List.of(TraceFrames.seen()), 0, List.of(),
                TraceFrames.movaps());
        Pictures.assertScreen("trace-fault-80x24", Pictures.render(fault, 80, 24));
        TraceFrame before = TraceFrames.frame(State.FAULT, List.of(), -1, List.of(), TraceFrames.movaps());
        String screen = Pictures.render(before, 80, 24);
        assertTrue(screen.contains("fault: SIGSEGV (general protection) at hello+0x4: movaps xmmword ptr [rsp], xmm0"),
                "a fault before any switch: " + screen);
        assertTrue(screen.contains("◀ rsp (at the fault)"), screen);
    }

    @Test
    void atTheEntryAndTheHelp() {
        TraceFrame entry = TraceFrames.frame(State.ENTRY, List.of(), -1, List.of(), null);
        Pictures.assertScreen("trace-entry-80x24", Pictures.render(entry, 80, 24));
        Pictures.assertScreen("trace-help-80x24", Pictures.render(with(entry, false, List.of(), Frame.Overlay.HELP, ""),
                80, 24));
    }

    @Test
    void belowTheMinimumTheNoticeOnly() {
        String small = Pictures.render(TraceFrames.held(), 60, 20).replaceAll("\\s+", " ").trim();
        assertEquals("stackviz needs a terminal of at least 80x24; this one is 60x20. Enlarge it, or q quits.", small);
    }

    @Test
    void aTallTerminalShowsMoreOfTheOutput() {
        String tall = Pictures.render(TraceFrames.held(), 100, 40);
        assertTrue(tall.contains("output: hello 0x555512345159"), tall);
        String short24 = Pictures.render(TraceFrames.held(), 100, 39);
        assertTrue(short24.contains("output: rsp 0x5555000002c0") && !short24.contains("hello 0x555512345159"), short24);
    }
}
