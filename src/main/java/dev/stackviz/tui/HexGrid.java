package dev.stackviz.tui;

import dev.stackviz.machine.Machine;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack as rows of 8 bytes, high addresses first (the stack grows down the screen), with what
 * each byte is and which marks it carries. Pure: built from bytes already read from memory.
 */
public final class HexGrid {

    /** Guard bytes shown on each side of the buffer. */
    static final int GUARD_SHOWN = 8;

    public enum Kind { GUARD, BUFFER, ENTRY, HEARTBEAT }

    /** One byte's place: what it is, whether it changed, and which marker (if any) points at it. */
    public record Cell(long address, int value, Kind kind, boolean changed, Marker marker) {
    }

    public enum Marker { NONE, BASE, TOP, ALIGNED, RSP }

    public record Row(long address, List<Cell> cells, long value, List<String> labels) {
    }

    /** Which marks the current step has revealed, and where rsp is (predicted or observed). */
    public record Marks(boolean top, boolean aligned, boolean entry, boolean heartbeat, long rsp, boolean rspObserved) {

        public static Marks at(Step step, long predictedRsp, long observedRsp) {
            int s = step.ordinal();
            boolean switched = step == Step.SWITCH && observedRsp != 0;
            long rsp = switched ? observedRsp : (s >= Step.SET_CONTEXT.ordinal() ? predictedRsp : 0);
            return new Marks(s >= Step.TOP.ordinal(), s >= Step.ALIGN.ordinal(), s >= Step.WRITE_ENTRY.ordinal(),
                    switched, rsp, switched);
        }
    }

    private HexGrid() {
    }

    /** Rows covering [base - 8, top + 8), whole 8-byte rows, highest first. */
    public static List<Row> rows(Machine machine, byte[] window, byte[] baseline, Marks marks) {
        StackLayout layout = machine.layout();
        long low = Math.floorDiv(layout.base() - GUARD_SHOWN, 8) * 8;
        long high = Math.floorDiv(layout.top() + GUARD_SHOWN - 1, 8) * 8;
        List<Row> rows = new ArrayList<>();
        for (long rowAddress = high; rowAddress >= low; rowAddress -= 8) {
            rows.add(row(machine, layout, rowAddress, window, baseline, marks));
        }
        return rows;
    }

    private static Row row(Machine machine, StackLayout layout, long rowAddress, byte[] window, byte[] baseline,
                           Marks marks) {
        List<Cell> cells = new ArrayList<>(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            long address = rowAddress + i;
            int index = (int) (address - machine.windowStart());
            int b = window[index] & 0xFF;
            value |= ((long) b) << (8 * i);
            cells.add(new Cell(address, b, kind(machine, address, marks), b != (baseline[index] & 0xFF),
                    marker(layout, address, marks)));
        }
        return new Row(rowAddress, cells, value, labels(machine, rowAddress, marks));
    }

    private static Kind kind(Machine machine, long address, Marks marks) {
        if (marks.heartbeat() && address >= machine.heartbeatSlot() && address < machine.heartbeatSlot() + 8) {
            return Kind.HEARTBEAT;
        }
        if (!machine.layout().contains(address)) {
            return Kind.GUARD;
        }
        if (marks.entry() && address >= machine.entrySlot() && address < machine.entrySlot() + 8) {
            return Kind.ENTRY;
        }
        return Kind.BUFFER;
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

    private static List<String> labels(Machine machine, long row, Marks marks) {
        StackLayout layout = machine.layout();
        List<String> labels = new ArrayList<>();
        boolean sameTop = marks.aligned() && layout.top() == layout.aligned();
        if (marks.top()) {
            addAt(labels, row, layout.top(), sameTop ? "top = aligned" : "top");
        }
        if (marks.aligned() && !sameTop) {
            addAt(labels, row, layout.aligned(), "aligned");
        }
        if (marks.rsp() != 0) {
            addAt(labels, row, marks.rsp(), marks.rspObserved() ? "rsp (woke)" : "rsp (predicted)");
        }
        if (marks.entry() && row == machine.entrySlot()) {
            labels.add(marks.rsp() != 0 && !marks.rspObserved() ? "entry (ctx.rsp)" : "entry address");
        }
        if (marks.heartbeat() && row == machine.heartbeatSlot()) {
            labels.add("heartbeat");
        }
        addAt(labels, row, layout.base(), "base");
        boolean anyInside = layout.contains(row) || layout.contains(row + 7)
                || (row < layout.base() && row + 7 >= layout.top());
        if (!anyInside && labels.isEmpty()) {
            labels.add("guard");
        }
        return labels;
    }

    private static void addAt(List<String> labels, long row, long address, String name) {
        if (address >= row && address < row + 8) {
            labels.add(address == row ? name : name + " +" + (address - row));
        }
    }
}
