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

#if defined(__aarch64__)
.macro SV_FUNC name, entry=direct, visibility=default
        .globl  \name
  .ifnc \visibility,default
        .\visibility \name
  .endif
        .type   \name, %function
        .balign 16
\name:
  .ifc \entry,indirect
        hint    34                              // bti c: an indirect call or br lands here (BTI)
  .else
    .ifnc \entry,direct
        .error "SV_FUNC \name: entry is direct or indirect"
    .endif
  .endif
.endm

.macro SV_END name
        .size   \name, .-\name
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
.macro SV_FUNC name, entry=direct, visibility=default
        .globl  \name
  .ifnc \visibility,default
        .\visibility \name
  .endif
        .type   \name, @function
        .balign 16
\name:
  .ifc \entry,indirect
        endbr64                                 # an indirect call or jmp lands here (CET IBT)
  .else
    .ifnc \entry,direct
        .error "SV_FUNC \name: entry is direct or indirect"
    .endif
  .endif
.endm

.macro SV_END name
        .size   \name, .-\name
.endm

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
