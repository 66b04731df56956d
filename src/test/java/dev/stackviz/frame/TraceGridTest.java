package dev.stackviz.frame;

import static dev.stackviz.frame.TraceFrames.BUFFER;
import static dev.stackviz.frame.TraceFrames.HELLO;
import static dev.stackviz.frame.TraceFrames.NEW_RSP;
import static dev.stackviz.frame.TraceFrames.OLD_RSP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.model.StackFault;
import dev.stackviz.model.StackSwitch;
import dev.stackviz.model.SwitchMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A switch's two stacks as rows: which rows, and every label and mark from the facts. */
class TraceGridTest {

    static Grid.Row at(List<Grid.Row> rows, long address) {
        return rows.stream().filter(r -> r.address() == address).findFirst().orElseThrow(
                () -> new AssertionError("no row at " + Long.toHexString(address)));
    }

    @Test
    void theNewStackIsLabelledFromTheSwitchAndTheChunkHeader() {
        List<Grid.Row> rows = TraceGrid.rows(TraceFrames.seen(), false, 9);
        assertEquals(9, rows.size());
        assertEquals(NEW_RSP + 24, rows.get(0).address(), "rsp's row a third of the way down");
        assertEquals(NEW_RSP - 40, rows.get(8).address());
        assertEquals(List.of("next chunk's size"), at(rows, BUFFER + 56).labels());
        assertEquals(0x411, at(rows, BUFFER + 56).value());
        assertEquals(List.of("rsp at hello+0x0"), at(rows, NEW_RSP + 8).labels());
        Grid.Row top = at(rows, NEW_RSP);
        assertEquals(List.of("rsp", "ret->hello+0x0"), top.labels());
        assertEquals(HELLO, top.value());
        assertEquals(Grid.Marker.RSP, top.cells().get(0).marker());
        assertEquals(Grid.Marker.NONE, top.cells().get(1).marker());
        assertTrue(top.cells().stream().allMatch(c -> c.kind() == Grid.Kind.ENTRY), "the 8 bytes ret popped");
        assertTrue(top.cells().stream().noneMatch(Grid.Cell::changed), "nothing to compare with: nothing marked");
        assertEquals(0x59, top.cells().get(0).value());
        assertEquals(List.of(), at(rows, NEW_RSP - 8).labels());
        assertTrue(at(rows, NEW_RSP - 8).cells().stream().allMatch(c -> c.kind() == Grid.Kind.BUFFER));
        assertFalse(at(rows, NEW_RSP - 8).outside());
        assertEquals(List.of("malloc'd 56 B"), at(rows, BUFFER).labels());
        Grid.Row header = at(rows, BUFFER - 8);
        assertEquals(List.of("malloc size 0x41"), header.labels());
        assertTrue(header.outside(), "the size field is not the chunk's usable memory");
        assertTrue(header.cells().stream().allMatch(c -> c.kind() == Grid.Kind.GUARD));
        assertTrue(at(rows, BUFFER + 56).outside());
    }

    @Test
    void theOldStackMarksRspBeforeAndHasNoChunk() {
        List<Grid.Row> rows = TraceGrid.rows(TraceFrames.seen(), true, 6);
        assertEquals(6, rows.size());
        assertEquals(OLD_RSP + 16, rows.get(0).address());
        Grid.Row rsp = at(rows, OLD_RSP);
        assertEquals(List.of("rsp (before)"), rsp.labels());
        assertEquals(Grid.Marker.RSP, rsp.cells().get(0).marker());
        assertEquals(256, rsp.value(), "the old window's bytes: row 256 of it");
        assertTrue(rows.stream().noneMatch(Grid.Row::outside), "no chunk: no guard");
        assertTrue(rows.stream().allMatch(r -> r.cells().stream().allMatch(c -> c.kind() == Grid.Kind.BUFFER)));
    }

    @Test
    void anOldStackInAHeapChunkIsLabelledByItsHeaderToo() {
        SwitchMemory m = TraceFrames.memory();
        byte[] old = m.oldWindow().clone();
        long header = OLD_RSP - 64;
        for (int i = 0; i < 8; i++) {
            old[(int) (header - m.oldStart()) + i] = (byte) (0x1011L >>> (8 * i));
        }
        SwitchMemory withChunk = new SwitchMemory(m.from(), m.to(), m.oldStart(), old, m.newStart(), m.newWindow(),
                m.chunk(), new SwitchMemory.Chunk(header, 0x1011));
        List<Grid.Row> rows = TraceGrid.rows(new TraceFrame.Seen(TraceFrames.seen().at(), withChunk), true, 16);
        assertEquals(List.of("malloc size 0x1011"), at(rows, header).labels());
        assertTrue(at(rows, header).outside(), "the size field is outside the chunk's usable bytes");
        assertEquals(List.of("malloc'd 4104 B"), at(rows, header + 8).labels());
        assertFalse(at(rows, OLD_RSP).outside());
    }

    @Test
    void aWindowShorterThanTheSpaceIsShownWholeAndNothingIsShownOfNothing() {
        List<Grid.Row> rows = TraceGrid.rows(TraceFrames.seen(), false, 500);
        assertEquals(64, rows.size(), "512 bytes");
        assertEquals(NEW_RSP + 248, rows.get(0).address());
        assertEquals(NEW_RSP - 256, rows.get(63).address());
        assertEquals(List.of(), TraceGrid.rows(TraceFrames.seen(), false, 0));
        TraceFrame.Seen empty = new TraceFrame.Seen(TraceFrames.seen().at(), new SwitchMemory(null, null, OLD_RSP,
                new byte[0], NEW_RSP, new byte[0], null));
        assertEquals(List.of(), TraceGrid.rows(empty, true, 9));
        assertEquals(List.of(), TraceGrid.rows(empty, false, 9));
    }

    @Test
    void nearTheWindowsBottomTheRowsAboveFillTheSpace() {
        SwitchMemory m = TraceFrames.memory();
        TraceFrame.Seen low = new TraceFrame.Seen(TraceFrames.seen().at(), new SwitchMemory(m.from(), m.to(),
                m.oldStart(), m.oldWindow(), NEW_RSP - 16, java.util.Arrays.copyOfRange(m.newWindow(), 240, 512), null));
        List<Grid.Row> rows = TraceGrid.rows(low, false, 9);
        assertEquals(9, rows.size());
        assertEquals(NEW_RSP - 16, rows.get(8).address());
        assertEquals(NEW_RSP + 48, rows.get(0).address());
        assertEquals(64, TraceGrid.rows(low, true, 500).size(), "the old stack's window is its own: 512 bytes");
    }

    @Test
    void theEndsOfAMappingAreSaid() {
        SwitchMemory m = TraceFrames.memory();
        SwitchMemory bounded = new SwitchMemory(new SwitchMemory.Region("[stack]", OLD_RSP - 16, OLD_RSP + 16),
                new SwitchMemory.Region("anonymous", NEW_RSP - 8, NEW_RSP + 24), m.oldStart(), m.oldWindow(),
                m.newStart(), m.newWindow(), null);
        TraceFrame.Seen seen = new TraceFrame.Seen(TraceFrames.seen().at(), bounded);
        List<Grid.Row> old = TraceGrid.rows(seen, true, 9);
        assertEquals(List.of("end of [stack]"), at(old, OLD_RSP + 8).labels());
        assertEquals(List.of("start of [stack]"), at(old, OLD_RSP - 16).labels());
        List<Grid.Row> rows = TraceGrid.rows(seen, false, 9);
        assertEquals(List.of("start of anonymous"), at(rows, NEW_RSP - 8).labels());
        assertEquals(List.of("end of anonymous"), at(rows, NEW_RSP + 16).labels());
        assertTrue(rows.stream().noneMatch(Grid.Row::outside), "no chunk: nothing is outside it");
    }

    @Test
    void aJmpPopsNothingAndAnUnalignedRspIsMarkedWithinItsRow() {
        StackSwitch s = TraceFrames.seen().at();
        StackSwitch.Landing jmp = new StackSwitch.Landing("f+0x3", "jmp rax", 0, "", HELLO, "hello+0x0", NEW_RSP + 4);
        StackSwitch moved = new StackSwitch(1, "", s.where(), s.instruction(), s.before(), TraceFrames.cpu(NEW_RSP + 4,
                7, 0x1003), s.from(), s.to(), s.windowStart(), s.window(), "", s.steps(), jmp, null);
        TraceFrame.Seen seen = new TraceFrame.Seen(moved, TraceFrames.memory());
        assertEquals(0, TraceGrid.poppedFrom(moved));
        List<Grid.Row> rows = TraceGrid.rows(seen, false, 9);
        assertEquals(List.of("rsp +4"), at(rows, NEW_RSP).labels(), "no ret->, no rsp at: it stayed");
        assertEquals(Grid.Marker.RSP, at(rows, NEW_RSP).cells().get(4).marker());
        assertTrue(at(rows, NEW_RSP).cells().stream().noneMatch(c -> c.kind() == Grid.Kind.ENTRY));
        StackSwitch none = new StackSwitch(1, "", s.where(), s.instruction(), s.before(), s.after(), s.from(), s.to(),
                s.windowStart(), s.window(), "", s.steps(), null, null);
        assertEquals(0, TraceGrid.poppedFrom(none));
        assertEquals(List.of("rsp"), at(TraceGrid.rows(new TraceFrame.Seen(none, TraceFrames.memory()), false, 9),
                NEW_RSP).labels());
    }

    @Test
    void aLandingFarAboveRspIsShownWithItAsFarAsTheSpaceAllows() {
        // ret 0x28: the ret popped its 8 bytes at rsp+40 and the landing's rsp is rsp+48
        StackSwitch.Landing far = new StackSwitch.Landing("main+0x52", "ret 0x28", HELLO, "hello+0x0", HELLO,
                "hello+0x0", NEW_RSP + 48);
        SwitchMemory m = TraceFrames.memory();
        SwitchMemory noChunk = new SwitchMemory(m.from(), m.to(), m.oldStart(), m.oldWindow(), m.newStart(),
                m.newWindow(), null); // no guards: the cells' kinds are the switch's alone
        List<Grid.Row> rows = TraceGrid.rows(new TraceFrame.Seen(TraceFrames.jump(far, null), noChunk), false, 9);
        assertEquals(NEW_RSP + 56, rows.get(0).address(), "the landing's row and one above it, with rsp's");
        assertEquals(NEW_RSP - 8, rows.get(8).address());
        assertEquals(List.of("rsp at hello+0x0"), at(rows, NEW_RSP + 48).labels());
        assertEquals(List.of("ret->hello+0x0"), at(rows, NEW_RSP + 40).labels());
        assertTrue(at(rows, NEW_RSP + 40).cells().stream().allMatch(c -> c.kind() == Grid.Kind.ENTRY));
        assertTrue(at(rows, NEW_RSP + 48).cells().stream().noneMatch(c -> c.kind() == Grid.Kind.ENTRY),
                "only the 8 bytes ret popped");
        assertTrue(at(rows, NEW_RSP).cells().stream().noneMatch(c -> c.kind() == Grid.Kind.ENTRY));

        StackSwitch.Landing farther = new StackSwitch.Landing("main+0x52", "ret 0xc0", HELLO, "hello+0x0", HELLO,
                "hello+0x0", NEW_RSP + 200);
        TraceFrame.Seen seen = new TraceFrame.Seen(TraceFrames.jump(farther, null), TraceFrames.memory());
        List<Grid.Row> capped = TraceGrid.rows(seen, false, 9);
        assertEquals(NEW_RSP + 64, capped.get(0).address(), "too far for the space: rsp's row stays, at the bottom");
        assertEquals(NEW_RSP, capped.get(8).address());
        assertEquals(OLD_RSP + 24, TraceGrid.rows(seen, true, 9).get(0).address(), "the old stack: no landing on it");
    }

    @Test
    void aRowOfTheDefaultLandingAboveRetsBytesIsNotMarkedAsPopped() {
        List<Grid.Row> rows = TraceGrid.rows(TraceFrames.seen(), false, 9);
        assertTrue(at(rows, NEW_RSP + 8).cells().stream().noneMatch(c -> c.kind() == Grid.Kind.ENTRY), "rsp+8");
        assertEquals(NEW_RSP + 13, at(rows, NEW_RSP + 8).cells().get(5).address());
    }

    @Test
    void anUnalignedRspAtAFaultIsMarkedWithinItsRowOnly() {
        StackFault m = TraceFrames.movaps();
        StackFault fault = new StackFault(m.fault(), m.where(), m.instruction(), TraceFrames.cpu(NEW_RSP - 4, 7,
                HELLO + 4), m.stack(), m.windowStart(), m.window(), false);
        List<Grid.Row> rows = TraceGrid.rows(fault, 6);
        Grid.Row row = at(rows, NEW_RSP - 8);
        assertEquals(List.of("rsp (at the fault) +4"), row.labels());
        for (int i = 0; i < 8; i++) {
            assertEquals(NEW_RSP - 8 + i, row.cells().get(i).address());
            assertEquals(i == 4 ? Grid.Marker.RSP : Grid.Marker.NONE, row.cells().get(i).marker(), "byte " + i);
        }
        assertTrue(rows.stream().filter(r -> r != row).allMatch(r -> r.labels().isEmpty()
                && r.cells().stream().noneMatch(c -> c.marker() == Grid.Marker.RSP)), "no other row");
    }

    @Test
    void aWindowOfOneWholeRowShowsThatRow() {
        assertEquals(List.of(0x1000L), TraceGrid.shown(0x1000, 8, 0x1000, 0, 5));
        assertEquals(List.of(0x1008L), TraceGrid.shown(0x1001, 16, 0x1008, 0, 5), "whole rows only");
        assertEquals(List.of(), TraceGrid.shown(0x1001, 8, 0x1000, 0, 5), "no whole row");
        assertEquals(List.of(0x1008L), TraceGrid.shown(0x1000, 16, 0x1008, 0, 1));
    }

    @Test
    void aLongSymbolIsNamedByItsLastPathPart() {
        assertEquals("hello+0x0", TraceGrid.shortName("seed_jump::hello+0x0"));
        assertEquals("hello+0x0", TraceGrid.shortName("hello+0x0"));
        assertEquals("c", TraceGrid.shortName("a::b::c"));
        assertEquals("f+0x1", TraceGrid.shortName("ns::f+0x1"));
        assertEquals("lib.so+0x1::x", TraceGrid.shortName("lib.so+0x1::x"), "no :: before the offset: as it is");
        assertEquals("f+0x1", TraceGrid.shortName("::f+0x1"), "a path of nothing");
    }

    @Test
    void theStackAtAFaultMarksRsp() {
        List<Grid.Row> rows = TraceGrid.rows(TraceFrames.movaps(), 6);
        assertEquals(6, rows.size());
        assertEquals(NEW_RSP + 8, rows.get(0).address());
        Grid.Row rsp = at(rows, NEW_RSP - 8);
        assertEquals(List.of("rsp (at the fault)"), rsp.labels());
        assertEquals(HELLO, rsp.value());
        assertEquals(Grid.Marker.RSP, rsp.cells().get(0).marker());
        assertEquals(Grid.Marker.NONE, rsp.cells().get(7).marker());
        assertEquals(12, TraceGrid.rows(TraceFrames.movaps(), 40).size(), "96 bytes: 12 rows");
        assertEquals(List.of(), TraceGrid.rows(TraceFrames.movaps(), 0));
    }
}
