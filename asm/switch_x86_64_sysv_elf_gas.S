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
 *     void sv_swap(struct sv_context *save, const struct sv_context *next);   no signal mask: for benchmarks
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

        .intel_syntax noprefix

        .section .rodata
        .balign 8
all_signals:
        .quad   -1                              # every bit: the kernel leaves SIGKILL, SIGSTOP out itself

        .text

        .globl  sv_switch
        .type   sv_switch, @function
        .balign 16
sv_switch:
        mov     r8, rdi                         # r8 = save  (syscall keeps r8, r9; rdi, rsi are its arguments)
        mov     r9, rsi                         # r9 = next
        mov     eax, SYS_rt_sigprocmask         # rt_sigprocmask(SIG_SETMASK, &all, &save->sigmask, 8)
        mov     edi, SIG_SETMASK
        lea     rsi, [rip + all_signals]
        lea     rdx, [r8 + CTX_SIGMASK]
        mov     r10d, KERNEL_SIGSET_SIZE
        syscall
        test    rax, rax
        jnz     .Lrefused                       # -errno: do not leave with signals open
        mov     rdi, r8                         # save and next back where sv_swap takes them
        mov     rsi, r9
        jmp     sv_swap_body
.Lrefused:
        ret                                     # rax = -errno, nothing switched
        .size   sv_switch, .-sv_switch

/*
 * sv_swap: the switch alone, for code that runs on stacks big enough for signal frames (the
 * benchmark's coroutine): what a green-thread runtime does on every switch. sv_switch ends here.
 *     void sv_swap(struct sv_context *save, const struct sv_context *next);
 */
        .globl  sv_swap
        .type   sv_swap, @function
        .balign 16
sv_swap:
sv_swap_body:                                   # rdi = save, rsi = next
        mov     [rdi + CTX_RSP], rsp            # rsp points at our return address
        mov     [rdi + CTX_R15], r15
        mov     [rdi + CTX_R14], r14
        mov     [rdi + CTX_R13], r13
        mov     [rdi + CTX_R12], r12
        mov     [rdi + CTX_RBX], rbx
        mov     [rdi + CTX_RBP], rbp

        mov     r15, [rsi + CTX_R15]
        mov     r14, [rsi + CTX_R14]
        mov     r13, [rsi + CTX_R13]
        mov     r12, [rsi + CTX_R12]
        mov     rbx, [rsi + CTX_RBX]            # the target's argument: its block
        mov     rbp, [rsi + CTX_RBP]
        mov     rsp, [rsi + CTX_RSP]            # the seed: rsp = ctx.rsp = aligned - 16
        ret                                     # the seed: pop the written address, run the target
        .size   sv_swap, .-sv_swap

        .globl  sv_resume
        .protected sv_resume                    # the target jumps here directly, not through a PLT
        .type   sv_resume, @function
        .balign 16
sv_resume:
        mov     r8, rdi                         # r8 = ctx
        mov     r9, rsi                         # r9 = value, survives the syscall
        mov     rsp, [r8 + CTX_RSP]             # back on the caller's stack, at sv_switch's return address
        mov     r15, [r8 + CTX_R15]
        mov     r14, [r8 + CTX_R14]
        mov     r13, [r8 + CTX_R13]
        mov     r12, [r8 + CTX_R12]
        mov     rbx, [r8 + CTX_RBX]
        mov     rbp, [r8 + CTX_RBP]
        mov     eax, SYS_rt_sigprocmask         # only now: rt_sigprocmask(SIG_SETMASK, &ctx->sigmask, 0, 8)
        mov     edi, SIG_SETMASK
        lea     rsi, [r8 + CTX_SIGMASK]
        xor     edx, edx
        mov     r10d, KERNEL_SIGSET_SIZE
        syscall                                 # pending signals are delivered here, on the big stack
        mov     rax, r9
        ret                                     # as if sv_switch had returned `value`
        .size   sv_resume, .-sv_resume

/*
 * sv_jump: the seed's gt_switch exactly, for the isolated child: nothing is saved, there is no
 * way back. Signals are blocked first for the same reason as above; the child is ended from
 * outside (SIGTERM to its other threads, then SIGKILL, which no mask holds back).
 */
        .globl  sv_jump
        .type   sv_jump, @function
        .balign 16
sv_jump:
        mov     r9, rdi                         # r9 = next
        mov     eax, SYS_rt_sigprocmask         # rt_sigprocmask(SIG_SETMASK, &all, 0, 8)
        mov     edi, SIG_SETMASK
        lea     rsi, [rip + all_signals]
        xor     edx, edx
        mov     r10d, KERNEL_SIGSET_SIZE
        syscall
        mov     rbx, [r9 + CTX_RBX]             # the target's block
        mov     rsp, [r9 + CTX_RSP]             # the seed: mov rsp, [ctx + 0x00]
        ret                                     # the seed: ret
        .size   sv_jump, .-sv_jump

/* The offsets above, for the Java side to check its copy against (see sv_layout.h). */
        .section .rodata
        .globl  sv_layout
        .type   sv_layout, @object
        .balign 8
sv_layout:
        .quad   CTX_RSP, CTX_R15, CTX_R14, CTX_R13, CTX_R12, CTX_RBX, CTX_RBP, CTX_SIGMASK, CTX_SIZE
        .quad   BLK_STOP, BLK_WOKE_RSP, BLK_FD, BLK_BACK, BLK_WRITTEN, BLK_SIZE
        .quad   HELLO_HEARTBEAT_BELOW_TOP
        .size   sv_layout, .-sv_layout

/* No executable stack: without this note the linker would ask for one, and the JVM would get it. */
        .section .note.GNU-stack,"",@progbits
