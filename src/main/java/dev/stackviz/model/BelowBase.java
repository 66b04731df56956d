package dev.stackviz.model;

/**
 * What the memory below the buffer holds, as read from it: the child keeps {@code watched} bytes
 * of zeros below base, so that a target writing there damages nothing and the damage shows.
 *
 * @param watched       bytes below base that were read
 * @param lowestWritten how far below base the lowest non-zero byte is (base - this); 0 if all are zero
 */
public record BelowBase(int watched, int lowestWritten) {

    public boolean untouched() {
        return lowestWritten == 0;
    }

    /** Scans {@code bytes}, the {@code bytes.length} bytes just below base (lowest address first). */
    public static BelowBase scan(byte[] bytes) {
        int lowest = 0;
        while (lowest < bytes.length && bytes[lowest] == 0) {
            lowest++;
        }
        return new BelowBase(bytes.length, bytes.length - lowest);
    }
}
