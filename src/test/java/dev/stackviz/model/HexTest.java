package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void digitsMatchTheFormatter() {
        long[] values = {0, 1, 0xff, 0x7f3ca8001240L, -1L, 0x8000_0000_0000_0000L, 0x00007fffffffffffL};
        for (long value : values) {
            assertEquals(String.format("%016x", value), Hex.digits(value, 16));
            assertEquals(String.format("%02x", value & 0xff), Hex.digits(value, 2));
        }
    }

    @Test
    void addressesAreTwelveDigitsUnlessTheyNeedMore() {
        assertEquals("0x7f3ca8001240", Hex.address(0x7f3ca8001240L));
        assertEquals("0x000000000000", Hex.address(0));
        assertEquals("0xffff800000000000", Hex.address(0xffff800000000000L));
    }
}
