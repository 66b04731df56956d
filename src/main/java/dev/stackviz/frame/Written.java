package dev.stackviz.frame;

import dev.stackviz.model.Experiment;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.TargetLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * What a frame's bytes show was written, where a sentence names it: the overflow's pushes, the
 * rows below base that hold something, and the lowest byte written inside the buffer. Computed
 * once, when the frame is built, from its window alone; the texts only word it.
 *
 * @param pushes         the overflow target's pushes; null but for the overflow experiment after the switch
 * @param belowBase      every whole row below base in the window that does not hold zero, highest first
 * @param lowestInBuffer the lowest non-zero byte inside the buffer, as far as the window holds it; 0 if none
 */
public record Written(Pushes pushes, List<BelowRow> belowBase, long lowestInBuffer) {

    /**
     * The overflow target's pushes as the bytes show them, from the rsp it woke with down to
     * {@code lowest}: how many of its slots hold the pattern, and where those are.
     *
     * @param from   rsp at wake-up as the target reported it, else as the setup predicts it
     * @param lowest the lowest slot the pushes reach
     * @param found  slots from {@code lowest} up to {@code from} that hold 'AAAAAAAA'
     * @param inside of those, the ones inside the buffer
     * @param across of those, the ones that start below base and end inside it (base is not 8-aligned)
     */
    public record Pushes(long from, long lowest, int found, int inside, int across) {
    }

    /** What a row below base holds. */
    public enum Holds { HEARTBEAT, PATTERN, OTHER }

    /**
     * One row below base that holds something.
     *
     * @param below how far below base the row starts
     * @param holds what it is: the heartbeat's slot, the overflow's pattern, or other bytes
     * @param value the row's u64
     */
    public record BelowRow(long below, Holds holds, long value) {
    }

    public Written {
        belowBase = List.copyOf(belowBase);
    }

    /** The facts of {@code f}'s bytes (a frame whose own facts are not computed yet: this does not read them). */
    static Written of(Frame f) {
        return new Written(pushes(f), belowBase(f), lowestInBuffer(f));
    }

    private static Pushes pushes(Frame f) {
        if (f.experiment() != Experiment.OVERFLOW || f.run() == null) {
            return null;
        }
        StackLayout layout = f.layout();
        long from = f.run().wokeRsp() != 0 ? f.run().wokeRsp() : f.predictedRsp();
        long lowest = from - 8L * TargetLayout.OVERFLOW_PUSHES;
        int found = 0;
        int inside = 0;
        int across = 0;
        for (long slot = lowest; slot < from; slot += 8) {
            if (f.inWindow(slot, 8) && f.u64(slot) == TargetLayout.OVERFLOW_PATTERN) {
                found++;
                if (layout.contains(slot)) {
                    inside++;
                } else if (layout.contains(slot + 7)) {
                    across++;
                }
            }
        }
        return new Pushes(from, lowest, found, inside, across);
    }

    /** The whole 8-byte rows below base (counted down from it), highest first, that hold something. */
    private static List<BelowRow> belowBase(Frame f) {
        long base = f.layout().base();
        List<BelowRow> rows = new ArrayList<>();
        long first = Math.floorDiv(base, 8) * 8 - 8; // a row across a base that is not 8-aligned is not below it
        for (long slot = first; slot >= f.windowStart(); slot -= 8) {
            long value = f.inWindow(slot, 8) ? f.u64(slot) : 0;
            if (value != 0) {
                Holds holds = slot == f.heartbeatSlot() ? Holds.HEARTBEAT
                        : value == TargetLayout.OVERFLOW_PATTERN ? Holds.PATTERN : Holds.OTHER;
                rows.add(new BelowRow(base - slot, holds, value));
            }
        }
        return rows;
    }

    private static long lowestInBuffer(Frame f) {
        StackLayout layout = f.layout();
        for (long address = layout.base(); address < layout.top(); address++) {
            if (f.inWindow(address, 1) && f.byteAt(address) != 0) {
                return address;
            }
        }
        return 0;
    }
}
