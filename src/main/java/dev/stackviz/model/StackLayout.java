package dev.stackviz.model;

/**
 * Where everything lies in the seed's stack, computed from the buffer's real base address.
 *
 * <pre>
 *   top     = base + size           one past the last byte: stacks grow down from here
 *   aligned = top &amp; ~15             rounded down to 16
 *   entry   = aligned - 16          the target's address is written here (8 bytes, little-endian)
 *   ctx.rsp = aligned - 16          so that `ret` pops that address
 *   rsp     = aligned - 8           after `ret`: what the ABI expects on entry to a function
 * </pre>
 */
public record StackLayout(long base, int size) {

    public static final int ALIGNMENT = 16;
    /** The seed writes the entry address 16 bytes below the aligned top, keeping rsp 16-aligned. */
    public static final int ENTRY_BELOW_TOP = TargetLayout.ENTRY_BELOW_TOP;
    /** Where the target keeps its heartbeat (asm/sv_layout.h HELLO_HEARTBEAT_BELOW_TOP). */
    public static final int HEARTBEAT_BELOW_TOP = TargetLayout.HELLO_HEARTBEAT_BELOW_TOP;
    public static final int MIN_SIZE = 24;
    public static final int MAX_SIZE = 4096;

    public StackLayout {
        if (size < 1) {
            throw new IllegalArgumentException("stack size must be positive: " + size);
        }
    }

    public long top() {
        return base + size;
    }

    public long aligned() {
        return top() & -ALIGNMENT;
    }

    /** How far the alignment moved the top down: 0 to 15 bytes. */
    public int alignmentLoss() {
        return (int) (top() - aligned());
    }

    public long entrySlot() {
        return aligned() - ENTRY_BELOW_TOP;
    }

    /** The rsp the target should wake up with: `ret` has popped the 8-byte entry address. */
    public long rspAtWake() {
        return entrySlot() + Long.BYTES;
    }

    public long heartbeatSlot() {
        return aligned() - HEARTBEAT_BELOW_TOP;
    }

    /** True if every byte the target touches (entry slot and heartbeat) is inside the buffer. */
    public boolean holdsTargetFrame() {
        return heartbeatSlot() >= base;
    }

    /** aligned - {@code belowTop}: where a slot named "aligned-N" is. */
    public long belowAligned(int belowTop) {
        return aligned() - belowTop;
    }

    public boolean contains(long address) {
        return address >= base && address < top();
    }

    /** The smallest size whose target frame fits, for a buffer starting {@code misalign} bytes past 16. */
    public static int minimumSize(int misalign) {
        int size = MIN_SIZE;
        while (!new StackLayout(ALIGNMENT * 4L + misalign, size).holdsTargetFrame()) {
            size++;
        }
        return size;
    }

    /** {@code value} as the 8 bytes a little-endian store writes, lowest address first. */
    public static byte[] littleEndian(long value) {
        byte[] bytes = new byte[Long.BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    public static long fromLittleEndian(byte[] bytes, int offset) {
        long value = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
