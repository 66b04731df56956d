package dev.stackviz.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The general-purpose registers of one thread, as PTRACE_GETREGS read them from the CPU's saved
 * state (struct user_regs_struct, sys/user.h, in its order).
 */
public record Cpu(long[] values) {

    /** struct user_regs_struct's fields, in order. */
    public static final String[] NAMES = {"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8",
        "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base",
        "ds", "es", "fs", "gs"};

    /** The ones an instruction of ours can change, in the order a reader expects them. */
    public static final List<String> SHOWN = List.of("rip", "rsp", "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "eflags");

    public Cpu {
        if (values.length != NAMES.length) {
            throw new IllegalArgumentException("user_regs_struct has " + NAMES.length + " fields, not " + values.length);
        }
    }

    public long get(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return values[i];
            }
        }
        throw new IllegalArgumentException(name);
    }

    public long rip() {
        return get("rip");
    }

    public long rsp() {
        return get("rsp");
    }

    public long rax() {
        return get("rax");
    }

    /**
     * eflags bits that stepping itself sets and clears, not the instruction: TF (the trap flag) and
     * RF (resume, set by the kernel after a hardware breakpoint). Intel SDM vol. 1, 3.4.3.
     */
    public static final long STEPPING_FLAGS = 0x100 | 0x10000;

    /** The shown registers whose value the instruction changed in {@code after}, in SHOWN's order. */
    public List<String> changed(Cpu after) {
        List<String> names = new ArrayList<>();
        for (String name : SHOWN) {
            long mask = name.equals("eflags") ? ~STEPPING_FLAGS : -1L;
            if ((get(name) & mask) != (after.get(name) & mask)) {
                names.add(name);
            }
        }
        return names;
    }
}
