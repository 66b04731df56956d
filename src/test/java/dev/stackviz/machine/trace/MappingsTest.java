package dev.stackviz.machine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.sys.RawMemory;
import dev.stackviz.machine.trace.Mappings.Mapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /proc/PID/maps read back: written-out lines with their edge cases, then this JVM's own map. */
class MappingsTest {

    /** As the kernel writes it: padding before the path, a trailing space where there is none. */
    static final String MAPS = """
            55a0c1e00000-55a0c1e02000 r--p 00000000 fe:00 260131                     /usr/bin/cat
            55a0c1e02000-55a0c1e07000 r-xp 00002000 fe:00 260131                     /usr/bin/cat
            55a0c2a17000-55a0c2a38000 rw-p 00000000 00:00 0                          [heap]
            7f6c44000000-7f6c44800000 rw-p 00000000 00:00 0\s
            7f6c44900000-7f6c44901000 r-xp 00001000 fe:00 4242                       /home/ann/my fibers/a.out (deleted)
            7f6c44a00000-7f6c44a01000 rw-s 00000000 00:01 77                         /memfd:ring (deleted)
            7f6c44b00000-7f6c44b01000 rw-p 00000000 00:00 0                          [anon:fiber stacks]
            7fbc5aa00000-7fbc5aa02000 r-xp 00000000 00:00 0                          [vdso]
            7ffc01d25000-7ffc01d46000 rw-p 00000000 00:00 0                          [stack]
            ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
            """;

    @Test
    void everyFieldOfALineIsRead() {
        Mapping text = Mappings.parse(MAPS).find(0x55a0c1e03456L);
        assertEquals(new Mapping(0x55a0c1e02000L, 0x55a0c1e07000L, "r-xp", 0x2000, "/usr/bin/cat"), text);
        assertTrue(text.executable());
        assertTrue(text.fileBacked());
        assertEquals(0x5000, text.size());
    }

    @Test
    void anAddressIsFoundInItsMappingAndNoneOutsideAny() {
        Mappings maps = Mappings.parse(MAPS);
        assertEquals("[heap]", maps.find(0x55a0c2a17000L).name());
        assertEquals("[heap]", maps.find(0x55a0c2a37fffL).name());
        assertNull(maps.find(0x55a0c2a38000L), "the end is not in the mapping");
        assertNull(maps.find(0x1000));
        assertNull(Mappings.parse("").find(0x1000));
    }

    @Test
    void anUnnamedMappingIsAnonymousAndNotFileBacked() {
        Mapping anonymous = Mappings.parse(MAPS).find(0x7f6c44400000L);
        assertEquals("", anonymous.path());
        assertEquals("anonymous", anonymous.name());
        assertFalse(anonymous.fileBacked());
        assertFalse(anonymous.executable());
    }

    @Test
    void theKernelsNamesAreShownAsTheyAreAndAreNotFiles() {
        Mappings maps = Mappings.parse(MAPS);
        for (long address : new long[] {0x7ffc01d30000L, 0x7fbc5aa00000L, 0x7f6c44b00000L}) {
            assertFalse(maps.find(address).fileBacked(), maps.find(address).name());
        }
        assertEquals("[stack]", maps.find(0x7ffc01d30000L).name());
        assertEquals("[anon:fiber stacks]", maps.find(0x7f6c44b00000L).name());
        assertTrue(maps.find(0x7fbc5aa00000L).executable(), "the vDSO is code");
    }

    @Test
    void aPathKeepsItsSpacesAndTheDeletedNoteIsToldApart() {
        Mapping deleted = Mappings.parse(MAPS).find(0x7f6c44900010L);
        assertEquals("/home/ann/my fibers/a.out (deleted)", deleted.name());
        assertTrue(deleted.deleted());
        assertEquals("/home/ann/my fibers/a.out", deleted.file());
        assertTrue(deleted.fileBacked());
        assertTrue(deleted.executable());
        assertEquals(0x1000, deleted.offset());
        Mapping memfd = Mappings.parse(MAPS).find(0x7f6c44a00000L);
        assertEquals("/memfd:ring", memfd.file());
        Mapping cat = Mappings.parse(MAPS).find(0x55a0c1e00000L);
        assertFalse(cat.deleted());
        assertEquals("/usr/bin/cat", cat.file());
    }

    @Test
    void addressesAboveTheSignedRangeAreFound() {
        Mapping vsyscall = Mappings.parse(MAPS).find(0xffffffffff600800L);
        assertEquals("[vsyscall]", vsyscall.name());
        assertEquals(0xffffffffff600000L, vsyscall.start());
        assertTrue(vsyscall.executable());
    }

    @Test
    void twoAddressesAreInTheSameMappingOnlyWhenOneMappingHoldsBoth() {
        Mappings maps = Mappings.parse(MAPS);
        assertTrue(maps.sameMapping(0x7ffc01d25000L, 0x7ffc01d45ff8L));
        assertFalse(maps.sameMapping(0x7ffc01d30000L, 0x7f6c44400000L), "the stack and an anonymous mapping");
        assertFalse(maps.sameMapping(0x55a0c1e01000L, 0x55a0c1e03000L), "two mappings of one file");
        assertFalse(maps.sameMapping(0x1000, 0x1008), "neither is mapped");
    }

    @Test
    void linesOutOfOrderAreFoundAll() {
        List<String> lines = new ArrayList<>(MAPS.lines().toList());
        Collections.reverse(lines);
        String reversed = String.join("\n", lines);
        Mappings maps = Mappings.parse(reversed);
        assertEquals(Mappings.parse(MAPS), maps);
        assertEquals("[stack]", maps.find(0x7ffc01d30000L).name());
    }

    @Test
    void aLineThatIsNoMappingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mappings.parse("Name:\tjava\n"));
        assertTrue(e.getMessage().contains("Name:"), e.getMessage());
    }

    /** The kernel's own startstack (/proc/self/stat field 28) lies in [stack]; this JVM's map has one. */
    @Test
    void thisJvmsMainStackIsInTheStackMapping() throws IOException {
        Mappings maps = Mappings.of(ProcessHandle.current().pid());
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long startStack = Long.parseUnsignedLong(fields[28 - 3]);
        Mapping stack = maps.find(startStack);
        assertNotNull(stack, Long.toHexString(startStack));
        assertEquals("[stack]", stack.name());
        assertTrue(stack.perms().startsWith("rw"));
    }

    /** A direct buffer is malloc'd: in [heap] or in an anonymous mapping (a malloc arena, a big block), not in a file. */
    @Test
    void aDirectBuffersAddressIsInTheHeapOrAnAnonymousMapping() throws IOException {
        RawMemory memory = RawMemory.allocate(4096);
        Mapping mapping = Mappings.of(ProcessHandle.current().pid()).find(memory.address());
        assertNotNull(mapping, Long.toHexString(memory.address()));
        assertTrue(mapping.name().equals("[heap]") || mapping.name().equals("anonymous"), mapping.name());
        assertFalse(mapping.fileBacked());
        assertTrue(mapping.contains(memory.address() + 4095));
    }

    /** This JVM's code: libjvm.so is mapped from its file, executable, and found by an address inside it. */
    @Test
    void thisJvmsLibjvmIsAFileBackedExecutableMapping() throws IOException {
        Mappings maps = Mappings.of(ProcessHandle.current().pid());
        Mapping libjvm = maps.mappings().stream().filter(m -> m.path().endsWith("/libjvm.so") && m.executable())
                .findFirst().orElseThrow();
        assertTrue(libjvm.fileBacked());
        assertTrue(Files.isRegularFile(Path.of(libjvm.file())), libjvm.file());
        assertEquals(libjvm, maps.find(libjvm.start() + libjvm.size() / 2));
    }
}
