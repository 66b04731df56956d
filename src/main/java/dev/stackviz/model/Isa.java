package dev.stackviz.model;

import java.util.List;
import java.util.Locale;

/**
 * The instruction set a real switch runs on, and what differs between the two stackviz builds for:
 * the name of the stack pointer, how the jump lands, where the target wakes, and the callee-saved
 * registers the switch keeps. The simulated machine plays x86-64.
 */
public enum Isa {

    /** System V AMD64: `ret` pops the written address, 8 bytes, and leaves rsp = aligned - 8. */
    X86_64("x86-64", "rsp", "mov rsp, [ctx]; ret", "mov rsp, [ctx]; ret", Long.BYTES,
            List.of("rbx", "rbp", "r12", "r13", "r14", "r15"), List.of("r12", "r13", "r14", "r15"), ""),
    /**
     * AAPCS64: `ret` branches to x30 and pops nothing, so the written address is loaded into x30
     * first, by a load that takes 16 bytes (sp must stay 16-aligned whenever it reaches memory):
     * the target wakes with sp = aligned.
     */
    AARCH64("AArch64", "sp", "ldr x11, [ctx]; mov sp, x11; ldr x30, [sp], #16; ret",
            "sp = ctx.sp; ldr x30, [sp], #16; ret", 16,
            List.of("x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30"),
            List.of("x29", "x30"), ", x21-x28 and d8-d15 saved too");

    private final String title;
    private final String stackPointer;
    private final String jump;
    private final String shortJump;
    private final int popped;
    private final List<String> calleeSaved;
    private final List<String> secondLine;
    private final String notShown;

    Isa(String title, String stackPointer, String jump, String shortJump, int popped, List<String> calleeSaved, List<String> secondLine,
        String notShown) {
        this.title = title;
        this.stackPointer = stackPointer;
        this.jump = jump;
        this.shortJump = shortJump;
        this.popped = popped;
        this.calleeSaved = calleeSaved;
        this.secondLine = secondLine;
        this.notShown = notShown;
    }

    /** The instruction set of this JVM's machine, where stackviz has a switch for it; else x86-64's. */
    public static Isa host() {
        return of(System.getProperty("os.arch", ""));
    }

    /** The instruction set that {@code os.arch} names: AArch64 for aarch64 (arm64), x86-64 otherwise. */
    public static Isa of(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? AARCH64 : X86_64;
    }

    /** The instruction set a machine of {@code kind} switches on, on a {@code host}: the simulated one plays x86-64. */
    public static Isa of(MachineKind kind, Isa host) {
        return kind == MachineKind.SIMULATED ? X86_64 : host;
    }

    /** "x86-64", "AArch64". */
    public String title() {
        return title;
    }

    /** "rsp", "sp". */
    public String sp() {
        return stackPointer;
    }

    /** The switch's last instructions, the seed's jump on this instruction set. */
    public String jump() {
        return jump;
    }

    /** The jump in few words, for a title or a key's help: "sp = ctx.sp; ldr x30, [sp], #16; ret". */
    public String shortJump() {
        return shortJump;
    }

    /** Bytes the landing takes off the stack with the entry address: the target wakes this far above it. */
    public int popped() {
        return popped;
    }

    /** The general callee-saved registers the switch saves beside the stack pointer, in the context's order. */
    public List<String> calleeSaved() {
        return calleeSaved;
    }

    /** The registers the first of two lines of text shows beside the stack pointer. */
    public List<String> firstLine() {
        return calleeSaved.subList(0, 2);
    }

    /** The registers the second line shows. */
    public List<String> secondLine() {
        return secondLine;
    }

    /** What the two lines leave out, said at the end of the second ("" when nothing is). */
    public String notShown() {
        return notShown;
    }

    /** x86-64's ret pops the address; AArch64's ret only branches to x30. */
    public boolean retPops() {
        return this == X86_64;
    }
}
