package dev.stackviz.frame;

import dev.stackviz.model.StackFault;
import dev.stackviz.model.StackSwitch;
import dev.stackviz.model.SwitchMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * One of a switch's two stacks as rows of 8 bytes, highest first, from the bytes read when it was
 * seen; each row labelled from facts: where rsp was before and after, the 8 bytes the landing's
 * ret popped and what they point to, the ends of the mapping, the malloc chunk's size field.
 */
public final class TraceGrid {

    private TraceGrid() {
    }

    /** The rows to show in {@code space} lines: rsp's row a third of the way down, as the window allows. */
    public static List<Grid.Row> rows(TraceFrame.Seen seen, boolean old, int space) {
        SwitchMemory m = seen.memory();
        long rsp = old ? seen.at().before().rsp() : seen.at().after().rsp();
        long wanted = 0; // the rows ret popped and the landing's rsp, where they fit with rsp's
        if (!old && seen.at().landing() != null) {
            wanted = Math.floorDiv(Math.max(seen.at().landing().rsp(), poppedFrom(seen.at())), 8) * 8 + 8;
        }
        List<Grid.Row> rows = new ArrayList<>();
        for (long address : shown(old ? m.oldStart() : m.newStart(), old ? m.oldWindow().length : m.newWindow().length,
                rsp, wanted, space)) {
            rows.add(row(seen, old, address));
        }
        return rows;
    }

    /** The stack around rsp at a fault: rsp's row a third of the way down, labelled rsp. */
    public static List<Grid.Row> rows(StackFault fault, int space) {
        long rsp = fault.cpu().rsp();
        List<Grid.Row> rows = new ArrayList<>();
        for (long address : shown(fault.windowStart(), fault.window().length, rsp, 0, space)) {
            List<Grid.Cell> cells = new ArrayList<>(8);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                int b = fault.window()[(int) (address + i - fault.windowStart())] & 0xff;
                value |= ((long) b) << (8 * i);
                cells.add(new Grid.Cell(address + i, b, Grid.Kind.BUFFER, false,
                        address + i == rsp ? Grid.Marker.RSP : Grid.Marker.NONE));
            }
            List<String> labels = new ArrayList<>();
            addAt(labels, address, rsp, "rsp (at the fault)");
            rows.add(new Grid.Row(address, cells, value, labels, false));
        }
        return rows;
    }

    /**
     * The whole 8-byte rows of a window of {@code length} bytes at {@code start} that fit in {@code space}
     * lines, highest first: rsp's row a third of the way down, higher where the row {@code wanted} (0:
     * none) fits too with rsp's, and more rows above near the window's bottom.
     */
    static List<Long> shown(long start, int length, long rsp, long wanted, int space) {
        long low = Math.floorDiv(start + 7, 8) * 8;
        long high = Math.floorDiv(start + length - 8, 8) * 8;
        List<Long> rows = new ArrayList<>();
        if (high < low || space <= 0) {
            return rows;
        }
        long rspRow = Math.floorDiv(rsp, 8) * 8;
        long first = Math.max(rspRow + 8L * (space / 3), Math.min(wanted, rspRow + 8L * (space - 1)));
        first = Math.min(high, first);
        long last = Math.max(low, first - 8L * (space - 1));
        first = Math.min(high, last + 8L * (space - 1));
        for (long address = first; address >= last; address -= 8) {
            rows.add(address);
        }
        return rows;
    }

    private static Grid.Row row(TraceFrame.Seen seen, boolean old, long rowAddress) {
        SwitchMemory m = seen.memory();
        StackSwitch s = seen.at();
        long rsp = old ? s.before().rsp() : s.after().rsp();
        long popped = poppedFrom(s);
        SwitchMemory.Chunk chunk = old ? m.oldChunk() : m.chunk();
        List<Grid.Cell> cells = new ArrayList<>(8);
        long value = 0;
        boolean outside = true;
        for (int i = 0; i < 8; i++) {
            long address = rowAddress + i;
            int b = old ? m.oldByte(address) : m.newByte(address);
            value |= ((long) b) << (8 * i);
            boolean inChunk = chunk == null || chunk.contains(address);
            outside &= !inChunk;
            Grid.Kind kind = !inChunk ? Grid.Kind.GUARD
                    : !old && popped != 0 && address >= popped && address < popped + 8 ? Grid.Kind.ENTRY
                    : Grid.Kind.BUFFER;
            cells.add(new Grid.Cell(address, b, kind, false, address == rsp ? Grid.Marker.RSP : Grid.Marker.NONE));
        }
        return new Grid.Row(rowAddress, cells, value, labels(seen, old, rowAddress, value), outside && chunk != null);
    }

    /** Where the landing's ret took its 8 bytes from (rsp before the ret); 0 for a jmp or no landing. */
    static long poppedFrom(StackSwitch s) {
        StackSwitch.Landing landing = s.landing();
        return landing == null || !landing.byRet() ? 0 : landing.rsp() - 8;
    }

    private static List<String> labels(TraceFrame.Seen seen, boolean old, long row, long value) {
        StackSwitch s = seen.at();
        SwitchMemory m = seen.memory();
        List<String> labels = new ArrayList<>();
        if (old) {
            addAt(labels, row, s.before().rsp(), "rsp (before)");
        } else {
            long popped = poppedFrom(s);
            addAt(labels, row, s.after().rsp(), "rsp");
            if (popped != 0 && popped == row) {
                labels.add("ret->" + shortName(s.landing().poppedWhere()));
            }
            if (s.landing() != null && s.landing().rsp() != s.after().rsp()) {
                addAt(labels, row, s.landing().rsp(), "rsp at " + shortName(s.landing().ripWhere()));
            }
        }
        SwitchMemory.Chunk chunk = old ? m.oldChunk() : m.chunk();
        if (chunk != null) {
            if (row == chunk.header()) {
                labels.add("malloc size 0x" + Long.toHexString(value));
            }
            if (row == chunk.user()) {
                labels.add("malloc'd " + chunk.usable() + " B");
            }
            if (row == chunk.end()) {
                labels.add("next chunk's size");
            }
        }
        SwitchMemory.Region region = old ? m.from() : m.to();
        if (region != null) {
            if (row + 8 == region.end()) {
                labels.add("end of " + region.name());
            }
            if (row == region.start()) {
                labels.add("start of " + region.name());
            }
        }
        return labels;
    }

    /** A symbol without its module path, for a label's narrow column: "hello+0x0" for "seed_jump::hello+0x0". */
    static String shortName(String where) {
        int plus = where.lastIndexOf('+');
        String name = plus < 0 ? where : where.substring(0, plus);
        int path = name.lastIndexOf("::");
        return path < 0 ? where : where.substring(path + 2);
    }

    private static void addAt(List<String> labels, long row, long address, String name) {
        if (address >= row && address < row + 8) {
            labels.add(address == row ? name : name + " +" + (address - row));
        }
    }
}
