package dev.stackviz.model;

import java.util.List;

/**
 * The callee-saved registers of the thread that switched, as its context holds them: the stack
 * pointer, the general callee-saved registers of {@code isa} ({@link Isa#calleeSaved()}, in that
 * order: System V's rbx, rbp, r12-r15; AAPCS64's x19-x30), and the signal mask.
 */
public record Registers(Isa isa, long sp, List<Long> values, long sigmask) {

    public Registers {
        values = List.copyOf(values);
        if (values.size() != isa.calleeSaved().size()) {
            throw new IllegalArgumentException(isa.title() + " has " + isa.calleeSaved().size()
                    + " callee-saved registers, not " + values.size());
        }
    }

    /** x86-64's: rsp, rbx, rbp, r12-r15. */
    public Registers(long rsp, long rbx, long rbp, long r12, long r13, long r14, long r15, long sigmask) {
        this(Isa.X86_64, rsp, List.of(rbx, rbp, r12, r13, r14, r15), sigmask);
    }

    /** The register called {@code name} ("rbx", "x19"). */
    public long get(String name) {
        int index = isa.calleeSaved().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(isa.title() + " has no callee-saved " + name);
        }
        return values.get(index);
    }
}
