package dev.stackviz.model;

/**
 * What the trace view shows of a switch's two stacks, read from the program's memory while it was
 * held at the switch's landing (its ret or jmp, or its fault): the bytes around the old rsp and
 * around the new one, the mapping each is in, and the malloc chunk that holds the new rsp where
 * glibc's header says so. Kept as read: a switch seen earlier is shown as it was then.
 *
 * @param from      the mapping the old rsp was in (null: unmapped)
 * @param to        the mapping the new rsp is in (null: unmapped)
 * @param oldStart  the address of {@code oldWindow}'s first byte
 * @param oldWindow the bytes around the old rsp, as far as its mapping goes
 * @param newStart  the address of {@code newWindow}'s first byte
 * @param newWindow the bytes around the new rsp, as far as its mapping goes
 * @param chunk     the heap chunk holding the new rsp, from its header; null if not in [heap] or not found
 * @param oldChunk  the same for the old rsp (a fiber's stack switched away from)
 */
public record SwitchMemory(Region from, Region to, long oldStart, byte[] oldWindow, long newStart, byte[] newWindow,
                           Chunk chunk, Chunk oldChunk) {

    /** With no chunk known for the old rsp. */
    public SwitchMemory(Region from, Region to, long oldStart, byte[] oldWindow, long newStart, byte[] newWindow,
                        Chunk chunk) {
        this(from, to, oldStart, oldWindow, newStart, newWindow, chunk, null);
    }

    /** A mapping of the program: [start, end) and its name ([stack], [heap], anonymous, a file, a thread's stack). */
    public record Region(String name, long start, long end) {
    }

    /**
     * A malloc chunk as glibc lays it out: the size field 8 bytes below the memory malloc returned,
     * the chunk's size in it with 3 flag bits (bit 0: the chunk before it is in use).
     *
     * @param header the address of the size field (user memory starts 8 bytes above it)
     * @param field  the size field as memory holds it
     */
    public record Chunk(long header, long field) {

        /** The memory malloc returned: just above the size field. */
        public long user() {
            return header + 8;
        }

        /** The chunk's size, the flag bits taken off. */
        public long size() {
            return field & ~7L;
        }

        /** The bytes the caller may use: the chunk up to the next chunk's size field (malloc_usable_size). */
        public long usable() {
            return size() - 8;
        }

        /** The end of the usable bytes: the next chunk's size field. */
        public long end() {
            return user() + usable();
        }

        public boolean contains(long address) {
            return address >= user() && address < end();
        }
    }

    /** The byte at {@code address} of the old stack's window, or -1 outside it. */
    public int oldByte(long address) {
        return at(oldStart, oldWindow, address);
    }

    /** The byte at {@code address} of the new stack's window, or -1 outside it. */
    public int newByte(long address) {
        return at(newStart, newWindow, address);
    }

    private static int at(long start, byte[] window, long address) {
        long i = address - start;
        return i >= 0 && i < window.length ? window[(int) i] & 0xff : -1;
    }
}
