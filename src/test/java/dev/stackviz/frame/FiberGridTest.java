package dev.stackviz.frame;

import static dev.stackviz.frame.Fibers.ENTRY;
import static dev.stackviz.frame.Fibers.FINISH;
import static dev.stackviz.frame.Fibers.STACKS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.StackLayout;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A fiber's stack as the painter gets it (letters as in {@link GridTest}: G guard, B buffer, E the
 * entry's slot at aligned-16; marks b base, t top, a aligned, r saved rsp), and which rows fit.
 */
class FiberGridTest {

    static final StackLayout SIXTEEN = new StackLayout(STACKS, 16);

    /** Fiber 1 alone, not started. */
    static FibersFrame setup(Fiber fiber) {
        Scheduler s = Fibers.scheduler(Scheduler.Mode.SETUP, 0, -1, -1, false, List.of(fiber));
        return Fibers.frame(s, s);
    }

    static String rows(FibersFrame frame, int space) {
        return GridTest.picture(FiberGrid.rows(frame, 0, space));
    }

    /** The rows' addresses, named from the fiber's aligned top. */
    static String addresses(FibersFrame frame, int space) {
        StackLayout layout = frame.fiber(0).layout();
        return FiberGrid.rows(frame, 0, space).stream().map(r -> Texts.relative(layout, r.address()))
                .collect(Collectors.joining(" "));
    }

    @Test
    void aPreparedStackShowsTheFinishingRoutineAndTheEntryBetweenItsGuards() {
        FibersFrame frame = setup(Fibers.fiber(0, Fiber.Status.READY, SIXTEEN, 16, 16, SIXTEEN.belowAligned(16),
                SIXTEEN.belowAligned(8), FINISH, SIXTEEN.belowAligned(16), ENTRY));
        assertEquals("""
                0x7f3ca8020018 GGGGGGGG -------- ........ guard
                0x7f3ca8020010 GGGGGGGG a------- ........ top = aligned
                0x7f3ca8020008 BBBBBBBB -------- ........ finish (guard)
                0x7f3ca8020000 EEEEEEEE b------- ........ entry, base
                0x7f3ca801fff8 GGGGGGGG -------- ........ guard
                0x7f3ca801fff0 GGGGGGGG -------- ........ guard
                """, rows(frame, 20), "the whole window, and no more: before the first switch nothing is saved");
    }

    @Test
    void spareLinesGoAboveAndBelowTheStackInTurn() {
        FibersFrame frame = setup(Fibers.prepared(0, Fiber.Status.READY, 16));
        assertEquals("aligned+8 aligned aligned-8 aligned-16 aligned-24", addresses(frame, 5));
        assertEquals("aligned+8 aligned aligned-8 aligned-16 aligned-24 aligned-32", addresses(frame, 6));
    }

    @Test
    void spareLinesGoAboveTheStackWhereTheWindowEndsBelowIt() {
        FibersFrame frame = setup(Fibers.fiber(0, Fiber.Status.READY, SIXTEEN, 8, 64, SIXTEEN.belowAligned(16)));
        assertEquals("aligned+8 aligned aligned-8 aligned-16 aligned-24", addresses(frame, 5));
        assertEquals("aligned+56 aligned+48 aligned+40 aligned+32 aligned+24 aligned+16 aligned+8 aligned aligned-8 "
                + "aligned-16 aligned-24", addresses(frame, 20), "up to the window's end");
    }

    @Test
    void spareLinesGoBelowTheStackWhereTheWindowEndsAboveIt() {
        FibersFrame frame = setup(Fibers.fiber(0, Fiber.Status.READY, SIXTEEN, 64, 0, SIXTEEN.belowAligned(16)));
        assertEquals("aligned-8 aligned-16 aligned-24 aligned-32 aligned-40", addresses(frame, 5));
        assertEquals("aligned-8 aligned-16 aligned-24 aligned-32 aligned-40 aligned-48 aligned-56 aligned-64 aligned-72 "
                + "aligned-80", addresses(frame, 20), "down to the window's start");
    }

    @Test
    void aStackTallerThanTheSpaceShowsItsTopAndTheRowsInsideAreNotGuards() {
        FibersFrame frame = setup(Fibers.prepared(0, Fiber.Status.READY, 64));
        assertEquals("""
                0x7f3ca8020040 GGGGGGGG a------- ........ top = aligned
                0x7f3ca8020038 BBBBBBBB -------- ........ finish (guard)
                0x7f3ca8020030 EEEEEEEE -------- ........ entry
                0x7f3ca8020028 BBBBBBBB -------- ........
                0x7f3ca8020020 BBBBBBBB -------- ........
                """, rows(frame, 5));
    }

    @Test
    void aMisalignedSavedStackMarksEachByteAndNamesOnlyTheAddressesInIt() {
        StackLayout layout = new StackLayout(STACKS + 4, 24); // top 0x...2001c, aligned 0x...20010
        long rsp = layout.belowAligned(8);
        Fiber now = Fibers.fiber(0, Fiber.Status.READY, layout, 12, 16, rsp,
                layout.top() + 4, FINISH, // above the stack
                layout.top() - 4, ENTRY + 0x100, // past the end of the body
                layout.aligned(), FINISH,
                rsp, ENTRY + 0x2a,
                layout.belowAligned(16), ENTRY,
                layout.belowAligned(24), ENTRY + 0xff); // two rows below base
        Fiber before = Fibers.fiber(0, Fiber.Status.RUNNING, layout, 12, 16, rsp,
                layout.top() + 4, FINISH, layout.top() - 4, ENTRY + 0x100, layout.aligned(), FINISH,
                rsp, ENTRY, layout.belowAligned(16), ENTRY, layout.belowAligned(24), ENTRY + 0xff);
        Fiber other = Fibers.prepared(1, Fiber.Status.RUNNING, 16);
        FibersFrame frame = Fibers.frame(Fibers.scheduler(Scheduler.Mode.STEP, 1, 0, 1, false, List.of(now, other)),
                Fibers.scheduler(Scheduler.Mode.STEP, 0, -1, 0, false, List.of(before, other)));
        assertEquals("""
                0x7f3ca8020020 GGGGGGGG -------- ........ guard
                0x7f3ca8020018 BBBBGGGG ----t--- ........ top +4
                0x7f3ca8020010 BBBBBBBB a------- ........ aligned, finish (guard)
                0x7f3ca8020008 BBBBBBBB r------- *....... saved rsp, ret into body
                0x7f3ca8020000 GGGGEEEE ----b--- ........ entry, base +4
                0x7f3ca801fff8 GGGGGGGG -------- ........ guard
                """, rows(frame, 20));
    }

    @Test
    void theRunningFibersRspIsNotMarkedAsSavedAndAReturnAddressJustBelowBaseIsStillNamed() {
        Fiber fiber = Fibers.fiber(0, Fiber.Status.RUNNING, SIXTEEN, 16, 16, SIXTEEN.belowAligned(16),
                SIXTEEN.top(), FINISH, SIXTEEN.belowAligned(8), FINISH, SIXTEEN.belowAligned(16), ENTRY + 0x2a,
                SIXTEEN.base() - 8, ENTRY + 0x2a);
        Scheduler s = Fibers.scheduler(Scheduler.Mode.STEP, 1, -1, 0, false, List.of(fiber));
        assertEquals("""
                0x7f3ca8020018 GGGGGGGG -------- ........ guard
                0x7f3ca8020010 GGGGGGGG a------- ........ top = aligned
                0x7f3ca8020008 BBBBBBBB -------- ........ finish (guard)
                0x7f3ca8020000 EEEEEEEE b------- ........ ret into body, base
                0x7f3ca801fff8 GGGGGGGG -------- ........ ret into body
                0x7f3ca801fff0 GGGGGGGG -------- ........ guard
                """, rows(Fibers.frame(s, s), 20), "the finishing routine's address above top is not named");
    }
}
