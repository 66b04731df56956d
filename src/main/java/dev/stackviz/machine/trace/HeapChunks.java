package dev.stackviz.machine.trace;

import dev.stackviz.model.StackLayout;
import dev.stackviz.model.SwitchMemory;
import java.io.IOException;

/**
 * glibc's heap, chunk by chunk from the start of [heap]: each chunk's size field is 8 bytes below
 * the memory malloc returned, and the next chunk starts that size further on (x86-64: chunks are
 * 16-aligned, the first at the heap's start). Only sizes are read; nothing is assumed of the rest.
 */
final class HeapChunks {

    /** A heap this long in chunks is not walked further: the view goes without the chunk. */
    static final int MAX_CHUNKS = 100_000;

    /** Reads memory of the traced program. */
    interface Memory {
        byte[] read(long address, int length) throws IOException;
    }

    private HeapChunks() {
    }

    /**
     * The chunk whose usable bytes hold {@code address}, walking from {@code start}; null if the
     * sizes stop making sense first (not glibc's heap, or a size field overwritten) or none holds it.
     */
    static SwitchMemory.Chunk holding(Memory memory, long start, long end, long address) throws IOException {
        long chunk = start;
        for (int i = 0; i < MAX_CHUNKS && chunk + 16 <= end && chunk <= address; i++) {
            long field = StackLayout.fromLittleEndian(memory.read(chunk + 8, 8), 0);
            SwitchMemory.Chunk c = new SwitchMemory.Chunk(chunk + 8, field);
            if (c.size() < 32 || (c.size() & 15) != 0 || chunk + c.size() > end) {
                return null; // the top chunk's size runs to the heap's end at most; anything else is not a chunk
            }
            if (c.contains(address)) {
                return c;
            }
            chunk += c.size();
        }
        return null;
    }
}
