package dev.stackviz.frame;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.Scheduler;
import dev.stackviz.model.StackLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A fiber's stack as rows of 8 bytes, highest first, labelled by what the bytes are now: the
 * finishing routine's address, the entry, the return address a yield left, the saved rsp.
 */
public final class FiberGrid {

    private FiberGrid() {
    }

    /** The rows to show in {@code space} lines: the stack and its marks, then guard rows around it as they fit. */
    public static List<Grid.Row> rows(FibersFrame f, int index, int space) {
        Fiber fiber = f.fiber(index);
        Fiber before = f.fiberBefore(index);
        StackLayout layout = fiber.layout();
        long high = Math.floorDiv(fiber.windowStart() + fiber.window().length - 8, 8) * 8;
        long low = Math.floorDiv(fiber.windowStart() + 7, 8) * 8;
        long top = Math.floorDiv(layout.top() + 7, 8) * 8;
        long bottom = Math.floorDiv(layout.base(), 8) * 8;
        long first = Math.min(high, top);
        long last = Math.max(low, bottom - 8);
        while ((first - last) / 8 + 1 < space && (first < high || last > low)) {
            if (first < high) {
                first += 8;
            }
            if ((first - last) / 8 + 1 < space && last > low) {
                last -= 8;
            }
        }
        List<Grid.Row> rows = new ArrayList<>();
        for (long address = first; address >= last && rows.size() < space; address -= 8) {
            rows.add(row(f, fiber, before, address));
        }
        return rows;
    }

    private static Grid.Row row(FibersFrame f, Fiber fiber, Fiber before, long rowAddress) {
        StackLayout layout = fiber.layout();
        List<Grid.Cell> cells = new ArrayList<>(8);
        long value = 0;
        boolean outside = true;
        boolean saved = f.saved(fiber.index()) && f.now().mode() != Scheduler.Mode.SETUP;
        for (int i = 0; i < 8; i++) {
            long address = rowAddress + i;
            int b = fiber.window()[(int) (address - fiber.windowStart())] & 0xFF;
            int was = before.window()[(int) (address - before.windowStart())] & 0xFF;
            value |= ((long) b) << (8 * i);
            outside &= !layout.contains(address);
            Grid.Marker marker = saved && address == fiber.saved().sp() ? Grid.Marker.RSP
                    : address == layout.aligned() ? Grid.Marker.ALIGNED
                    : address == layout.top() ? Grid.Marker.TOP : address == layout.base() ? Grid.Marker.BASE
                    : Grid.Marker.NONE;
            Grid.Kind kind = !layout.contains(address) ? Grid.Kind.GUARD
                    : rowAddress == layout.aligned() - 16 ? Grid.Kind.ENTRY : Grid.Kind.BUFFER;
            cells.add(new Grid.Cell(address, b, kind, b != was, marker));
        }
        return new Grid.Row(rowAddress, cells, value, labels(f, fiber, rowAddress, value, saved, outside), outside);
    }

    private static List<String> labels(FibersFrame f, Fiber fiber, long row, long value, boolean saved,
                                       boolean outside) {
        StackLayout layout = fiber.layout();
        List<String> labels = new ArrayList<>();
        addAt(labels, row, layout.top(), layout.top() == layout.aligned() ? "top = aligned" : "top");
        if (layout.top() != layout.aligned()) {
            addAt(labels, row, layout.aligned(), "aligned");
        }
        if (saved) {
            addAt(labels, row, fiber.saved().sp(), "saved " + f.isa().sp());
        }
        if (row + 8 <= layout.top() && row >= layout.base() || row >= layout.base() - 8 && row < layout.top()) {
            if (value == f.now().finish()) {
                labels.add("finish (guard)");
            } else if (value == f.now().entry()) {
                labels.add("entry");
            } else if (value > f.now().entry() && value < f.now().entry() + 0x100) {
                labels.add("ret into body");
            }
        }
        addAt(labels, row, layout.base(), "base");
        if (labels.isEmpty() && outside) {
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
