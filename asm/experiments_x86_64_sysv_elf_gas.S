/*
 * experiments_x86_64_sysv_elf_gas.S: one-way targets for the isolated child (sv_jump), where a
 * target may spin forever or break the rules and die without taking the user's app with it.
 *
 * All are entered by `ret`, with rbx = struct sv_block * (offsets in sv_layout.h) and, when the
 * setup followed the rules, rsp = aligned - 8. None of them ever returns. A ret is not an indirect
 * branch that IBT checks, so none starts with endbr64 (SV_FUNC's entry=direct).
 *
 *   sv_target_forever     the seed's hello: a raw write(2), then `loop {}` with a heartbeat
 *   sv_target_sse         hello, then a 16-byte aligned SSE store into its frame (movaps)
 *   sv_target_overflow    hello, then OVERFLOW_PUSHES pushes from aligned - 8 (48 bytes: past base
 *                         on the seed's 48-byte buffer)
 *   sv_target_libc_hello  the seed's hello as Rust wrote it: through the C library (puts)
 *
 * Every offset below aligned that the Java side shows is named in sv_layout.h.
 */
#if !defined(__x86_64__) || !defined(__ELF__)
#error "stackviz's targets are x86-64 System V ELF assembly: they cannot be built for this target"
#endif

#include "sv_layout.h"
#include "sv_macros.h"

        .intel_syntax noprefix

        .section .rodata
libc_message:
        .asciz  SV_MESSAGE                      # puts adds the newline

/* rax, rdi, rsi, rdx, rcx, r11 are clobbered: write(block->fd, sv_message, sv_message_length).
 * The message lives in target_x86_64_sysv_elf_gas.S. */
.macro SAY_HELLO
        mov     eax, SYS_write
        mov     edi, [rbx + BLK_FD]
        lea     rsi, [rip + sv_message]
        mov     rdx, [rip + sv_message_length]
        syscall
        mov     [rbx + BLK_WRITTEN], rax
.endm

/* The seed's `loop {}`, with the heartbeat in the slot rsp points at. */
.macro SPIN_FOREVER
1:
        add     qword ptr [rsp], 1
        pause
        jmp     1b
.endm

        .text

        SV_FUNC sv_target_forever
        mov     [rbx + BLK_WOKE_RSP], rsp       # aligned - 8 if the setup followed the rules
        sub     rsp, HELLO_HEARTBEAT_BELOW_TOP - 8   # heartbeat at aligned - 24, as in hello
        mov     qword ptr [rsp], 0
        SAY_HELLO
        SPIN_FOREVER
        SV_END  sv_target_forever

/*
 * A function entered as the ABI says has (rsp + 8) % 16 == 0, so after it reserves SSE_FRAME (24)
 * bytes rsp is a multiple of 16, and movaps (which faults unless its address is) may use [rsp].
 * Entered with rsp % 16 == 0 instead, the same code faults: SIGSEGV.
 */
        SV_FUNC sv_target_sse
        mov     [rbx + BLK_WOKE_RSP], rsp
        SAY_HELLO
        sub     rsp, SSE_FRAME                  # 16 bytes of locals + 8 to realign, as a compiler would
        pxor    xmm0, xmm0
        movaps  [rsp], xmm0                     # #GP unless rsp % 16 == 0: the ABI's promise, broken
        mov     qword ptr [rsp], 0
        SPIN_FOREVER
        SV_END  sv_target_sse

/* OVERFLOW_PUSHES (6) pushes from rsp = aligned - 8 reach aligned - 56: with the seed's 48 bytes,
 * 8 bytes below base. The heartbeat then overwrites the lowest pushed slot. */
        SV_FUNC sv_target_overflow
        mov     [rbx + BLK_WOKE_RSP], rsp
        SAY_HELLO
        movabs  rax, 0x4141414141414141         # 'AAAAAAAA': easy to spot where it lands
        .rept   OVERFLOW_PUSHES
        push    rax
        .endr
        mov     qword ptr [rsp], 0              # the heartbeat now lives in the lowest pushed slot
        SPIN_FOREVER
        SV_END  sv_target_overflow

/*
 * What the seed's hello really does: println! goes through the standard library, which needs far
 * more than 48 bytes of stack. puts and fflush write their frames below the buffer.
 *
 * The ABI's rule at a call: rsp % 16 == 0 just before `call`, so that the callee starts with
 * (rsp + 8) % 16 == 0. We are entered with rsp = aligned - 8; the heartbeat's 16 bytes take it to
 * aligned - 24, which is 8 off, so LIBC_CALL_PAD more bytes go around the calls: aligned - 32.
 */
        SV_FUNC sv_target_libc_hello
        mov     [rbx + BLK_WOKE_RSP], rsp       # aligned - 8
        sub     rsp, HELLO_HEARTBEAT_BELOW_TOP - 8   # aligned - 24: the heartbeat's slot
        mov     qword ptr [rsp], 0
        sub     rsp, LIBC_CALL_PAD              # aligned - 32: a multiple of 16, as a call needs
        mov     [rbx + BLK_CALL_RSP], rsp       # recorded, so that a test can check the rule held
        lea     rdi, [rip + libc_message]
        call    puts@PLT
        mov     [rbx + BLK_WRITTEN], rax
        xor     edi, edi
        call    fflush@PLT                      # a pipe is block-buffered: push the line out now
        add     rsp, LIBC_CALL_PAD              # back to the heartbeat
        SPIN_FOREVER
        SV_END  sv_target_libc_hello

        .section .note.GNU-stack,"",@progbits
