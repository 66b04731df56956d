package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StackLayoutTest {

    private static final long BOUNDARY = 0x7f00_0000_1000L;

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {40, 48, 64, 100, 4096})
    void alignedTopIsRoundedDownToSixteenForEveryMisalignment(int size) {
        for (int misalign = 0; misalign < 16; misalign++) {
            StackLayout layout = new StackLayout(BOUNDARY + misalign, size);
            long top = BOUNDARY + misalign + size;
            long expected = top - Math.floorMod(top, 16);
            assertEquals(top, layout.top());
            assertEquals(expected, layout.aligned(), "misalign " + misalign);
            assertEquals(0, layout.aligned() % 16);
            assertTrue(layout.aligned() <= top && top - layout.aligned() < 16);
            assertEquals(top - expected, layout.alignmentLoss());
            assertEquals(layout.aligned() - 16, layout.entrySlot());
            assertEquals(layout.aligned() - 8, layout.rspAtWake());
            assertEquals(8, Math.floorMod(layout.rspAtWake() + 8, 16) + 8, "(rsp + 8) % 16 == 0 on entry");
        }
    }

    @Test
    void theSeedsDefaultOnAnAlignedBaseKeepsTheTopWhereItIs() {
        StackLayout layout = new StackLayout(BOUNDARY, 48);
        assertEquals(BOUNDARY + 48, layout.aligned());
        assertEquals(BOUNDARY + 32, layout.entrySlot());
        assertEquals(BOUNDARY + 24, layout.heartbeatSlot());
    }

    @Test
    void misalignmentMovesTheTopDown() {
        StackLayout layout = new StackLayout(BOUNDARY + 5, 48);
        assertEquals(BOUNDARY + 53, layout.top());
        assertEquals(BOUNDARY + 48, layout.aligned());
        assertEquals(5, layout.alignmentLoss());
    }

    @Test
    void pointerIsWrittenLittleEndian() {
        assertArrayEquals(new byte[] {0x60, 0x10, (byte) 0xa0, (byte) 0xb2, 0x3c, 0x7f, 0, 0},
                StackLayout.littleEndian(0x00007f3c_b2a0_1060L));
        byte[] bytes = StackLayout.littleEndian(0x0102030405060708L);
        assertEquals(0x08, bytes[0]);
        assertEquals(0x01, bytes[7]);
        assertEquals(0x0102030405060708L, StackLayout.fromLittleEndian(bytes, 0));
        assertEquals(-2L, StackLayout.fromLittleEndian(StackLayout.littleEndian(-2L), 0));
    }

    @Test
    void minimumSizeIsTheSmallestThatHoldsTheFrame() {
        for (int misalign = 0; misalign < 16; misalign++) {
            int minimum = StackLayout.minimumSize(misalign);
            assertTrue(new StackLayout(BOUNDARY + misalign, minimum).holdsTargetFrame());
            assertFalse(new StackLayout(BOUNDARY + misalign, minimum - 1).holdsTargetFrame(), "misalign " + misalign);
            assertTrue(minimum <= 48, "the seed's 48 bytes work at every misalignment");
        }
        assertEquals(24, StackLayout.minimumSize(8));
        assertEquals(39, StackLayout.minimumSize(9));
    }

    @Test
    void specNamesTheOptionAndWhatIsValid() {
        assertNull(StackSpec.defaults().problem());
        assertNotNull(new StackSpec(48, 16).problem());
        assertTrue(new StackSpec(48, 16).problem().contains("--misalign must be 0 to 15"));
        assertTrue(new StackSpec(8, 0).problem().contains("--stack-size must be 32 to 4096"), "24 is refused at --misalign 0");
        assertTrue(new StackSpec(30, 9).problem().contains("use at least 39"));
    }

    @Test
    void theBufferHoldsBaseUpToTopMinusOne() {
        StackLayout layout = new StackLayout(BOUNDARY, 48);
        assertTrue(layout.contains(BOUNDARY), "base");
        assertTrue(layout.contains(BOUNDARY + 47), "top-1");
        assertFalse(layout.contains(BOUNDARY + 48), "top is one past the end");
        assertFalse(layout.contains(BOUNDARY - 1), "below base");
        assertEquals(BOUNDARY + 8, layout.belowAligned(40), "aligned-40");
    }

    @Test
    void aStackNeedsAtLeastOneByte() {
        assertEquals(BOUNDARY + 1, new StackLayout(BOUNDARY, 1).top());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StackLayout(BOUNDARY, 0));
        assertEquals("stack size must be positive: 0", e.getMessage());
    }

    @Test
    void specAcceptsExactlyTheDocumentedRanges() {
        assertNull(new StackSpec(48, 15).problem());
        assertEquals("--misalign must be 0 to 15 (bytes past a 16-byte boundary), not -1", new StackSpec(48, -1).problem());
        assertNull(new StackSpec(24, 8).problem(), "the smallest size, where it fits");
        assertEquals("--stack-size must be 24 to 4096 bytes at --misalign 8, not 23", new StackSpec(23, 8).problem());
        assertNull(new StackSpec(4096, 0).problem());
        assertEquals("--stack-size must be 32 to 4096 bytes, not 4097", new StackSpec(4097, 0).problem());
        assertNull(new StackSpec(39, 9).problem(), "exactly the minimum at misalign 9");
        assertEquals("--stack-size 38 cannot hold the target's frame (24 bytes below the aligned top) at --misalign 9: "
                + "use at least 39", new StackSpec(38, 9).problem());
    }
}
