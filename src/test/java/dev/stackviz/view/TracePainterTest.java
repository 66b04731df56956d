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
    void iBeforeAnySwitchShowsTheInstructionAndTheRegisters() {
        StackSwitch.Stepped one = new StackSwitch.Stepped("_start+0x0", "xor ebp, ebp",
                TraceFrames.cpu(0x7ffd00001000L, 0, 0x555500001042L));
        String screen = Pictures.render(TraceFrames.frame(State.HELD, List.of(), -1, List.of(one), null), 80, 24);
        assertTrue(screen.contains("i 1: _start+0x0: xor ebp, ebp  rsp 0x7ffd00001000"), screen);
        assertTrue(screen.contains("rip 0x555500001042  rsp 0x7ffd00001000"), screen);
    }

    @Test
    void aFaultWhereRspIsInNoMappingSaysThereIsNothingToRead() {
        dev.stackviz.model.StackFault lazy = new dev.stackviz.model.StackFault(new dev.stackviz.model.TraceStep.Fault(11,
                1, 0x5555000008c0L, "address not mapped"), "ld-linux-x86-64.so.2+0x1229f", "mov qword ptr [rsp], rax",
                TraceFrames.cpu(0x5555000008c0L, 0, 0x7f0000001229fL), "unmapped memory", 0x5555000008c0L, new byte[0], true);
        String screen = Pictures.render(TraceFrames.frame(State.FAULT, List.of(TraceFrames.seen()), 0, List.of(), lazy),
                80, 24);
        assertTrue(screen.contains("(rsp 0x5555000008c0 is in no mapping: there is nothing to read)"), screen);
        assertTrue(screen.replaceAll("\\s+", " ").contains("this is the dynamic linker: a program linked lazily"), screen);
    }

    @Test
    void aLongWayToTheLandingIsCutAtTwoRowsAndSaysSo() {
        StackSwitch s = TraceFrames.seen().at();
        List<StackSwitch.Stepped> steps = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            steps.add(new StackSwitch.Stepped("swapcontext+0x" + i, "mov rbx, qword ptr [rdx+0x80]", s.after()));
        }
        StackSwitch swap = new StackSwitch(1, "", "swapcontext+0xa8", "mov rsp, qword ptr [rdx+0xa0]", s.before(),
                s.after(), "[heap]", "[stack]", s.windowStart(), s.window(), "", steps, s.landing(), null);
        TraceFrame frame = TraceFrames.frame(State.HELD, List.of(new TraceFrame.Seen(swap, TraceFrames.memory())), 0,
                List.of(), null);
        List<String> lines = Pictures.render(frame, 80, 24).lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("switched by ")).findFirst().orElseThrow());
        assertTrue(lines.get(at + 1).endsWith("..."), lines.get(at + 1));
        assertTrue(lines.get(at + 2).startsWith("rsp 0x"), "two rows, then the registers: " + lines.get(at + 2));
        String wide = Pictures.render(frame, 300, 100);
        assertTrue(wide.contains("switched by swapcontext+0xa8: mov rsp, qword ptr [rdx+0xa0], then mov rbx"), wide);
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
