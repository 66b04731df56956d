package dev.stackviz.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's print loop: for i in 0..size, {@code mem: aligned-i, val: *(aligned-i)}, decimal,
 * from the aligned top down. The bytes come from memory, read once by the caller.
 *
 * @param bytes     the size bytes from aligned - (size - 1) up to aligned, lowest address first
 * @param simulated the addresses are made up (the simulated machine); otherwise they are real
 */
public record SeedDump(StackLayout layout, byte[] bytes, boolean simulated) {

    /** The lowest address the seed's loop prints: where the caller reads {@code size} bytes from. */
    public static long lowest(StackLayout layout) {
        return layout.aligned() - (layout.size() - 1);
    }

    public long address(int i) {
        return layout.aligned() - i;
    }

    public int value(int i) {
        return bytes[bytes.length - 1 - i] & 0xFF;
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            lines.add("mem: " + Long.toUnsignedString(address(i)) + ", val: " + value(i));
        }
        return lines;
    }

    /** Which printed lines fall outside the buffer, and which buffer bytes are never printed. */
    public String offByOneNote() {
        long first = address(0);
        long last = address(bytes.length - 1);
        long base = layout.base();
        long top = layout.top();
        int above = (int) Math.max(0, first - top + 1);
        int below = (int) Math.max(0, base - last);
        int unseen = (int) Math.max(0, last - base);
        StringBuilder note = new StringBuilder("note: like the seed, the lines run from aligned = ")
                .append(first).append(" down to ").append(last).append("; the buffer is ")
                .append(base).append("..").append(top - 1).append(" (base..top-1).");
        if (above > 0) {
            note.append(" The first ").append(above == 1 ? "line is" : above + " lines are")
                    .append(" past the buffer (aligned = top: the seed's off-by-one).");
        }
        if (below > 0) {
            note.append(below == 1 ? " The last line is" : " The last " + below + " lines are")
                    .append(" below base.");
        }
        if (unseen > 0) {
            note.append(" Never shown: base+0").append(unseen > 1 ? "..base+" + (unseen - 1) : "")
                    .append(" (").append(base).append(").");
        }
        if (simulated) {
            note.append(" [SIMULATED: made-up addresses]");
        }
        return note.toString();
    }
}
