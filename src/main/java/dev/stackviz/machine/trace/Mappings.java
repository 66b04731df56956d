package dev.stackviz.machine.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's memory map, as /proc/PID/maps lists it (proc(5)): which mapping an address is in,
 * so that "rsp moved to another stack" can be told and named ({@code [stack]}, a thread's
 * anonymous stack, {@code [heap]}). Ordered by start address.
 */
public record Mappings(List<Mapping> mappings) {

    /**
     * start-end perms offset dev inode, then the path after the padding (if any). The path is taken
     * as it is (spaces, a " (deleted)" suffix); the kernel writes a newline in it as "\012".
     */
    private static final Pattern LINE = Pattern.compile(
            "^([0-9a-f]+)-([0-9a-f]+) (\\S{4}) ([0-9a-f]+) \\S+ \\d+(?: +(.*))?$");
    private static final String DELETED = " (deleted)";

    /** One line of the map: [start, end) with its permissions ("r-xp"), file offset and path ("" if none). */
    public record Mapping(long start, long end, String perms, long offset, String path) {

        public boolean contains(long address) {
            return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
        }

        public long size() {
            return end - start;
        }

        public boolean executable() {
            return perms.charAt(2) == 'x';
        }

        /** Backed by a file (its path is absolute), even one deleted since it was mapped. */
        public boolean fileBacked() {
            return path.startsWith("/");
        }

        /** The file was deleted (or replaced) after it was mapped: the kernel says so after the path. */
        public boolean deleted() {
            return fileBacked() && path.endsWith(DELETED);
        }

        /** The file's path without the kernel's " (deleted)" note; the path as listed otherwise. */
        public String file() {
            return deleted() ? path.substring(0, path.length() - DELETED.length()) : path;
        }

        /** For display: the path, the kernel's name ({@code [stack]}, {@code [heap]}, {@code [vdso]}...), or "anonymous". */
        public String name() {
            return path.isEmpty() ? "anonymous" : path;
        }
    }

    public Mappings {
        mappings = mappings.stream().sorted(Comparator.comparing(Mapping::start, Long::compareUnsigned)).toList();
    }

    /** The map of process {@code pid} now (its threads share it). */
    public static Mappings of(long pid) throws IOException {
        // Bytes, not readString: a path need not be UTF-8, and a bad byte must not fail the whole map.
        byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "maps"));
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Reads the text of a /proc/PID/maps; a line that is not a mapping is an error, not skipped. */
    public static Mappings parse(String text) {
        List<Mapping> list = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a line of /proc/PID/maps: " + line);
            }
            list.add(new Mapping(Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16),
                    m.group(3), Long.parseUnsignedLong(m.group(4), 16), m.group(5) == null ? "" : m.group(5)));
        }
        return new Mappings(list);
    }

    /** The mapping that holds {@code address}, or null when none does. */
    public Mapping find(long address) {
        int low = 0;
        int high = mappings.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Mapping mapping = mappings.get(middle);
            if (Long.compareUnsigned(address, mapping.start()) < 0) {
                high = middle - 1;
            } else if (Long.compareUnsigned(address, mapping.end()) >= 0) {
                low = middle + 1;
            } else {
                return mapping;
            }
        }
        return null;
    }

    /** Both addresses lie in one mapping (false when either is in none). */
    public boolean sameMapping(long a, long b) {
        Mapping mapping = find(a);
        return mapping != null && mapping.contains(b);
    }
}
