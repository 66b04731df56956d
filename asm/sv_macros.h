/*
 * sv_macros.h: what every .S file here writes the same way, written once (GNU as macros).
 *
 *   SV_FUNC name[, entry=direct|indirect][, visibility=default|protected|hidden]
 *   SV_END  name
 *       A function: .globl, its visibility, .type, .balign 16, the label; SV_END gives its .size.
 *       entry=indirect: something reaches it by an indirect call or jmp (JNA's ffi_call calls a
 *       function pointer; sv_swap ends in `jmp rcx`), so it starts with endbr64, as Boost.Context's
 *       entries start with _CET_ENDBR: the landing pad that indirect branch tracking (CET IBT)
 *       asks for there. entry=direct: only direct calls and jumps reach it, or a `ret`, which IBT
 *       does not check. Each SV_FUNC line says which.
 *       endbr64 is a 4-byte no-op unless IBT is on, and the library does not ask for it: the .S
 *       objects carry no IBT property note, so the link drops bench.c's (sv_swap's jmp also lands
 *       behind calls, where no endbr64 can be). The markers say which entries are indirect.
 *
 *       On AArch64 the landing pad is `bti c` (written `hint 34`, a no-op before ARMv8.5), the
 *       counterpart of endbr64 for branch target identification; the objects carry no BTI note either.
 *
 *   ADDRESS reg, symbol   (AArch64)
 *       reg = the address of symbol, position-independent: adrp (its page), then add (the offset in it).
 *
 *   SET_SIGMASK new[, old]
 *       rt_sigprocmask(SIG_SETMASK, new, old, KERNEL_SIGSET_SIZE): new and old are memory operands
 *       (as for lea) of kernel sigset_t's; without old, the old mask is not kept. rax = 0 or -errno;
 *       rdi, rsi, rdx, r10 (the arguments) and rcx, r11 (the syscall) are clobbered.
 *       On AArch64 new and old are registers that hold the addresses (not x0-x3, x8); x0 = 0 or
 *       -errno; x1-x3 and x8 are clobbered (svc itself keeps every other register).
 */
#ifndef SV_MACROS_H
#define SV_MACROS_H

#ifndef __ASSEMBLER__
#error "sv_macros.h holds GNU as macros: include it from .S files only"
#endif

#include "sv_layout.h"

/* The landing pad of an indirect branch: endbr64 (CET IBT), or bti c (BTI, written hint 34). */
#if defined(__aarch64__)
#define SV_LANDING_PAD hint 34
#else
#define SV_LANDING_PAD endbr64
#endif

.macro SV_FUNC name, entry=direct, visibility=default
        .globl  \name
  .ifnc \visibility,default
        .\visibility \name
  .endif
        .type   \name, %function
        .balign 16
\name:
  .ifc \entry,indirect
        SV_LANDING_PAD                          /* an indirect call or jump lands here */
  .else
    .ifnc \entry,direct
        .error "SV_FUNC \name: entry is direct or indirect"
    .endif
  .endif
.endm

.macro SV_END name
        .size   \name, .-\name
.endm

/* The seed's line, for every target: sv_message (with its newline) and its length, exported so that
 * the Java side checks its own copy against these bytes (SwitchLayoutTest); protected, so that the
 * other targets reach them without a GOT. SV_MESSAGE_LENGTH is its length, for the assembler. */
.macro SV_MESSAGE_DATA
        .section .rodata
        .globl  sv_message
        .protected sv_message
        .type   sv_message, %object
sv_message:
        .ascii  SV_MESSAGE, "\n"
        .set    SV_MESSAGE_LENGTH, . - sv_message
        .size   sv_message, .-sv_message
        .globl  sv_message_length
        .protected sv_message_length
        .type   sv_message_length, %object
        .balign 8
sv_message_length:
        .quad   SV_MESSAGE_LENGTH
        .size   sv_message_length, .-sv_message_length
.endm

/* sv_layout, the offsets for the Java side to check its copy against: each switch's struct
 * sv_context first (its own), then these, which are the same names on every instruction set. */
.macro SV_LAYOUT_TABLE context:vararg
        .section .rodata
        .globl  sv_layout
        .type   sv_layout, %object
        .balign 8
sv_layout:
        .quad   \context
        .quad   BLK_STOP, BLK_WOKE_RSP, BLK_FD, BLK_BACK, BLK_WRITTEN, BLK_CALL_RSP, BLK_SIZE
        .quad   ENTRY_BELOW_TOP, HELLO_HEARTBEAT_BELOW_TOP
        .quad   MISALIGNED_ENTRY_BELOW_TOP, MISALIGNED_HEARTBEAT_BELOW_TOP, SSE_FRAME
        .quad   OVERFLOW_PUSHES, OVERFLOW_HEARTBEAT_BELOW_TOP, LIBC_CALL_PAD
        .quad   FIB_CTX, FIB_INDEX, FIB_COUNTER, FIB_ROUNDS, FIB_STATE, FIB_LINE, FIB_LINE_SIZE, FIB_SIZE
        .quad   SCHED_MAIN, SCHED_COUNT, SCHED_CURRENT, SCHED_FD, SCHED_MODE, SCHED_GATE, SCHED_WAITING
        .quad   SCHED_SWITCHES, SCHED_FROM, SCHED_TO, SCHED_QUIET, SCHED_MASK, SCHED_NEXT, SCHED_FIBERS
        .quad   SCHED_MAX, SCHED_SIZE, FIBER_FINISH_BELOW_TOP, FIBER_FRAMES
        .quad   SCHED_STEP, SCHED_RUN, SCHED_STOP, FIBER_READY, FIBER_RUNNING, FIBER_DONE
        .size   sv_layout, .-sv_layout
.endm

#if defined(__aarch64__)
/* \reg = the address of \symbol (position-independent: page, then the offset in it). */
.macro ADDRESS reg, symbol
        adrp    \reg, \symbol
        add     \reg, \reg, :lo12:\symbol
.endm

.macro SET_SIGMASK new, old=none
        mov     x0, SIG_SETMASK
        mov     x1, \new                        // the mask to set
  .ifc \old,none
        mov     x2, xzr                         // the old one is not kept
  .else
        mov     x2, \old                        // where the old one goes
  .endif
        mov     x3, KERNEL_SIGSET_SIZE
        mov     x8, SYS_rt_sigprocmask
        svc     #0
.endm

#else
.macro SET_SIGMASK new, old=none
        mov     eax, SYS_rt_sigprocmask
        mov     edi, SIG_SETMASK
        lea     rsi, \new                       # the mask to set
  .ifc \old,none
        xor     edx, edx                        # the old one is not kept
  .else
        lea     rdx, \old                       # where the old one goes
  .endif
        mov     r10d, KERNEL_SIGSET_SIZE
        syscall
.endm

#endif

#endif
