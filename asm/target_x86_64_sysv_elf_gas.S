/*
 * target_x86_64_sysv_elf_gas.S: the seed's `hello`, for a 48-byte stack.
 *
 *     fn hello() -> ! { println!("I LOVE WAKING UP ON A NEW STACK!"); loop {} }
 *
 * println! needs the C library and kilobytes of stack; this stack has 48 bytes. So hello
 * writes with a raw write(2) system call (the kernel does not use the user stack) and keeps
 * its only local, a heartbeat, inside the buffer. Unlike the seed's loop it can be asked to
 * stop: then it resumes the thread that switched to it (sv_resume).
 *
 * Entered by `ret` from sv_switch, with:
 *     rsp = aligned - 8     (ret popped our address from aligned - 16)
 *     rbx = struct sv_block *   (sv_switch loaded it from next->rbx)
 *
 * Block, struct sv_block (offsets in sv_layout.h):
 *     0x00 stop   0x08 woke_rsp   0x10 fd   0x18 back   0x20 written   0x28 call_rsp   size 0x30
 *
 * Frame, from the aligned top down:
 *     aligned - 8  .. aligned - 1    untouched (the slot above the popped address)
 *     aligned - 16 .. aligned - 9    our own address, as written; ret read it, nobody erases it
 *     aligned - 24 .. aligned - 17   heartbeat, +1 per spin: rsp points here while we spin
 */
#if !defined(__x86_64__) || !defined(__ELF__)
#error "stackviz's target is x86-64 System V ELF assembly: it cannot be built for this target"
#endif

#include "sv_layout.h"
#include "sv_macros.h"

        .intel_syntax noprefix

/* The seed's line, for every target: sv_message (with its newline) and its length. Exported, so
 * that the Java side checks its own copy against these bytes (SwitchLayoutTest). */
        SV_MESSAGE_DATA

        .text
        SV_FUNC sv_target_hello                 # direct: entered by sv_switch's ret, which IBT does not check
        mov     [rbx + BLK_WOKE_RSP], rsp       # what `ret` left us: aligned - 8 if all went right
        sub     rsp, HELLO_HEARTBEAT_BELOW_TOP - 8   # one 16-byte step down: heartbeat at aligned - 24
        mov     qword ptr [rsp], 0

        mov     eax, SYS_write                  # write(fd, sv_message, its length)
        mov     edi, [rbx + BLK_FD]
        lea     rsi, [rip + sv_message]
        mov     edx, OFFSET SV_MESSAGE_LENGTH
        syscall
        mov     [rbx + BLK_WRITTEN], rax        # Java reports a failed write instead of guessing

.Lspin:                                         # the seed's `loop {}`, with a pulse and a way out
        add     qword ptr [rsp], 1              # heartbeat, in our stack: the grid shows it move
        pause                                   # a spin-wait hint to the core, no semantics
        cmp     qword ptr [rbx + BLK_STOP], 0
        je      .Lspin

        mov     rsi, [rsp]                      # sv_switch will return the heartbeat
        mov     rdi, [rbx + BLK_BACK]
        jmp     sv_resume
        SV_END  sv_target_hello

        .section .note.GNU-stack,"",@progbits
