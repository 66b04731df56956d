package dev.stackviz.frame;

import static dev.stackviz.frame.FrameBuilder.at;
import static dev.stackviz.frame.FrameBuilder.child;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.model.Experiment;
import dev.stackviz.model.Step;
import dev.stackviz.model.TargetLayout;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The grid as the painter gets it: per byte what it is (G guard, B buffer, E entry, H heartbeat:
 * each its own colour) and which mark points at it (b base, t top, a aligned, r rsp); per row * for
 * each byte the last step changed, and the labels.
 */
class GridTest {

    static String picture(List<Grid.Row> rows) {
        return rows.stream().map(GridTest::line).collect(Collectors.joining("\n", "", "\n"));
    }

    static String line(Grid.Row row) {
        StringBuilder kinds = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        StringBuilder changed = new StringBuilder();
        for (Grid.Cell cell : row.cells()) {
            kinds.append(cell.kind().name().charAt(0));
            marks.append(cell.marker() == Grid.Marker.NONE ? '-' : Character.toLowerCase(cell.marker().name().charAt(0)));
            changed.append(cell.changed() ? '*' : '.');
        }
        return (Grid.address(row.address()) + " " + kinds + " " + marks + " " + changed + " "
                + String.join(", ", row.labels())).stripTrailing();
    }

    @Test
    void aMisalignedStackShowsEachMarkOnItsOwnByte() {
        Frame frame = at(Step.SET_CONTEXT).stack(48, 5).setUp().build();
        assertEquals("""
                0x7f3ca8001288 GGGGGGGG -------- ........ guard
                0x7f3ca8001280 GGGGGGGG -------- ........ guard
                0x7f3ca8001278 GGGGGGGG -------- ........ guard
                0x7f3ca8001270 BBBBBGGG a----t-- ........ top +5, aligned
                0x7f3ca8001268 BBBBBBBB r------- ........ rsp (predicted)
                0x7f3ca8001260 EEEEEEEE -------- ........ entry (ctx.rsp)
                0x7f3ca8001258 BBBBBBBB -------- ........
                0x7f3ca8001250 BBBBBBBB -------- ........
                0x7f3ca8001248 BBBBBBBB -------- ........
                0x7f3ca8001240 GGGGGBBB -----b-- ........ base +5
                0x7f3ca8001238 GGGGGGGG -------- ........ guard
                0x7f3ca8001230 GGGGGGGG -------- ........ guard
                0x7f3ca8001228 GGGGGGGG -------- ........ guard
                """, picture(Grid.rows(frame)));
    }

    @Test
    void theMarksAppearStepByStep() {
        FrameBuilder allocate = at(Step.ALLOCATE).stack(48, 5);
        assertEquals("0x7f3ca8001270 BBBBBGGG -------- ........", line(row(allocate.build(), 0x7f3ca8001270L)),
                "allocate: neither top nor aligned yet");
        assertEquals("0x7f3ca8001270 BBBBBGGG -----t-- ........ top +5",
                line(row(at(Step.TOP).stack(48, 5).build(), 0x7f3ca8001270L)), "top: top only");
        assertEquals("0x7f3ca8001270 BBBBBGGG a----t-- ........ top +5, aligned",
                line(row(at(Step.ALIGN).stack(48, 5).build(), 0x7f3ca8001270L)), "align: and aligned");
        assertEquals("0x7f3ca8001270 GGGGGGGG t------- ........ top", line(row(at(Step.TOP).build(), 0x7f3ca8001270L)),
                "an aligned top is not called aligned before the align step");
        assertEquals("0x7f3ca8001270 GGGGGGGG a------- ........ top = aligned",
                line(row(at(Step.ALIGN).build(), 0x7f3ca8001270L)), "and is, from it");
    }

    @Test
    void theWriteStepMarksTheEntrysBytesAsChangedAndColoursThem() {
        FrameBuilder b = at(Step.WRITE_ENTRY);
        Frame frame = b.written(b.aligned(16), FrameBuilder.ENTRY).build();
        assertEquals("0x7f3ca8001260 EEEEEEEE -------- ******.. entry address", line(row(frame, 0x7f3ca8001260L)),
                "the two high bytes of the address are zero, as they were");
    }

    @Test
    void anEntrySlotSaysWhatItHoldsNow() {
        FrameBuilder overwritten = running(Experiment.OVERFLOW);
        assertEquals("0x7f3ca8001260 BBBBBBBB -------- ........ entry: 'AAAAAAAA'",
                line(row(overwritten.u64(overwritten.aligned(16), TargetLayout.OVERFLOW_PATTERN).build(),
                        0x7f3ca8001260L)), "the overflow's pattern");
        FrameBuilder other = running(Experiment.NONE);
        assertEquals("0x7f3ca8001260 BBBBBBBB -------- ........ entry, overwritten",
                line(row(other.u64(other.aligned(16), 0x1234).build(), 0x7f3ca8001260L)), "anything else");
        assertEquals("0x7f3ca8001260 BBBBBBBB -------- ........ entry slot",
                line(row(at(Step.WRITE_ENTRY).entryAddress(0).build(), 0x7f3ca8001260L)),
                "the address is not known yet");
        assertEquals("0x7f3ca8001260 EEEEEEEE -------- ........ entry address",
                line(row(running(Experiment.NONE).setUp().build(), 0x7f3ca8001260L)), "after the switch");
    }

    static FrameBuilder running(Experiment experiment) {
        FrameBuilder b = child(experiment, Step.SWITCH).phase(Frame.Phase.RUNNING);
        return b.run(b.aligned(8), 0, null);
    }

    static Grid.Row row(Frame frame, long address) {
        return Grid.rows(frame).stream().filter(r -> r.address() == address).findFirst().orElseThrow();
    }

    /** The heartbeat's row (aligned-24) of the seed's child. */
    static String heartbeat(FrameBuilder b) {
        return line(row(b.build(), 0x7f3ca8001258L));
    }

    @Test
    void theHeartbeatsSlotIsColouredWhileTheTargetRunsAndAfterItCounted() {
        assertEquals("0x7f3ca8001258 HHHHHHHH -------- ........ heartbeat", heartbeat(running(Experiment.NONE)),
                "running, before it first counted");
        FrameBuilder counted = running(Experiment.NONE).phase(Frame.Phase.RETURNED);
        assertEquals("0x7f3ca8001258 HHHHHHHH -------- ........ heartbeat",
                heartbeat(counted.u64(counted.aligned(24), 7)), "ended, after it counted");
        assertEquals("0x7f3ca8001258 BBBBBBBB -------- ........",
                heartbeat(running(Experiment.NONE).phase(Frame.Phase.RETURNED)), "ended before it ever counted");
        assertEquals("0x7f3ca8001258 BBBBBBBB -------- ........",
                heartbeat(running(Experiment.NONE).trace(StoryTest.atJump())), "stepping, before the target ran");
        assertEquals("0x7f3ca8001258 BBBBBBBB -------- ........", heartbeat(at(Step.SET_CONTEXT)),
                "before the switch");
    }

    @Test
    void rspIsMarkedWhereTheTargetWoke() {
        FrameBuilder b = running(Experiment.NONE);
        assertEquals("0x7f3ca8001268 BBBBBBBB r------- ........ rsp (woke)", line(row(b.build(), 0x7f3ca8001268L)));
    }

    @Test
    void rowsAreTheWindowsWholeRowsHighestFirst() {
        // 13 bytes below base to 21 past the 48-byte buffer: rows from base-8 to base+56
        Frame frame = at(Step.ALLOCATE).window(FrameBuilder.BASE - 13, 13 + 48 + 21).build();
        assertEquals("""
                0x7f3ca8001278 GGGGGGGG -------- ........ guard
                0x7f3ca8001270 GGGGGGGG -------- ........ guard
                0x7f3ca8001268 BBBBBBBB -------- ........
                0x7f3ca8001260 BBBBBBBB -------- ........
                0x7f3ca8001258 BBBBBBBB -------- ........
                0x7f3ca8001250 BBBBBBBB -------- ........
                0x7f3ca8001248 BBBBBBBB -------- ........
                0x7f3ca8001240 BBBBBBBB b------- ........ base
                0x7f3ca8001238 GGGGGGGG -------- ........ guard
                """, picture(Grid.rows(frame)));
    }

    // ---- which rows fit ----------------------------------------------------------------------

    /** The rows shown in {@code space} lines, named from the aligned top, and how many more were left out. */
    static String shown(Frame frame, int space) {
        Grid.Shown shown = Grid.visible(frame, space);
        return shown.rows().stream().map(r -> Texts.relative(frame.layout(), r.address()))
                .collect(Collectors.joining(" ")) + "; " + shown.more() + " more";
    }

    @Test
    void spareLinesGoToGuardRowsAboveAndBelowInTurn() {
        Frame frame = at(Step.ALLOCATE).build();
        assertEquals("aligned+8 aligned aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 aligned-48 aligned-56 "
                + "aligned-64; 0 more", shown(frame, 10));
        assertEquals("aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 aligned-48; 0 more", shown(frame, 6),
                "exactly the buffer");
    }

    @Test
    void aTallTerminalShowsTheWholeWindowAndNoMore() {
        Frame frame = at(Step.ALLOCATE).build();
        assertEquals("aligned+24 aligned+16 aligned+8 aligned aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 "
                + "aligned-48 aligned-56 aligned-64 aligned-72 aligned-80; 0 more", shown(frame, 40));
    }

    @Test
    void aWindowEndingJustAboveTheTopGivesItsSpareLinesBelow() {
        Frame frame = at(Step.ALLOCATE).window(FrameBuilder.BASE - 64, 64 + 48 + 8).build();
        assertEquals("aligned aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 aligned-48 aligned-56 aligned-64 "
                + "aligned-72 aligned-80 aligned-88 aligned-96 aligned-104 aligned-112; 0 more", shown(frame, 40));
    }

    @Test
    void aWindowStartingAtBaseGivesItsSpareLinesAbove() {
        Frame frame = at(Step.ALLOCATE).window(FrameBuilder.BASE, 48 + 64).build();
        assertEquals("aligned+56 aligned+48 aligned+40 aligned+32 aligned+24 aligned+16 aligned+8 aligned aligned-8 "
                + "aligned-16 aligned-24 aligned-32 aligned-40 aligned-48; 0 more", shown(frame, 40));
    }

    @Test
    void aBufferTallerThanTheSpaceShowsItsTopAndCountsTheRest() {
        Frame frame = at(Step.ALLOCATE).stack(4096, 0).build();
        assertEquals("aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 aligned-48 aligned-56 aligned-64 "
                + "aligned-72; 503 more", shown(frame, 10), "512 rows of buffer: 9 shown, and a line that says so");
        assertEquals("; 512 more", shown(frame, 1), "one line: only how many");
    }

    @Test
    void aWindowThatStartsInsideTheBufferCountsFromItsFirstRow() {
        Frame frame = at(Step.ALLOCATE).window(FrameBuilder.BASE, 48).build();
        assertEquals("aligned-8 aligned-16 aligned-24; 3 more", shown(frame, 4));
    }

    @Test
    void aWindowAwayFromTheStackShowsItsRowsFromTheTop() {
        Frame frame = at(Step.ALLOCATE).window(FrameBuilder.BASE + 48 + 64, 32).build();
        assertEquals("aligned+88 aligned+80 aligned+72; 0 more", shown(frame, 3));
        assertEquals("aligned+88 aligned+80 aligned+72 aligned+64; 0 more", shown(frame, 10));
    }

    @Test
    void theRowHoldingTheBuffersLastBytesCountsAsBufferEvenBeforeTopIsMarked() {
        Frame frame = at(Step.ALLOCATE).stack(16, 0).build();
        assertEquals("aligned aligned-8 aligned-16; 0 more", shown(frame, 3));
    }

    @Test
    void anEntrySlotBelowATinyBufferIsKeptInView() {
        Frame frame = at(Step.SET_CONTEXT).stack(8, 0).setUp().build();
        assertEquals("aligned+8 aligned aligned-8 aligned-16; 0 more", shown(frame, 4),
                "top, base = aligned, rsp (predicted) at aligned-8, the entry at aligned-16");
    }

    @Test
    void rspWhereverItWokeIsKeptInView() {
        FrameBuilder b = at(Step.SWITCH).phase(Frame.Phase.RUNNING);
        Frame frame = b.run(b.aligned(72), 0, null).build();
        assertEquals("aligned aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 aligned-48 aligned-56 aligned-64 "
                + "aligned-72; 0 more", shown(frame, 10));
    }

    /** The overflow on 48 bytes: its heartbeat slot is at aligned-56, 8 bytes below base. */
    static String overflowShown(FrameBuilder b) {
        return shown(b.build(), 8);
    }

    @Test
    void theHeartbeatBelowBaseIsKeptInViewWhileItCountsOrCounted() {
        String withHeartbeat = "aligned aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 aligned-48 aligned-56; "
                + "0 more";
        String without = "aligned+8 aligned aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 aligned-48; 0 more";
        assertEquals(withHeartbeat, overflowShown(running(Experiment.OVERFLOW)), "running, not counted yet");
        FrameBuilder counted = running(Experiment.OVERFLOW).phase(Frame.Phase.RETURNED);
        assertEquals(withHeartbeat, overflowShown(counted.u64(counted.aligned(56), 3)), "ended after it counted");
        assertEquals(without, overflowShown(running(Experiment.OVERFLOW).phase(Frame.Phase.RETURNED)),
                "ended before it counted");
        assertEquals(without, overflowShown(running(Experiment.OVERFLOW).trace(StoryTest.atJump())),
                "stepping, before the target ran");
    }

    @Test
    void thePatternIsKeptInViewWhereverItIs() {
        FrameBuilder b = at(Step.ALLOCATE);
        Frame frame = b.u64(b.aligned(-24), TargetLayout.OVERFLOW_PATTERN).build();
        assertEquals("aligned+24 aligned+16 aligned+8 aligned aligned-8 aligned-16 aligned-24; 3 more",
                shown(frame, 8));
    }
}
