package dev.stackviz.machine.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The few facts of an ELF file the tracer needs: that it is 64-bit x86-64, its entry point and the
 * lowest virtual address it loads at (so that a mapping's start tells the load bias: a PIE or a
 * shared object is loaded wherever, an executable that is not position-independent where it says).
 *
 * @param buildId     the GNU build id note, in hex (as readelf -n and debuginfod name it); "" if it has none
 * @param interpreter the dynamic linker it names (PT_INTERP), as written there; "" for a static program
 */
public record Elf(long entry, long lowestLoad, String buildId, String interpreter) {

    private static final int EM_X86_64 = 62;
    private static final int PT_LOAD = 1;
    private static final int PT_INTERP = 3;
    private static final int PT_NOTE = 4;
    private static final int NT_GNU_BUILD_ID = 3;

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
            String buildId = "";
            String interpreter = "";
            for (int i = 0; i < phnum; i++) {
                if (headers.getInt(i * phentsize) == PT_LOAD) {
                    lowest = Math.min(lowest, headers.getLong(i * phentsize + 16) & -4096L);
                } else if (headers.getInt(i * phentsize) == PT_INTERP) {
                    long size = headers.getLong(i * phentsize + 32);
                    if (size > 1 && size < 4096) {
                        ByteBuffer path = ByteBuffer.allocate((int) size - 1);
                        channel.read(path, headers.getLong(i * phentsize + 8));
                        interpreter = new String(path.array(), 0, path.position(), StandardCharsets.UTF_8);
                    }
                } else if (headers.getInt(i * phentsize) == PT_NOTE && buildId.isEmpty()) {
                    long size = headers.getLong(i * phentsize + 32);
                    if (size > 0 && size < 65536) {
                        ByteBuffer notes = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
                        channel.read(notes, headers.getLong(i * phentsize + 8));
                        buildId = buildId(notes);
                    }
                }
            }
            if (lowest == Long.MAX_VALUE) {
                throw new IOException(file + " has nothing to load");
            }
            return new Elf(entry, lowest, buildId, interpreter);
        }
    }

    /** The NT_GNU_BUILD_ID note's bytes in hex, among {@code notes} (namesz, descsz, type, name, desc: 4-aligned); "" if none. */
    static String buildId(ByteBuffer notes) {
        int at = 0;
        while (at + 12 <= notes.limit()) {
            int nameSize = notes.getInt(at);
            int descSize = notes.getInt(at + 4);
            int type = notes.getInt(at + 8);
            int desc = at + 12 + ((nameSize + 3) & ~3);
            if (nameSize < 0 || descSize < 0 || desc + descSize > notes.limit()) {
                return "";
            }
            if (type == NT_GNU_BUILD_ID && nameSize == 4 && notes.get(at + 12) == 'G' && notes.get(at + 13) == 'N'
                    && notes.get(at + 14) == 'U') {
                StringBuilder hex = new StringBuilder();
                for (int b = 0; b < descSize; b++) {
                    hex.append(String.format("%02x", notes.get(desc + b) & 0xff));
                }
                return hex.toString();
            }
            at = desc + ((descSize + 3) & ~3);
        }
        return "";
    }
}
