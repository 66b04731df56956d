package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BelowBaseTest {

    @Test
    void zerosBelowBaseAreUntouched() {
        BelowBase below = BelowBase.scan(new byte[64]);
        assertEquals(new BelowBase(64, 0), below);
        assertTrue(below.untouched());
    }

    @Test
    void theLowestNonZeroByteSaysHowFarBelowBaseTheTargetWrote() {
        byte[] bytes = new byte[64];
        bytes[56] = 0x41; // base-8: what the overflow's last push leaves
        bytes[60] = 0x41;
        BelowBase below = BelowBase.scan(bytes);
        assertEquals(new BelowBase(64, 8), below);
        assertFalse(below.untouched());
    }

    @Test
    void aWriteAtTheLowestWatchedByteCountsAllOfThem() {
        byte[] bytes = new byte[16];
        bytes[0] = -1;
        assertEquals(new BelowBase(16, 16), BelowBase.scan(bytes));
        byte[] justBelow = new byte[16];
        justBelow[15] = 1;
        assertEquals(new BelowBase(16, 1), BelowBase.scan(justBelow), "base-1");
    }
}
