/*
 * target_arm64_aapcs_elf_gas.S: the seed's `hello` on AArch64, for a 48-byte stack.
 *
 *     fn hello() -> ! { println!("I LOVE WAKING UP ON A NEW STACK!"); loop {} }
 *
 * As on x86-64 (target_x86_64_sysv_elf_gas.S): a raw write(2) (svc #0, number in x8: the kernel
 * uses no user stack), one local, the heartbeat, inside the buffer, and a way out: when asked to
 * stop it resumes the thread that switched to it (sv_resume).
 *
 * Entered by sv_switch's `ldr x30, [sp], #16; ret`, with:
 *     sp  = aligned         (the load took the 16 bytes at aligned - 16: sp moves by 16s)
 *     x30 = sv_target_hello (its own address: there is nothing to return to)
 *     x19 = struct sv_block *   (sv_switch loaded it from next->x19)
 *
 * Frame, from the aligned top down (32 bytes: sp stays a multiple of 16):
 *     aligned - 16 .. aligned - 9    our own address, as written; the load read it, nobody erases it
 *     aligned - 24 .. aligned - 17   heartbeat, +1 per spin, at [sp, #8]
 *     aligned - 32 .. aligned - 25   untouched; sp points here while we spin
 */
#if !defined(__aarch64__) || !defined(__ELF__)
#error "this target is AArch64 AAPCS64 ELF assembly: it cannot be built for this target"
#endif

#include "sv_layout.h"
#include "sv_macros.h"

#define HELLO_FRAME       32                                   /* the heartbeat at aligned - 24 */
#define HEARTBEAT_AT      (HELLO_FRAME - HELLO_HEARTBEAT_BELOW_TOP)   /* [sp, #8] */

/* The seed's line, for every target, read back by the Java side (SwitchLayoutTest). */
        SV_MESSAGE_DATA

        .text
        SV_FUNC sv_target_hello                 // direct: entered by sv_switch's ret, which BTI does not check
        mov     x9, sp
        str     x9, [x19, BLK_WOKE_RSP]         // what the load left us: aligned if all went right
        sub     sp, sp, HELLO_FRAME             // 32 bytes down: sp stays 16-aligned
        str     xzr, [sp, HEARTBEAT_AT]

        mov     x8, SYS_write                   // write(fd, sv_message, its length)
        ldr     x0, [x19, BLK_FD]
        ADDRESS x1, sv_message
        mov     x2, SV_MESSAGE_LENGTH
        svc     #0
        str     x0, [x19, BLK_WRITTEN]          // Java reports a failed write instead of guessing

.Lspin:                                         // the seed's `loop {}`, with a pulse and a way out
        ldr     x9, [sp, HEARTBEAT_AT]
        add     x9, x9, 1                       // heartbeat, in our stack: the grid shows it move
        str     x9, [sp, HEARTBEAT_AT]
        yield                                   // a spin-wait hint to the core, no semantics
        ldr     x9, [x19, BLK_STOP]
        cbz     x9, .Lspin

        ldr     x1, [sp, HEARTBEAT_AT]          // sv_switch will return the heartbeat
        ldr     x0, [x19, BLK_BACK]
        b       sv_resume
        SV_END  sv_target_hello

        .section .note.GNU-stack,"",%progbits
