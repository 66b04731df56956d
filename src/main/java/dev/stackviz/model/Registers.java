package dev.stackviz.model;

/** The callee-saved registers of the thread that switched (System V: rsp, rbx, rbp, r12-r15). */
public record Registers(long rsp, long rbx, long rbp, long r12, long r13, long r14, long r15, long sigmask) {
}
