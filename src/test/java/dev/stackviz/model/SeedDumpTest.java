package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedDumpTest {

    static final long BASE = 0x7f3ca8001240L;
    static final long ENTRY = 0x7f3cb2a01060L;

    /** The seed's print window of {@code layout}, with the entry written at aligned-16. */
    static SeedDump dump(StackLayout layout, boolean simulated) {
        byte[] bytes = new byte[layout.size()];
        long lowest = SeedDump.lowest(layout);
        byte[] entry = StackLayout.littleEndian(ENTRY);
        System.arraycopy(entry, 0, bytes, (int) (layout.entrySlot() - lowest), 8);
        return new SeedDump(layout, bytes, simulated);
    }

    @Test
    void linesRunFromTheAlignedTopDownInTheSeedsFormat() {
        StackLayout layout = new StackLayout(BASE, 48);
        List<String> lines = dump(layout, false).lines();
        long aligned = layout.aligned();
        assertEquals(48, lines.size());
        assertEquals("mem: " + aligned + ", val: 0", lines.get(0));
        assertEquals("mem: " + (aligned - 47) + ", val: 0", lines.get(47));
        // aligned-16 holds the entry's lowest byte, aligned-9 its highest (little-endian)
        for (int i = 9; i <= 16; i++) {
            int expected = (int) (ENTRY >>> (8 * (16 - i))) & 0xFF;
            assertEquals("mem: " + (aligned - i) + ", val: " + expected, lines.get(i));
        }
    }

    @Test
    void noteSaysTheFirstLineIsPastTheBufferWhenTheTopIsAligned() {
        String note = dump(new StackLayout(BASE, 48), false).offByOneNote();
        assertTrue(note.contains("The first line is past the buffer"), note);
        assertTrue(note.contains("Never shown: base+0 (" + BASE + ")"), note);
    }

    @Test
    void noteCountsLinesBelowBaseWhenAligningMovesTheTop() {
        String note = dump(new StackLayout(BASE + 8, 48), false).offByOneNote();
        assertTrue(note.contains("The last 7 lines are below base."), note);
        assertTrue(!note.contains("past the buffer"), note);
    }

    @Test
    void onlyTheSimulatedMachinesAddressesAreCalledMadeUp() {
        StackLayout layout = new StackLayout(BASE, 48);
        assertTrue(dump(layout, true).offByOneNote().endsWith("[SIMULATED: made-up addresses]"));
        assertFalse(dump(layout, false).offByOneNote().contains("made-up"), "real addresses, in-process or in a child");
    }

    @Test
    void noteGivesTheBufferAndTheLinesExactly() {
        StackLayout aligned = new StackLayout(0x1000, 48);
        assertEquals("note: like the seed, the lines run from aligned = 4144 down to 4097; the buffer is 4096..4143"
                + " (base..top-1). The first line is past the buffer (aligned = top: the seed's off-by-one)."
                + " Never shown: base+0 (4096).", dump(aligned, false).offByOneNote());
        StackLayout oneOff = new StackLayout(0x1001, 48);
        assertEquals("note: like the seed, the lines run from aligned = 4144 down to 4097; the buffer is 4097..4144"
                + " (base..top-1).", dump(oneOff, false).offByOneNote(), "every line in the buffer, every byte shown");
        StackLayout twoOff = new StackLayout(0x1002, 48);
        assertEquals("note: like the seed, the lines run from aligned = 4144 down to 4097; the buffer is 4098..4145"
                + " (base..top-1). The last line is below base.", dump(twoOff, false).offByOneNote());
    }
}
