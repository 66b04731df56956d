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
 *   SET_SIGMASK new[, old]
 *       rt_sigprocmask(SIG_SETMASK, new, old, KERNEL_SIGSET_SIZE): new and old are memory operands
 *       (as for lea) of kernel sigset_t's; without old, the old mask is not kept. rax = 0 or -errno;
 *       rdi, rsi, rdx, r10 (the arguments) and rcx, r11 (the syscall) are clobbered.
 */
#ifndef SV_MACROS_H
#define SV_MACROS_H

#ifndef __ASSEMBLER__
#error "sv_macros.h holds GNU as macros: include it from .S files only"
#endif

#include "sv_layout.h"

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
