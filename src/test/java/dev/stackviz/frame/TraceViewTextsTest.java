package dev.stackviz.frame;

import static dev.stackviz.frame.TraceFrames.HELLO;
import static dev.stackviz.frame.TraceFrames.NEW_RSP;
import static dev.stackviz.frame.TraceFrames.OLD_RSP;
import static dev.stackviz.frame.TraceFrames.cpu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.TraceFrame.State;
import dev.stackviz.model.Fate;
import dev.stackviz.model.StackSwitch;
import dev.stackviz.model.SwitchMemory;
import dev.stackviz.model.TraceStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace view's sentences: each from the facts of the frame it was given. */
class TraceViewTextsTest {

    static TraceFrame in(State state) {
        return TraceFrames.frame(state, List.of(), -1, List.of(), null);
    }

    static TraceFrame.Seen seen(int number, String from, String to) {
        StackSwitch s = TraceFrames.seen().at();
        return new TraceFrame.Seen(new StackSwitch(number, "", s.where(), s.instruction(), s.before(), s.after(), from,
                to, s.windowStart(), s.window(), s.topWhere(), s.steps(), s.landing(), s.fault()), TraceFrames.memory());
    }

    @Test
    void theTitleSaysWhereTheProgramIsAndWhichSwitchIsShown() {
        String dot = " • ";
        assertEquals("./seed_jump (pid 4321) • starting: reading its code", TraceViewTexts.title(in(State.STARTING), dot));
        assertEquals("./seed_jump (pid 4321) • held at its entry", TraceViewTexts.title(in(State.ENTRY), dot));
        assertEquals("./seed_jump (pid 4321) • running to switch 1", TraceViewTexts.title(in(State.SEEKING), dot));
        assertEquals("./seed_jump (pid 4321) • held", TraceViewTexts.title(in(State.HELD), dot));
        assertEquals("./seed_jump (pid 4321) • held at a fault", TraceViewTexts.title(in(State.FAULT), dot));
        assertEquals("./seed_jump (pid 4321) • running untraced", TraceViewTexts.title(in(State.UNTRACED), dot));
        assertEquals("./seed_jump (pid 4321) • ended", TraceViewTexts.title(in(State.ENDED), dot));
        assertEquals("./seed_jump (pid 4321) • held after switch 1", TraceViewTexts.title(TraceFrames.held(), dot));
        List<TraceFrame.Seen> two = List.of(seen(1, "[stack]", "[heap]"), seen(2, "[heap]", "[stack]"));
        assertEquals("./seed_jump (pid 4321) • running to switch 3",
                TraceViewTexts.title(TraceFrames.frame(State.SEEKING, two, 1, List.of(), null), dot));
        assertEquals("./seed_jump (pid 4321) - held after switch 2 - showing switch 1 of 2",
                TraceViewTexts.title(TraceFrames.frame(State.HELD, two, 0, List.of(), null), " - "));
        TraceFrame starting = new TraceFrame("./a.out", 0, State.STARTING, List.of(), -1, false, List.of(), null, null,
                "", "", Frame.Overlay.NONE, "");
        assertEquals("./a.out • starting: reading its code", TraceViewTexts.title(starting, dot), "no pid yet");
    }

    @Test
    void theSentenceTellsTheSwitchFromItsFacts() {
        assertEquals("rsp moved from [stack] to [heap] (0x7ffd00001d50 -> 0x5555000002c0) by mov rsp, qword ptr [rax] "
                + "at main+0x4f; ret popped 0x555512345159 = hello+0x0 into rip: rsp % 16 = 8, as the ABI promises at a "
                + "function's entry.", TraceViewTexts.sentence(TraceFrames.held()));
        assertTrue(sentence(TraceFrames.ret("hello+0x0", NEW_RSP)).endsWith(": rsp % 16 = 0, not the ABI's 8 at a "
                + "function's entry (a movaps there faults)."));
        assertTrue(sentence(TraceFrames.ret("main+0x60", NEW_RSP + 8)).endsWith(": rsp % 16 = 8, back inside a function."));
        assertTrue(sentence(new StackSwitch.Landing("f+0x3", "jmp rax", 0, "", HELLO, "hello+0x0", NEW_RSP + 8))
                .endsWith("; jmp rax took rip to hello+0x0: rsp % 16 = 8, as the ABI promises at a function's entry."));
        StackSwitch s = TraceFrames.jump(null, new TraceStep.Fault(11, 1, 0x10, "address not mapped"));
        assertTrue(TraceViewTexts.sentence(frameOf(s)).endsWith(" at main+0x4f; then SIGSEGV (address not mapped) at "
                + "address 0x000000000010."), TraceViewTexts.sentence(frameOf(s)));
        StackSwitch s0 = TraceFrames.seen().at();
        StackSwitch threaded = new StackSwitch(1, "thread 4322", s0.where(), s0.instruction(), s0.before(), s0.after(),
                "stack of thread 4322", "[heap]", s0.windowStart(), s0.window(), s0.topWhere(), s0.steps(), s0.landing(),
                null);
        assertTrue(TraceViewTexts.sentence(frameOf(threaded)).startsWith("In thread 4322, rsp moved from stack of "
                + "thread 4322 to [heap] ("), TraceViewTexts.sentence(frameOf(threaded)));
        StackSwitch lost = TraceFrames.jump(null, null);
        assertTrue(TraceViewTexts.sentence(frameOf(lost)).endsWith("; no ret or jmp within 1 instructions."));
    }

    static String sentence(StackSwitch.Landing landing) {
        return TraceViewTexts.sentence(frameOf(TraceFrames.jump(landing, null)));
    }

    static TraceFrame frameOf(StackSwitch s) {
        return TraceFrames.frame(State.HELD, List.of(new TraceFrame.Seen(s, TraceFrames.memory())), 0, List.of(), null);
    }

    @Test
    void beforeAnySwitchTheSentenceSaysWhatIsGoingOn() {
        assertTrue(TraceViewTexts.sentence(in(State.STARTING)).startsWith("The program is started under ptrace"));
        assertEquals("Held at its entry point, before its first instruction: " + TraceFrames.SETUP + ". n lets it run "
                + "until one of them moves rsp to another stack.", TraceViewTexts.sentence(in(State.ENTRY)));
        assertTrue(TraceViewTexts.sentence(in(State.SEEKING)).startsWith("It runs; every instruction that can move rsp"));
        assertTrue(TraceViewTexts.sentence(in(State.UNTRACED)).startsWith("It runs untraced, at full speed"));
        assertEquals("No switch seen yet.", TraceViewTexts.sentence(in(State.HELD)));
        assertEquals("It faulted before any switch.", TraceViewTexts.sentence(TraceFrames.frame(State.FAULT, List.of(),
                -1, List.of(), TraceFrames.movaps())));
        TraceFrame ended = new TraceFrame("./a", 1, State.ENDED, List.of(), -1, false, List.of(), null, Fate.exited(3),
                "", "", Frame.Overlay.NONE, "");
        assertEquals("It exited with status 3 with no switch seen.", TraceViewTexts.sentence(ended));
    }

    @Test
    void theStackHeadersTheInstructionAndTheRegisters() {
        TraceFrame.Seen seen = TraceFrames.seen();
        assertEquals("new stack: [heap] 0x555500000000-0x555500021000", TraceViewTexts.stackHeader(seen, false));
        assertEquals("old stack: [stack] 0x7ffd00000000-0x7ffd00002000", TraceViewTexts.stackHeader(seen, true));
        TraceFrame.Seen unmapped = new TraceFrame.Seen(seen.at(), new SwitchMemory(null, null, 0, new byte[0], 0,
                new byte[0], null));
        assertEquals("old stack: unmapped", TraceViewTexts.stackHeader(unmapped, true));
        assertEquals("new stack: unmapped", TraceViewTexts.stackHeader(unmapped, false));
        assertEquals("switched by main+0x4f: mov rsp, qword ptr [rax], then ret", TraceViewTexts.instruction(seen));
        assertEquals("rsp 0x5555000002c8 (was 0x7ffd00001d50)  rip 0x555512345159 (was 0x000000001000)",
                TraceViewTexts.pointers(seen.at().before(), TraceViewTexts.now(TraceFrames.held(), seen)));
        assertEquals(List.of("callee-saved: rbx 0x000000000007 rbp 0x000000000000 r12 0x000000000000",
                "              r13 0x000000000000 r14 0x000000000000 r15 0x000000000000"),
                TraceViewTexts.calleeSaved(cpu(1, 7, 2), cpu(1, 7, 3), 80));
        assertEquals(List.of("callee-saved: *rbx 0x000000000008 (was 0x000000000007) rbp 0x000000000000 r12 "
                + "0x000000000000 r13 0x000000000000 r14 0x000000000000 r15 0x000000000000"),
                TraceViewTexts.calleeSaved(cpu(1, 7, 2), cpu(1, 8, 3), 160));
        assertEquals(List.of("callee-saved: *rbx 0x000000000008 (was 0x000000000007)",
                "              rbp 0x000000000000 r12 0x000000000000 r13 0x000000000000",
                "              r14 0x000000000000 r15 0x000000000000"),
                TraceViewTexts.calleeSaved(cpu(1, 7, 2), cpu(1, 8, 3), 72));
        assertEquals(6, TraceViewTexts.calleeSaved(cpu(1, 7, 2), cpu(1, 7, 3), 10).size(), "one a line at the least");
    }

    @Test
    void theRegistersShownAreTheFaultsOrTheLastSteppedOrTheLandings() {
        TraceFrame.Seen seen = TraceFrames.seen();
        assertEquals(NEW_RSP + 8, TraceViewTexts.now(TraceFrames.held(), seen).rsp(), "the landing's");
        StackSwitch.Stepped one = new StackSwitch.Stepped("hello+0x0", "mov eax, 0x1", cpu(NEW_RSP + 8, 7, HELLO + 5));
        StackSwitch.Stepped two = new StackSwitch.Stepped("hello+0x5", "mov edi, 0x1", cpu(NEW_RSP + 8, 7, HELLO + 10));
        TraceFrame stepped = TraceFrames.frame(State.HELD, List.of(seen), 0, List.of(one, two), null);
        assertEquals(HELLO + 10, TraceViewTexts.now(stepped, seen).rip());
        assertEquals(List.of("i 2: hello+0x5: mov edi, 0x1  rsp 0x5555000002c8"), TraceViewTexts.stepped(stepped, 1));
        assertEquals(2, TraceViewTexts.stepped(stepped, 5).size());
        assertEquals("i 1: hello+0x0: mov eax, 0x1  rsp 0x5555000002c8", TraceViewTexts.stepped(stepped, 5).get(0));
        TraceFrame faulted = TraceFrames.frame(State.FAULT, List.of(seen), 0, List.of(one), TraceFrames.movaps());
        assertEquals(NEW_RSP - 8, TraceViewTexts.now(faulted, seen).rsp());
        TraceFrame.Seen first = seen(1, "[stack]", "[heap]");
        TraceFrame earlier = TraceFrames.frame(State.FAULT, List.of(first, seen(2, "[heap]", "[stack]")), 0,
                List.of(one), TraceFrames.movaps());
        assertEquals(NEW_RSP + 8, TraceViewTexts.now(earlier, first).rsp(), "an earlier switch: its own landing");
        StackSwitch bare = new StackSwitch(1, "", "f", "mov rsp, rdi", seen.at().before(), seen.at().after(), "a", "b",
                0, new byte[0], "", List.of(), null, null);
        assertEquals(NEW_RSP, TraceViewTexts.now(TraceFrames.held(), new TraceFrame.Seen(bare, seen.memory())).rsp(),
                "no steps: right after the switch");
    }

    @Test
    void theSwitchesSeenOnOneLineTheOneShownInBrackets() {
        assertEquals("switches: none seen yet", TraceViewTexts.switches(in(State.ENTRY), 80));
        List<TraceFrame.Seen> seen = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            seen.add(seen(i, i % 2 == 1 ? "[stack]" : "[heap]", i % 2 == 1 ? "[heap]" : "[stack]"));
        }
        TraceFrame first = TraceFrames.frame(State.HELD, seen.subList(0, 2), 0, List.of(), null);
        assertEquals("switches: [1 [stack]->[heap]]  2 [heap]->[stack]", TraceViewTexts.switches(first, 80));
        TraceFrame last = TraceFrames.frame(State.HELD, seen, 7, List.of(), null);
        String line = TraceViewTexts.switches(last, 80);
        assertTrue(line.startsWith("switches: ... ") && line.endsWith("  [8 [heap]->[stack]]") && line.length() <= 80, line);
        TraceFrame second = TraceFrames.frame(State.HELD, seen, 1, List.of(), null);
        String cut = TraceViewTexts.switches(second, 80);
        assertTrue(cut.startsWith("switches: ... [2 [heap]->[stack]]  3 [stack]->[heap]") && cut.endsWith("...")
                && cut.length() == 80, "the earlier ones give way, the later are cut: " + cut);
        TraceFrame wide = TraceFrames.frame(State.HELD, seen, 1, List.of(), null);
        assertTrue(TraceViewTexts.switches(wide, 300).startsWith("switches: 1 [stack]->[heap]  [2 "), "all fit at 300");
    }

    @Test
    void theStatusSaysWhatTheKeysDoNow() {
        assertEquals("starting", TraceViewTexts.status(in(State.STARTING)));
        assertEquals("held at its entry: n runs it to its first switch", TraceViewTexts.status(in(State.ENTRY)));
        assertEquals("running to the next switch: c lets it go untraced, k ends it", TraceViewTexts.status(in(State.SEEKING)));
        assertEquals("held: n runs to the next switch, i steps one instruction, c lets it run untraced",
                TraceViewTexts.status(in(State.HELD)));
        assertEquals("held at its fault: n delivers the signal (it dies of it, as untraced)",
                TraceViewTexts.status(in(State.FAULT)));
        assertEquals("running untraced (breakpoints removed): k ends it", TraceViewTexts.status(in(State.UNTRACED)));
        assertEquals("it has ended: r starts it again", TraceViewTexts.status(in(State.ENDED)));
        TraceFrame killed = new TraceFrame("./a", 1, State.ENDED, List.of(), -1, false, List.of(), null,
                Fate.killedBy(9, null), "", "", Frame.Overlay.NONE, "");
        assertEquals("it was killed by SIGKILL (signal 9): r starts it again", TraceViewTexts.status(killed));
    }

    @Test
    void theOutputAndTheHelp() {
        assertEquals(List.of("rsp 0x5555000002c0", "buffer 0x5555000002a0"),
                TraceViewTexts.outputLines(TraceFrames.held(), 2));
        TraceFrame quiet = new TraceFrame("./a", 1, State.ENTRY, List.of(), -1, false, List.of(), null, null, "", "",
                Frame.Overlay.NONE, "");
        assertEquals(List.of("(nothing yet)"), TraceViewTexts.outputLines(quiet, 2));
        List<String> help = TraceViewTexts.help();
        assertEquals("stackviz trace: keys", help.get(0));
        assertEquals("  any key closes this help", help.get(help.size() - 1));
        assertTrue(help.stream().anyMatch(l -> l.contains("Tab") && l.contains("the other stack")), help.toString());
    }
}
