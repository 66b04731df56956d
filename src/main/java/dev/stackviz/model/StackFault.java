package dev.stackviz.model;

/**
 * A fault of a traced program, where it happened: the signal the CPU raised and why (si_code), the
 * instruction, the registers, and the stack around rsp as memory held it.
 *
 * @param fault       the signal, its code and kind, and the address the kernel reported
 * @param where       the faulting instruction's place, {@code symbol+0xOFF}
 * @param instruction the instruction, Intel syntax
 * @param cpu         the registers at the fault
 * @param stack       the mapping rsp is in
 * @param windowStart the address of {@code window}'s first byte
 * @param window      the stack's bytes around rsp
 * @param inDynamicLinker rip is in the program's dynamic linker (its PT_INTERP): where a program linked
 *                    lazily resolves its first call to each library function, on whatever stack it is on
 */
public record StackFault(TraceStep.Fault fault, String where, String instruction, Cpu cpu, String stack,
                         long windowStart, byte[] window, boolean inDynamicLinker) {
}
