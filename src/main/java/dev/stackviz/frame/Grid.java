package dev.stackviz.frame;

import dev.stackviz.model.Hex;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import dev.stackviz.model.TargetLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack as rows of 8 bytes, high addresses first (the stack grows down the screen), with what
 * each byte is and which marks it carries. Pure: built from a {@link Frame}'s bytes. Every label
 * says what the bytes are now: an entry slot that was overwritten is not called the entry.
 */
public final class Grid {

    public enum Kind { GUARD, BUFFER, ENTRY, HEARTBEAT }

    public enum Marker { NONE, BASE, TOP, ALIGNED, RSP }

    /** One byte's place: its value, what it is, whether the last step changed it, which marker points at it. */
    public record Cell(long address, int value, Kind kind, boolean changed, Marker marker) {
    }

    /** 8 bytes, their u64 and labels; {@code outside} if none of them is in the buffer. */
    public record Row(long address, List<Cell> cells, long value, List<String> labels, boolean outside) {

        /** Shorter names, longest first, for a row whose labels do not fit: "rsp, entry" for two marks. */
        private static final String[][] SHORT = {{"top = aligned, sp (woke)", "top, sp (woke)"},
            {"sp (observed)", "sp"}, {"entry address", "entry"},
            {"sp (predicted)", "sp (pred.)"}, {"sp (woke)", "sp"}, {"sp (simulated)", "sp"},
            {"'AAAAAAAA'", "'A'x8"}, {"heartbeat", "hbeat"},
            {"finish (guard)", "finish"}, {"ret into body", "return"}, {"top = aligned", "top"}, {"saved rsp", "rsp"},
            {"saved sp", "sp"}, {"return", "ret"}};

        /** The labels, joined, in at most {@code width} columns: the short names where the long ones do not fit. */
        public String labelText(int width) {
            String text = String.join(", ", labels);
            for (String[] pair : SHORT) {
                if (text.length() <= width) {
                    break;
                }
                text = text.replace(pair[0], pair[1]);
            }
            return text;
        }
    }

    /** Which marks the step has revealed, and where rsp is: predicted, or as the target reported it. */
    record Marks(boolean top, boolean aligned, boolean entry, boolean running, long rsp, String rspLabel) {

        static Marks of(Frame f) {
            int s = f.step().ordinal();
            long rsp = 0;
            String label = null;
            String sp = f.isa().sp();
            if (f.stepping()) {
                rsp = f.trace().cpu().rsp();
                label = "rsp (observed)";
            } else if (f.switched() && f.run().wokeRsp() != 0) {
                rsp = f.run().wokeRsp();
                label = f.simulated() ? "rsp (simulated)" : sp + " (woke)";
            } else if (s >= Step.SET_CONTEXT.ordinal()) {
                rsp = f.predictedRsp();
                label = sp + " (predicted)";
            }
            return new Marks(s >= Step.TOP.ordinal(), s >= Step.ALIGN.ordinal(), s >= Step.WRITE_ENTRY.ordinal(),
                    f.switched(), rsp, label);
        }
    }

    private Grid() {
    }

    /** Every whole 8-byte row of the frame's window, highest first. */
    public static List<Row> rows(Frame f) {
        Marks marks = Marks.of(f);
        long low = Math.floorDiv(f.windowStart() + 7, 8) * 8;
        long high = Math.floorDiv(f.windowEnd() - 8, 8) * 8;
        List<Row> rows = new ArrayList<>();
        for (long address = high; address >= low; address -= 8) {
            rows.add(row(f, address, marks));
        }
        return rows;
    }

    /** The rows that fit, and how many rows of interest below them did not ("... N more rows"). */
    public record Shown(List<Row> rows, int more) {
    }

    /**
     * The rows to show in {@code space} lines: the buffer and every row with a mark or a label
     * (beyond "guard"), with guard rows on each side as far as they fit. If even those do not fit,
     * the rows from the top down, with one line kept to say how many more there are. Only the rows
     * shown are built: the window holds a hundred and more, and this runs for every frame.
     */
    public static Shown visible(Frame f, int space) {
        Marks marks = Marks.of(f);
        long high = Math.floorDiv(f.windowEnd() - 8, 8) * 8;
        long low = Math.floorDiv(f.windowStart() + 7, 8) * 8;
        int count = (int) ((high - low) / 8) + 1;
        int first = -1;
        int last = -1;
        for (int i = 0; i < count; i++) {
            if (interesting(f, high - 8L * i, marks)) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        int more = 0;
        if (first < 0) {
            first = 0;
            last = Math.min(space, count) - 1;
        } else if (last - first + 1 > space) {
            more = last - (first + space - 1) + 1;
            last = first + space - 2;
        } else {
            while (last - first + 1 < space && (first > 0 || last < count - 1)) {
                if (first > 0) {
                    first--;
                }
                if (last - first + 1 < space && last < count - 1) {
                    last++;
                }
            }
        }
        List<Row> rows = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            rows.add(row(f, high - 8L * i, marks));
        }
        return new Shown(rows, more);
    }

    /** True if the row at {@code row} overlaps the buffer or would carry a label other than "guard". */
    private static boolean interesting(Frame f, long row, Marks marks) {
        StackLayout layout = f.layout();
        if (row < layout.top() && row + 8 > layout.base()) {
            return true;
        }
        if (within(layout.base(), row) || marks.top() && within(layout.top(), row)
                || marks.aligned() && within(layout.aligned(), row) || marks.rsp() != 0 && within(marks.rsp(), row)
                || marks.entry() && row == f.entrySlot()) {
            return true;
        }
        long value = f.u64(row);
        return value == TargetLayout.OVERFLOW_PATTERN
                || marks.running() && row == f.heartbeatSlot() && (value != 0 || !f.ended() && !f.stepping());
    }

    private static Row row(Frame f, long rowAddress, Marks marks) {
        StackLayout layout = f.layout();
        List<Cell> cells = new ArrayList<>(8);
        long value = 0;
        boolean outside = true;
        for (int i = 0; i < 8; i++) {
            long address = rowAddress + i;
            int b = f.byteAt(address);
            value |= ((long) b) << (8 * i);
            outside &= !layout.contains(address);
            cells.add(new Cell(address, b, kind(f, address, marks), b != f.byteBefore(address),
                    marker(layout, address, marks)));
        }
        return new Row(rowAddress, cells, value, labels(f, rowAddress, value, marks, outside), outside);
    }

    private static Kind kind(Frame f, long address, Marks marks) {
        if (marks.running() && within(address, f.heartbeatSlot()) && (f.heartbeat() != 0 || !f.ended() && !f.stepping())) {
            return Kind.HEARTBEAT;
        }
        if (!f.layout().contains(address)) {
            return Kind.GUARD;
        }
        if (marks.entry() && f.entryInPlace() && within(address, f.entrySlot())) {
            return Kind.ENTRY;
        }
        return Kind.BUFFER;
    }

    private static boolean within(long address, long slot) {
        return address >= slot && address < slot + 8;
    }

    private static Marker marker(StackLayout layout, long address, Marks marks) {
        if (marks.rsp() != 0 && address == marks.rsp()) {
            return Marker.RSP;
        }
        if (marks.aligned() && address == layout.aligned()) {
            return Marker.ALIGNED;
        }
        if (marks.top() && address == layout.top()) {
            return Marker.TOP;
        }
        if (address == layout.base()) {
            return Marker.BASE;
        }
        return Marker.NONE;
    }

    private static List<String> labels(Frame f, long row, long value, Marks marks, boolean outside) {
        StackLayout layout = f.layout();
        List<String> labels = new ArrayList<>();
        boolean sameTop = marks.aligned() && layout.top() == layout.aligned();
        if (marks.top()) {
            addAt(labels, row, layout.top(), sameTop ? "top = aligned" : "top");
        }
        if (marks.aligned() && !sameTop) {
            addAt(labels, row, layout.aligned(), "aligned");
        }
        if (marks.rsp() != 0) {
            addAt(labels, row, marks.rsp(), marks.rspLabel());
        }
        boolean entry = marks.entry() && row == f.entrySlot();
        if (entry) {
            labels.add(entryLabel(f, value));
        }
        if (marks.running() && row == f.heartbeatSlot() && (value != 0 || !f.ended() && !f.stepping())) {
            labels.add("heartbeat");
        } else if (value == TargetLayout.OVERFLOW_PATTERN && !entry) {
            labels.add("'AAAAAAAA'");
        }
        addAt(labels, row, layout.base(), "base");
        if (labels.isEmpty() && outside) {
            // every machine starts its guards zeroed: bytes there now were written since
            labels.add(value != 0 ? "guard, written" : "guard");
        }
        return labels;
    }

    private static String entryLabel(Frame f, long value) {
        if (!f.entryInPlace()) {
            if (f.entryAddress() == 0) {
                return "entry slot";
            }
            return value == TargetLayout.OVERFLOW_PATTERN ? "entry: 'AAAAAAAA'" : "entry, overwritten";
        }
        boolean pointed = !f.switched() && f.contextRsp() == f.entrySlot();
        return pointed ? "entry (ctx." + f.isa().sp() + ")" : "entry address";
    }

    private static void addAt(List<String> labels, long row, long address, String name) {
        if (address >= row && address < row + 8) {
            labels.add(address == row ? name : name + " +" + (address - row));
        }
    }

    /** "0x7f3ca8001240" */
    public static String address(long address) {
        return Hex.address(address);
    }
}
