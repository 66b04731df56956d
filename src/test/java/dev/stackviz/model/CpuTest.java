package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuTest {

    @Test
    void registersAreReadByNameInUserRegsStructsOrder() {
        long[] values = new long[Cpu.NAMES.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0x1000 + i;
        }
        Cpu cpu = new Cpu(values);
        assertEquals(0x1000, cpu.get("r15"), "the first field");
        assertEquals(0x100a, cpu.rax());
        assertEquals(0x1010, cpu.rip());
        assertEquals(0x1013, cpu.rsp());
        assertEquals(0x101a, cpu.get("gs"), "the last field");
    }

    @Test
    void anUnknownRegisterOrAWrongCountIsRefused() {
        Cpu cpu = Cpus.of();
        assertEquals("xmm0", assertThrows(IllegalArgumentException.class, () -> cpu.get("xmm0")).getMessage());
        assertEquals("user_regs_struct has 27 fields, not 26",
                assertThrows(IllegalArgumentException.class, () -> new Cpu(new long[26])).getMessage());
    }

    @Test
    void changedListsTheShownRegistersInReadingOrder() {
        Cpu before = Cpus.of("rip", 0x401000L, "rsp", 0x7ffc0000L, "rax", 14L);
        Cpu after = Cpus.with(before, "rax", 1L, "rip", 0x401007L, "r15", 5L, "rsp", 0x7ffb0000L);
        assertEquals(List.of("rip", "rsp", "rax", "r15"), before.changed(after));
        assertEquals(List.of(), before.changed(before));
    }

    @Test
    void changedIgnoresRegistersNoInstructionOfOursChangesAndTheSteppingFlags() {
        Cpu before = Cpus.of("eflags", 0x246L);
        Cpu stepped = Cpus.with(before, "eflags", 0x246L | 0x100 | 0x10000, "orig_rax", 14L, "fs_base", 0x7f00L);
        assertEquals(List.of(), before.changed(stepped), "TF and RF are the tracer's, orig_rax and fs_base are not shown");
        Cpu compared = Cpus.with(before, "eflags", 0x202L | 0x100);
        assertEquals(List.of("eflags"), before.changed(compared), "ZF cleared");
    }
}
