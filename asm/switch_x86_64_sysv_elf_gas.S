/*
 * switch_x86_64_sysv_elf_gas.S: the seed's stack switch, made safe to come back from.
 *
 * The seed (stack_swap.rs) switches with two instructions:
 *     mov rsp, [ctx + 0x00]    ; rsp = ctx.rsp = aligned - 16
 *     ret                      ; pop the address written there: the CPU continues in the target
 * sv_switch ends with exactly those two. Before them it keeps what the calling thread needs to
 * come back: its callee-saved registers (rsp, rbx, rbp, r12-r15) and its signal mask.
 *
 * Context frame, struct sv_context (offsets in sv_layout.h):
 *     0x00 rsp   0x08 r15   0x10 r14   0x18 r13   0x20 r12   0x28 rbx   0x30 rbp
 *     0x38 sigmask (kernel sigset_t, 8 bytes)                             size 0x40
 *
 * C prototypes:
 *     uint64_t sv_switch(struct sv_context *save, const struct sv_context *next);
 *         Returns, on the caller's own stack, the value that whoever resumes `save` passes to
 *         sv_resume; or -errno, without switching, if the signal mask could not be set.
 *     void sv_resume(const struct sv_context *ctx, uint64_t value);   never returns
 *     void sv_jump(const struct sv_context *next);   the seed's one-way gt_switch; never returns
 *     void sv_swap(struct sv_context *save, const struct sv_context *next);   no signal mask; ends in pop + jmp
 *
 * Stack rule (ABI 3.2.2): on entry to a function (rsp + 8) % 16 == 0. The target is entered by
 * `ret` from rsp = aligned - 16, so it starts with rsp = aligned - 8, as if it had been called.
 *
 * Signals: a handler runs on whatever stack the thread is on, and its frame takes kilobytes.
 * On a 48-byte stack that frame lands in someone else's memory. So every blockable signal is
 * blocked before rsp leaves the caller's stack, and the old mask comes back only after rsp has
 * returned to it. Signals that arrive in between stay pending and are delivered then.
 *
 * x87 control word and MXCSR are callee-saved too; neither side of this switch changes them,
 * so they are not saved (Boost.Context does save them, for fibers that do floating point).
 */
#if !defined(__x86_64__) || !defined(__ELF__)
#error "stackviz's switch is x86-64 System V ELF assembly: it cannot be built for this target"
#endif

#include "sv_layout.h"
#include "sv_macros.h"

        .intel_syntax noprefix

        .section .rodata
        .globl  all_signals
        .hidden all_signals                     # for the scheduler too, not exported from the library
        .balign 8
all_signals:
        .quad   -1                              # every bit: the kernel leaves SIGKILL, SIGSTOP out itself

/* Save the caller's callee-saved registers, rsp first, into the context at \save. */
.macro SAVE_CONTEXT save
        mov     [\save + CTX_RSP], rsp          # rsp points at our return address
        mov     [\save + CTX_R15], r15
        mov     [\save + CTX_R14], r14
        mov     [\save + CTX_R13], r13
        mov     [\save + CTX_R12], r12
        mov     [\save + CTX_RBX], rbx
        mov     [\save + CTX_RBP], rbp
.endm

/* Load the callee-saved registers, rsp last, from the context at \next. */
.macro LOAD_CONTEXT next
        mov     r15, [\next + CTX_R15]
        mov     r14, [\next + CTX_R14]
        mov     r13, [\next + CTX_R13]
        mov     r12, [\next + CTX_R12]
        mov     rbx, [\next + CTX_RBX]          # the target's argument: its block
        mov     rbp, [\next + CTX_RBP]
        mov     rsp, [\next + CTX_RSP]          # the seed: rsp = ctx.rsp = aligned - 16
.endm

        .text

        SV_FUNC sv_switch, entry=indirect       # JNA calls it through a function pointer
        mov     r8, rdi                         # r8 = save  (syscall keeps r8, r9; rdi, rsi are its arguments)
        mov     r9, rsi                         # r9 = next
        SET_SIGMASK [rip + all_signals], [r8 + CTX_SIGMASK]   # block all; the caller's mask to save->sigmask
        test    rax, rax
        jnz     .Lrefused                       # -errno: do not leave with signals open
        SAVE_CONTEXT r8
        LOAD_CONTEXT r9
        ret                                     # the seed: pop the written address, run the target
.Lrefused:
        ret                                     # rax = -errno, nothing switched
        SV_END  sv_switch

/*
 * sv_swap: the switch alone, for stacks big enough for signal frames, as a green-thread runtime
 * does it on every switch (the benchmark's coroutines). It ends with pop + jmp where sv_switch
 * has the seed's ret: the same effect, but a ret to somewhere other than where its call came from
 * is mispredicted every time by the CPU's return stack buffer, and costs about 5 ns here
 * (Boost.Context's jump_fcontext ends the same way).
 *     void sv_swap(struct sv_context *save, const struct sv_context *next);
 */
        SV_FUNC sv_swap, visibility=protected   # direct: the scheduler's jmp, bench.c's calls (no PLT)
        SAVE_CONTEXT rdi
        LOAD_CONTEXT rsi
        pop     rcx                             # the return address, or a fresh stack's entry
        jmp     rcx                             # to a fresh stack's entry (endbr64), or behind a call
        SV_END  sv_swap

        SV_FUNC sv_resume, visibility=protected # direct: the target's jmp, bench.c's call (no PLT)
        mov     r8, rdi                         # r8 = ctx
        mov     r9, rsi                         # r9 = value, survives the syscall
        LOAD_CONTEXT r8                         # back on the caller's stack, at sv_switch's return address
        SET_SIGMASK [r8 + CTX_SIGMASK]          # only now: ctx->sigmask back; pending signals are
                                                # delivered at its syscall, on the big stack
        mov     rax, r9
        ret                                     # as if sv_switch had returned `value`
        SV_END  sv_resume

/*
 * sv_jump: the seed's gt_switch exactly, for the isolated child: nothing is saved, there is no
 * way back. Signals are blocked first for the same reason as above; the child is ended from
 * outside (SIGTERM to its other threads, then SIGKILL, which no mask holds back).
 */
        SV_FUNC sv_jump, entry=indirect         # JNA calls it through a function pointer
        mov     r9, rdi                         # r9 = next
        SET_SIGMASK [rip + all_signals]         # block all; nothing to come back to
        mov     rbx, [r9 + CTX_RBX]             # the target's block
        mov     rsp, [r9 + CTX_RSP]             # the seed: mov rsp, [ctx + 0x00]
        ret                                     # the seed: ret
        SV_END  sv_jump

/* The offsets above, for the Java side to check its copy against (see sv_layout.h). */
        SV_LAYOUT_TABLE CTX_RSP, CTX_R15, CTX_R14, CTX_R13, CTX_R12, CTX_RBX, CTX_RBP, CTX_SIGMASK, CTX_SIZE

/* No executable stack: without this note the linker would ask for one, and the JVM would get it. */
        .section .note.GNU-stack,"",@progbits
