package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.SimulatedMachine;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedDumpTest {

    @Test
    void linesRunFromTheAlignedTopDownInTheSeedsFormat() {
        try (SimulatedMachine machine = new SimulatedMachine(StackSpec.defaults())) {
            machine.writeEntry();
            SeedDump dump = SeedDump.of(machine);
            List<String> lines = dump.lines();
            long aligned = machine.layout().aligned();
            assertEquals(48, lines.size());
            assertEquals("mem: " + aligned + ", val: 0", lines.get(0));
            assertEquals("mem: " + (aligned - 47) + ", val: 0", lines.get(47));
            // aligned-16 holds the entry's lowest byte, aligned-9 its highest (little-endian)
            long entry = machine.entryAddress();
            for (int i = 9; i <= 16; i++) {
                int expected = (int) (entry >>> (8 * (16 - i))) & 0xFF;
                assertEquals("mem: " + (aligned - i) + ", val: " + expected, lines.get(i));
            }
        }
    }

    @Test
    void noteSaysTheFirstLineIsPastTheBufferWhenTheTopIsAligned() {
        try (SimulatedMachine machine = new SimulatedMachine(StackSpec.defaults())) {
            String note = SeedDump.of(machine).offByOneNote();
            assertTrue(note.contains("The first line is past the buffer"), note);
            assertTrue(note.contains("Never shown: base+0 (" + machine.layout().base() + ")"), note);
        }
    }

    @Test
    void noteCountsLinesBelowBaseWhenAligningMovesTheTop() {
        try (SimulatedMachine machine = new SimulatedMachine(new StackSpec(48, 8))) {
            String note = SeedDump.of(machine).offByOneNote();
            assertTrue(note.contains("The last 7 lines are below base."), note);
            assertTrue(!note.contains("past the buffer"), note);
        }
    }
}
