/*
 * switch_arm64_aapcs_elf_gas.S: the seed's stack switch on AArch64, made safe to come back from.
 *
 * The seed (stack_swap.rs) switches on x86-64 with two instructions, `mov rsp, [ctx]; ret`: ret
 * pops the address written on the new stack. AArch64's `ret` pops nothing: it branches to the
 * address in x30, the link register, which `bl` filled. So the written address has to be loaded
 * into x30 first, and sp can only move in steps of 16 (it must be 16-aligned whenever it is used
 * to reach memory, AAPCS64 section 6.4.5.1), so the load takes 16 bytes:
 *     ldr x11, [ctx + 0x00]    ; x11 = ctx.sp = aligned - 16 (sp cannot be loaded from memory directly)
 *     mov sp, x11
 *     ldr x30, [sp], #16       ; x30 = the address written there, sp = aligned
 *     ret                      ; branch to x30: the CPU continues in the target
 * sv_switch ends with exactly those four. Before them it keeps what the calling thread needs to
 * come back: its callee-saved registers (sp, x19-x30, d8-d15) and its signal mask.
 *
 * Context frame, struct sv_context (offsets in sv_layout.h):
 *     0x00 sp   0x08 x19 .. 0x50 x28   0x58 x29   0x60 x30   0x68 d8 .. 0xa0 d15
 *     0xa8 sigmask (kernel sigset_t, 8 bytes)                                     size 0xb0
 *
 * C prototypes, as in switch_x86_64_sysv_elf_gas.S:
 *     uint64_t sv_switch(struct sv_context *save, const struct sv_context *next);
 *     void sv_resume(const struct sv_context *ctx, uint64_t value);   never returns
 *     void sv_jump(const struct sv_context *next);   the seed's one-way switch; never returns
 *     void sv_swap(struct sv_context *save, const struct sv_context *next);   no signal mask; ends in ret
 *
 * Stack rule: sp % 16 == 0 at all times, not only at calls. The target is entered with
 * sp = aligned, and x30 = its own address (nothing to return to).
 *
 * Signals: blocked from before sp leaves the caller's stack until it is back, as on x86-64 (a
 * handler's frame would not fit in the 48 bytes). FPCR is callee-saved too; neither side changes it.
 */
#if !defined(__aarch64__) || !defined(__ELF__)
#error "this switch is AArch64 AAPCS64 ELF assembly: it cannot be built for this target"
#endif

#include "sv_layout.h"
#include "sv_macros.h"

        .section .rodata
        .globl  all_signals
        .hidden all_signals                     // for the scheduler too, not exported from the library
        .balign 8
all_signals:
        .quad   -1                              // every bit: the kernel leaves SIGKILL, SIGSTOP out itself

/* Save the caller's callee-saved registers, sp first, into the context at \save. x11 is clobbered. */
.macro SAVE_CONTEXT save
        mov     x11, sp                         // sp cannot be stored directly
        str     x11, [\save, CTX_SP]
        stp     x19, x20, [\save, CTX_X19]
        stp     x21, x22, [\save, CTX_X21]
        stp     x23, x24, [\save, CTX_X23]
        stp     x25, x26, [\save, CTX_X25]
        stp     x27, x28, [\save, CTX_X27]
        stp     x29, x30, [\save, CTX_X29]      // x30: where this context's ret goes back to
        stp     d8, d9, [\save, CTX_D8]
        stp     d10, d11, [\save, CTX_D10]
        stp     d12, d13, [\save, CTX_D12]
        stp     d14, d15, [\save, CTX_D14]
.endm

/* Load the callee-saved registers, sp last, from the context at \next. x11 is clobbered. */
.macro LOAD_CONTEXT next
        ldp     x19, x20, [\next, CTX_X19]      // x19: the target's argument, its block
        ldp     x21, x22, [\next, CTX_X21]
        ldp     x23, x24, [\next, CTX_X23]
        ldp     x25, x26, [\next, CTX_X25]
        ldp     x27, x28, [\next, CTX_X27]
        ldp     x29, x30, [\next, CTX_X29]
        ldp     d8, d9, [\next, CTX_D8]
        ldp     d10, d11, [\next, CTX_D10]
        ldp     d12, d13, [\next, CTX_D12]
        ldp     d14, d15, [\next, CTX_D14]
        ldr     x11, [\next, CTX_SP]            // the seed: sp = ctx.sp = aligned - 16
        mov     sp, x11
.endm

        .text

        SV_FUNC sv_switch, entry=indirect       // JNA calls it through a function pointer
        mov     x9, x0                          // x9 = save (svc keeps every register but x0)
        mov     x10, x1                         // x10 = next
        ADDRESS x12, all_signals
        add     x13, x9, CTX_SIGMASK
        SET_SIGMASK x12, x13                    // block all; the caller's mask to save->sigmask
        cbnz    x0, .Lrefused                   // -errno: do not leave with signals open
        SAVE_CONTEXT x9
        LOAD_CONTEXT x10
        ldr     x30, [sp], 16                   // the seed's written address, into the link register
        ret                                     // branch to it: run the target
.Lrefused:
        ret                                     // x0 = -errno, nothing switched
        SV_END  sv_switch

/*
 * sv_swap: the switch alone, for stacks big enough for signal frames (the benchmark's coroutines,
 * the green threads). The return address travels in the context's x30, not on the stack, so it
 * ends in a plain ret to where the loaded context's bl came from; a fresh context holds sv_start.
 */
        SV_FUNC sv_swap, visibility=protected   // direct: the scheduler's b, bench.c's calls (no PLT)
        SAVE_CONTEXT x0
        LOAD_CONTEXT x1
        ret
        SV_END  sv_swap

/*
 * sv_start: a fresh stack's first instructions, the seed's way: its entry was written at sp
 * (aligned - 16) and what the entry should return to at sp + 8 (aligned - 8). Both are loaded,
 * sp moves to aligned, and the entry runs with x30 = that address, as if called from there.
 */
        SV_FUNC sv_start, visibility=protected  // direct: reached by sv_swap's ret, which BTI does not check
        ldp     x16, x30, [sp], 16              // x16 = the entry, x30 = where it returns to
        br      x16                             // x16: the register BTI's `bti c` accepts a br from
        SV_END  sv_start

        SV_FUNC sv_resume, visibility=protected // direct: the target's b, bench.c's call (no PLT)
        mov     x9, x0                          // x9 = ctx
        mov     x10, x1                         // x10 = value, survives the svc
        LOAD_CONTEXT x9                         // back on the caller's stack; x30 = sv_switch's return
        add     x12, x9, CTX_SIGMASK
        SET_SIGMASK x12                         // only now: ctx->sigmask back; pending signals are
                                                // delivered at its svc, on the big stack
        mov     x0, x10
        ret                                     // as if sv_switch had returned `value`
        SV_END  sv_resume

/*
 * sv_jump: the seed's one-way switch, for the isolated child: nothing is saved, there is no way
 * back. Signals are blocked first for the same reason as above.
 */
        SV_FUNC sv_jump, entry=indirect         // JNA calls it through a function pointer
        mov     x9, x0                          // x9 = next
        ADDRESS x12, all_signals
        SET_SIGMASK x12                         // block all; nothing to come back to
        ldr     x19, [x9, CTX_X19]              // the target's block
        ldr     x11, [x9, CTX_SP]               // the seed: sp = ctx.sp
        mov     sp, x11
        ldr     x30, [sp], 16                   // the written address, into the link register
        ret
        SV_END  sv_jump

/* The offsets above, for the Java side to check its copy against (see sv_layout.h). */
        SV_LAYOUT_TABLE CTX_SP, CTX_X19, CTX_X20, CTX_X21, CTX_X22, CTX_X23, CTX_X24, CTX_X25, CTX_X26, CTX_X27, CTX_X28, CTX_X29, CTX_X30, CTX_D8, CTX_SIGMASK, CTX_SIZE

        .section .note.GNU-stack,"",%progbits
