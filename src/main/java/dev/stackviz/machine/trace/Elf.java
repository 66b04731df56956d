package dev.stackviz.machine.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The few facts of an ELF file the tracer needs: that it is 64-bit x86-64, its entry point and the
 * lowest virtual address it loads at (so that a mapping's start tells the load bias: a PIE or a
 * shared object is loaded wherever, an executable that is not position-independent where it says).
 */
public record Elf(long entry, long lowestLoad) {

    private static final int EM_X86_64 = 62;
    private static final int PT_LOAD = 1;

    /** Reads {@code file}'s header and program headers; throws with why when it is not an x86-64 ELF. */
    public static Elf read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            if (header.position() < 64 || header.getInt(0) != 0x464c457f) {
                throw new IOException(file + " is not an ELF file");
            }
            if (header.get(4) != 2 || header.getShort(18) != EM_X86_64) {
                throw new IOException(file + " is not an x86-64 program (ELF class " + header.get(4) + ", machine "
                        + header.getShort(18) + ")");
            }
            long entry = header.getLong(24);
            long phoff = header.getLong(32);
            int phentsize = Short.toUnsignedInt(header.getShort(54));
            int phnum = Short.toUnsignedInt(header.getShort(56));
            ByteBuffer headers = ByteBuffer.allocate(phentsize * phnum).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(headers, phoff);
            long lowest = Long.MAX_VALUE;
            for (int i = 0; i < phnum; i++) {
                if (headers.getInt(i * phentsize) == PT_LOAD) {
                    lowest = Math.min(lowest, headers.getLong(i * phentsize + 16) & -4096L);
                }
            }
            if (lowest == Long.MAX_VALUE) {
                throw new IOException(file + " has nothing to load");
            }
            return new Elf(entry, lowest);
        }
    }
}
