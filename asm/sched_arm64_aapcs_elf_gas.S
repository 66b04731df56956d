/*
 * sched_arm64_aapcs_elf_gas.S: green threads on AArch64, as sched_x86_64_sysv_elf_gas.S does them
 * on x86-64: several fibers, each on its own small heap stack prepared as the seed prepares one,
 * switched round robin by sv_swap. Same C prototypes, same struct sv_sched and struct sv_fiber
 * (their offsets follow CTX_SIZE, sv_layout.h).
 *
 * Registers while a fiber runs (sv_swap loads them from its context, the setup wrote them):
 *     x19 = struct sv_fiber *      x20 = struct sv_sched *
 *
 * A fiber's stack, from its aligned top down:
 *     aligned - 8  .. aligned - 1    sv_fiber_finish: sv_start loads it into x30, the body's
 *                                    prologue stores x30 back here, its epilogue's ret goes there
 *     aligned - 16 .. aligned - 9    sv_fiber_body at first (sv_start's ldp takes it to x16, br x16);
 *                                    then the body's saved x29 (frame record: x29, x30)
 * Where a yield returns to is not on the stack: `bl` leaves it in x30, and sv_swap keeps x30 in
 * the fiber's context. The fresh context's x30 is sv_start.
 *
 * Stepping: in SCHED_STEP mode every switch waits for the UI's permit (SCHED_GATE, a futex word).
 */
#if !defined(__aarch64__) || !defined(__ELF__)
#error "this scheduler is AArch64 AAPCS64 ELF assembly: it cannot be built for this target"
#endif

#include "sv_layout.h"
#include "sv_macros.h"

#define FUTEX_WAIT_PRIVATE   128   /* FUTEX_WAIT | FUTEX_PRIVATE_FLAG (include/uapi/linux/futex.h) */

        .section .rodata
fiber_word:
        .ascii  "fiber "

        .text

/*
 * A fiber's function: count, write a line (unless quiet), yield; after FIB_ROUNDS rounds, return
 * to x30 as its frame kept it: sv_fiber_finish.
 */
        SV_FUNC sv_fiber_body, entry=indirect   // a fresh fiber starts here from sv_start's br x16
        stp     x29, x30, [sp, -16]!            // the frame record: x30 (sv_fiber_finish) at aligned - 8
        mov     x29, sp
1:      ldr     x9, [x19, FIB_COUNTER]
        add     x9, x9, 1
        str     x9, [x19, FIB_COUNTER]
        ldr     x9, [x20, SCHED_QUIET]
        cbnz    x9, 2f
        bl      sv_fiber_format                 // x2 = the line's length, at [x19 + FIB_LINE]
        mov     x8, SYS_write                   // write(sched->fd, fiber->line, x2)
        ldr     x0, [x20, SCHED_FD]
        add     x1, x19, FIB_LINE
        svc     #0
2:      bl      sv_fiber_yield                  // x30 = the next line: sv_swap saves it in our context
        ldr     x9, [x19, FIB_COUNTER]
        ldr     x10, [x19, FIB_ROUNDS]
        cmp     x9, x10
        b.lo    1b
        ldp     x29, x30, [sp], 16              // x30 = sv_fiber_finish, sp = aligned
        ret
        SV_END  sv_fiber_body

/* The book's guard: a fiber whose function returned lands here. It is done; switch on for good. */
        SV_FUNC sv_fiber_finish                 // direct: entered by the body's ret, which BTI does not check
        mov     x9, FIBER_DONE
        str     x9, [x19, FIB_STATE]
        b       sv_fiber_yield                  // nothing ever switches back to a done fiber
        SV_END  sv_fiber_finish

/* "fiber N: C\n" into fiber->line, C in decimal; x2 = its length. Uses x2, x9-x15 only. */
        SV_FUNC sv_fiber_format, visibility=hidden   // direct, and only from here: not exported
        ADDRESS x9, fiber_word
        ldr     w10, [x9]                       // "fibe"
        str     w10, [x19, FIB_LINE]
        ldrh    w10, [x9, 4]                    // "r "
        strh    w10, [x19, FIB_LINE + 4]
        ldr     x10, [x19, FIB_INDEX]
        add     w10, w10, '1'
        strb    w10, [x19, FIB_LINE + 6]
        mov     w10, 0x203a                     // ": "
        add     x11, x19, FIB_LINE + 7
        strh    w10, [x11]
        ldr     x10, [x19, FIB_COUNTER]         // digits, last first, into the end of the line
        add     x11, x19, FIB_LINE + FIB_LINE_SIZE - 1
        mov     w12, 10                         // "\n"
        strb    w12, [x11]
        mov     x13, 10
3:      udiv    x14, x10, x13
        msub    x15, x14, x13, x10              // the last digit: x10 - (x10 / 10) * 10
        add     w15, w15, '0'
        strb    w15, [x11, -1]!
        mov     x10, x14
        cbnz    x10, 3b
        add     x12, x19, FIB_LINE + 9          // move them up behind "fiber N: "
        add     x13, x19, FIB_LINE + FIB_LINE_SIZE
        sub     x13, x13, x11                   // digits + the newline
        add     x2, x13, 9
4:      ldrb    w14, [x11], 1
        strb    w14, [x12], 1
        subs    x13, x13, 1
        b.ne    4b
        ret
        SV_END  sv_fiber_format

/*
 * sv_fiber_yield (from a fiber, and the scheduler's first switch from sv_sched_run, both by bl):
 * pick the next runnable fiber after the current one, round robin (the thread's own stack when
 * every fiber is done or the UI asked to stop), wait for the UI's permit in step mode, note the
 * switch, and b to sv_swap with x0 = the context to save, x1 = the one to load. x30 (the bl's
 * return address) is untouched until sv_swap saves it.
 */
        SV_FUNC sv_fiber_yield                  // direct: called by the body and by sv_sched_run
        mov     x12, FIB_SIZE
        ldr     x10, [x20, SCHED_COUNT]
        ldr     x9, [x20, SCHED_CURRENT]
        mov     x11, x10                        // candidates left
3:      add     x9, x9, 1
        cmp     x9, x10
        b.lo    4f
        mov     x9, 0
4:      madd    x13, x9, x12, x20               // sched + index * FIB_SIZE
        ldr     x14, [x13, SCHED_FIBERS + FIB_STATE]
        cmp     x14, FIBER_DONE
        b.ne    5f
        subs    x11, x11, 1
        b.ne    3b
        mov     x9, -1                          // every fiber is done: back to the thread
5:      str     x9, [x20, SCHED_NEXT]
.Lpermit:
        ldr     x14, [x20, SCHED_MODE]
        cmp     x14, SCHED_STOP
        b.ne    6f
        mov     x9, -1                          // asked to stop: back to the thread
        str     x9, [x20, SCHED_NEXT]
        b       .Lgo
6:      cmp     x14, SCHED_STEP
        b.ne    .Lgo
        add     x15, x20, SCHED_GATE
        ldar    w14, [x15]
        cbnz    w14, .Ltake
        mov     x14, 1
        str     x14, [x20, SCHED_WAITING]
        mov     x8, SYS_futex                   // futex(&sched->gate, FUTEX_WAIT_PRIVATE, 0, NULL)
        mov     x0, x15
        mov     x1, FUTEX_WAIT_PRIVATE
        mov     x2, 0                           // sleep only while the word is still 0
        mov     x3, 0                           // no timeout
        svc     #0
        b       .Lpermit                        // woken: a permit, or a new mode
.Ltake:
        ldaxr   w14, [x15]                      // gate -= 1, atomically (the UI adds with another core)
        sub     w14, w14, 1
        stlxr   w16, w14, [x15]
        cbnz    w16, .Ltake
.Lgo:
        str     xzr, [x20, SCHED_WAITING]
        ldr     x14, [x20, SCHED_SWITCHES]
        add     x14, x14, 1
        str     x14, [x20, SCHED_SWITCHES]
        ldr     x9, [x20, SCHED_CURRENT]
        str     x9, [x20, SCHED_FROM]
        add     x0, x20, SCHED_MAIN             // x0 = the context to save: the thread's ...
        tbnz    x9, 63, 7f
        madd    x13, x9, x12, x20
        add     x0, x13, SCHED_FIBERS           // ... or the current fiber's
        ldr     x14, [x0, FIB_STATE]
        cmp     x14, FIBER_DONE
        b.eq    7f
        mov     x14, FIBER_READY
        str     x14, [x0, FIB_STATE]
7:      ldr     x9, [x20, SCHED_NEXT]
        str     x9, [x20, SCHED_TO]
        str     x9, [x20, SCHED_CURRENT]
        add     x1, x20, SCHED_MAIN             // x1 = the context to load: the thread's ...
        tbnz    x9, 63, 8f
        madd    x13, x9, x12, x20
        add     x1, x13, SCHED_FIBERS           // ... or the next fiber's
        mov     x14, FIBER_RUNNING
        str     x14, [x1, FIB_STATE]
8:      b       sv_swap                         // save x0's context, load x1's, ret: the switch
        SV_END  sv_fiber_yield

        SV_FUNC sv_sched_run, entry=indirect    // JNA calls it through a function pointer
        stp     x29, x30, [sp, -32]!
        mov     x29, sp
        str     x20, [sp, 16]                   // x20 is callee-saved: ours to give back
        mov     x20, x0
        ADDRESS x9, all_signals
        add     x10, x20, SCHED_MASK
        SET_SIGMASK x9, x10                     // block all; the thread's mask to sched->mask
        cbnz    x0, 9f                          // -errno: nothing switched
        mov     x9, -1
        str     x9, [x20, SCHED_CURRENT]
        bl      sv_fiber_yield                  // the first switch; back here when the fibers are done or stopped
        add     x10, x20, SCHED_MASK
        SET_SIGMASK x10                         // the thread's mask back; pending signals are
                                                // delivered at its svc, on the thread's own stack
        ldr     x0, [x20, SCHED_SWITCHES]
9:      ldr     x20, [sp, 16]
        ldp     x29, x30, [sp], 32
        ret
        SV_END  sv_sched_run

/* x9 |= (\reg != \value) << \bit. */
.macro CHECK reg, value, bit
        mov     x10, \value
        cmp     \reg, x10
        cset    x11, ne
        orr     x9, x9, x11, lsl \bit
.endm

/* sv_sched_run with known values in x19-x28 and d8: 0 if they all came back, else a bit each. */
        SV_FUNC sv_sched_run_checked, entry=indirect   // JNA calls it through a function pointer
        stp     x29, x30, [sp, -112]!
        mov     x29, sp
        stp     x19, x20, [sp, 16]
        stp     x21, x22, [sp, 32]
        stp     x23, x24, [sp, 48]
        stp     x25, x26, [sp, 64]
        stp     x27, x28, [sp, 80]
        str     d8, [sp, 96]
        mov     x19, 0x1111111111111111
        mov     x20, 0x2222222222222222
        mov     x21, 0x3333333333333333
        mov     x22, 0x4444444444444444
        mov     x23, 0x6666666666666666
        mov     x24, 0x7777777777777777
        mov     x25, 0x8888888888888888
        mov     x26, 0x9999999999999999
        mov     x27, 0xcccccccccccccccc
        mov     x28, 0xeeeeeeeeeeeeeeee
        mov     x9, 0x5555555555555555
        fmov    d8, x9
        bl      sv_sched_run
        mov     x9, 0
        CHECK   x19, 0x1111111111111111, 0
        CHECK   x20, 0x2222222222222222, 1
        CHECK   x21, 0x3333333333333333, 2
        CHECK   x22, 0x4444444444444444, 3
        CHECK   x23, 0x6666666666666666, 4
        CHECK   x24, 0x7777777777777777, 5
        CHECK   x25, 0x8888888888888888, 6
        CHECK   x26, 0x9999999999999999, 7
        CHECK   x27, 0xcccccccccccccccc, 8
        CHECK   x28, 0xeeeeeeeeeeeeeeee, 9
        fmov    x12, d8
        CHECK   x12, 0x5555555555555555, 10
        mov     x0, x9
        ldr     d8, [sp, 96]
        ldp     x27, x28, [sp, 80]
        ldp     x25, x26, [sp, 64]
        ldp     x23, x24, [sp, 48]
        ldp     x21, x22, [sp, 32]
        ldp     x19, x20, [sp, 16]
        ldp     x29, x30, [sp], 112
        ret
        SV_END  sv_sched_run_checked

        .section .note.GNU-stack,"",%progbits
