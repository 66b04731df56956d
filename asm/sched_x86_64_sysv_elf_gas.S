/*
 * sched_x86_64_sysv_elf_gas.S: green threads, the next step of the seed's quest. Several fibers,
 * each on its own small heap stack prepared exactly as the seed prepares one, switched round
 * robin by sv_swap: a yield saves the fiber's callee-saved registers and rsp into its context and
 * loads the next runnable fiber's.
 *
 * C prototypes:
 *     uint64_t sv_sched_run(struct sv_sched *sched);
 *         Carries the fibers on the calling thread until every fiber is done, or the UI asks to
 *         stop (SCHED_MODE = SCHED_STOP); then returns, on the caller's own stack, the number of
 *         switches made. Every blockable signal is blocked while the thread is on a fiber's stack
 *         (a handler's frame would not fit in 16 bytes); -errno if the mask could not be set.
 *     uint64_t sv_sched_run_checked(struct sv_sched *sched);
 *         The same with known values in rbx, rbp, r12-r15 around it: returns 0 if every one came
 *         back intact, else a bit per register that did not (for the tests).
 *
 * Registers while a fiber runs (sv_swap loads them from its context, the setup wrote them):
 *     rbx = struct sv_fiber *      r12 = struct sv_sched *
 *
 * A fiber's stack, from its aligned top down (sv_layout.h):
 *     aligned - 8  .. aligned - 1    sv_fiber_finish: where the body's ret lands (the book's guard)
 *     aligned - 16 .. aligned - 9    sv_fiber_body at first (sv_swap's pop + jmp starts it there);
 *                                    then the return address each call (format, yield) leaves
 *
 * Stepping: in SCHED_STEP mode every switch waits until the UI has released one (SCHED_GATE, a
 * futex word the UI increments and wakes); no callback into Java, no stack for it.
 */
#if !defined(__x86_64__) || !defined(__ELF__)
#error "stackviz's scheduler is x86-64 System V ELF assembly: it cannot be built for this target"
#endif

#include "sv_layout.h"
#include "sv_macros.h"

#define FUTEX_WAIT_PRIVATE   128   /* FUTEX_WAIT | FUTEX_PRIVATE_FLAG (include/uapi/linux/futex.h) */

        .intel_syntax noprefix

        .section .rodata
fiber_word:
        .ascii  "fiber "

        .text

/*
 * A fiber's function: count, write a line (unless quiet), yield; after FIB_ROUNDS rounds, return
 * to whatever its stack says called it: sv_fiber_finish.
 */
        SV_FUNC sv_fiber_body, entry=indirect   # a fresh fiber starts here from sv_swap's jmp rcx
        add     qword ptr [rbx + FIB_COUNTER], 1
        cmp     qword ptr [r12 + SCHED_QUIET], 0
        jne     1f
        call    sv_fiber_format                 # rdx = the line's length, at [rbx + FIB_LINE]
        mov     eax, SYS_write                  # write(sched->fd, fiber->line, rdx): the kernel uses no user stack
        mov     rdi, [r12 + SCHED_FD]
        lea     rsi, [rbx + FIB_LINE]
        syscall
1:      call    sv_fiber_yield                  # leaves its return address at aligned-16: sv_swap saves rsp there
        mov     rax, [rbx + FIB_COUNTER]
        cmp     rax, [rbx + FIB_ROUNDS]
        jb      sv_fiber_body
        ret                                     # pops aligned-8: sv_fiber_finish
        SV_END  sv_fiber_body

/* The book's guard: a fiber whose function returned lands here. It is done; switch on for good. */
        SV_FUNC sv_fiber_finish                 # direct: entered by the body's ret, which IBT does not check
        mov     qword ptr [rbx + FIB_STATE], FIBER_DONE
        jmp     sv_fiber_yield                  # nothing ever switches back to a done fiber
        SV_END  sv_fiber_finish

/* "fiber N: C\n" into fiber->line, C in decimal; rdx = its length. Uses caller-saved registers only. */
        SV_FUNC sv_fiber_format, visibility=hidden   # direct, and only from here: not exported
        mov     eax, dword ptr [rip + fiber_word]     # "fibe"
        mov     dword ptr [rbx + FIB_LINE], eax
        movzx   eax, word ptr [rip + fiber_word + 4]  # "r "
        mov     word ptr [rbx + FIB_LINE + 4], ax
        mov     rax, [rbx + FIB_INDEX]
        add     eax, '1'
        mov     byte ptr [rbx + FIB_LINE + 6], al
        mov     word ptr [rbx + FIB_LINE + 7], 0x203a # ": "
        mov     rax, [rbx + FIB_COUNTER]              # digits, last first, into the end of the line
        lea     rsi, [rbx + FIB_LINE + FIB_LINE_SIZE - 1]
        mov     byte ptr [rsi], 10                    # "\n"
        mov     ecx, 10
2:      xor     edx, edx
        div     rcx
        add     dl, '0'
        dec     rsi
        mov     byte ptr [rsi], dl
        test    rax, rax
        jnz     2b
        lea     rdi, [rbx + FIB_LINE + 9]             # move them up behind "fiber N: "
        lea     rcx, [rbx + FIB_LINE + FIB_LINE_SIZE]
        sub     rcx, rsi                              # digits + the newline
        lea     rdx, [rcx + 9]
        rep movsb
        ret
        SV_END  sv_fiber_format

/*
 * sv_fiber_yield (from a fiber, by call) and the scheduler's first switch (from sv_sched_run, by
 * call): pick the next runnable fiber after the current one, round robin (the thread's own stack
 * when every fiber is done or the UI asked to stop), wait for the UI's permit in step mode, note
 * the switch, and jmp to sv_swap, which saves rsp where it points now: at this call's return address.
 * Its three `shl ..., 7` turn a fiber's index into its offset in sv_sched: index * FIB_SIZE.
 */
        .if FIB_SIZE != 128
        .error "FIB_SIZE is no longer 128 (1 << 7): sv_fiber_yield's shifts by 7 must change with it"
        .endif
        SV_FUNC sv_fiber_yield                  # direct: called by the body and by sv_sched_run
        mov     rcx, [r12 + SCHED_COUNT]
        mov     rax, [r12 + SCHED_CURRENT]
        mov     rdx, rcx                        # candidates left
3:      inc     rax
        cmp     rax, rcx
        jb      4f
        xor     eax, eax
4:      mov     r8, rax
        shl     r8, 7                           # * FIB_SIZE
        cmp     qword ptr [r12 + SCHED_FIBERS + r8 + FIB_STATE], FIBER_DONE
        jne     5f
        dec     rdx
        jnz     3b
        mov     rax, -1                         # every fiber is done: back to the thread
5:      mov     [r12 + SCHED_NEXT], rax
.Lpermit:
        cmp     qword ptr [r12 + SCHED_MODE], SCHED_STOP
        jne     6f
        mov     qword ptr [r12 + SCHED_NEXT], -1       # asked to stop: back to the thread
        jmp     .Lgo
6:      cmp     qword ptr [r12 + SCHED_MODE], SCHED_STEP
        jne     .Lgo
        mov     eax, dword ptr [r12 + SCHED_GATE]
        test    eax, eax
        jnz     .Ltake
        mov     qword ptr [r12 + SCHED_WAITING], 1
        mov     eax, SYS_futex                  # futex(&sched->gate, FUTEX_WAIT_PRIVATE, 0, NULL)
        lea     rdi, [r12 + SCHED_GATE]
        mov     esi, FUTEX_WAIT_PRIVATE
        xor     edx, edx                        # sleep only while the word is still 0
        xor     r10d, r10d                      # no timeout
        syscall
        jmp     .Lpermit                        # woken: a permit, or a new mode
.Ltake:
        lock dec dword ptr [r12 + SCHED_GATE]
.Lgo:
        mov     qword ptr [r12 + SCHED_WAITING], 0
        add     qword ptr [r12 + SCHED_SWITCHES], 1
        mov     rax, [r12 + SCHED_CURRENT]
        mov     [r12 + SCHED_FROM], rax
        lea     rdi, [r12 + SCHED_MAIN]         # rdi = the context to save: the thread's ...
        test    rax, rax
        js      7f
        shl     rax, 7                          # * FIB_SIZE
        lea     rdi, [r12 + SCHED_FIBERS + rax] # ... or the current fiber's
        cmp     qword ptr [rdi + FIB_STATE], FIBER_DONE
        je      7f
        mov     qword ptr [rdi + FIB_STATE], FIBER_READY
7:      mov     rax, [r12 + SCHED_NEXT]
        mov     [r12 + SCHED_TO], rax
        mov     [r12 + SCHED_CURRENT], rax
        lea     rsi, [r12 + SCHED_MAIN]         # rsi = the context to load: the thread's ...
        test    rax, rax
        js      8f
        shl     rax, 7                          # * FIB_SIZE
        lea     rsi, [r12 + SCHED_FIBERS + rax] # ... or the next fiber's
        mov     qword ptr [rsi + FIB_STATE], FIBER_RUNNING
8:      jmp     sv_swap                         # save rdi's context, load rsi's, pop + jmp: the switch
        SV_END  sv_fiber_yield

        SV_FUNC sv_sched_run, entry=indirect    # JNA calls it through a function pointer
        mov     r8, rdi                         # r8 = sched (syscall keeps r8)
        SET_SIGMASK [rip + all_signals], [r8 + SCHED_MASK]   # block all; the thread's mask to sched->mask
        test    rax, rax
        jnz     9f                              # -errno: nothing switched
        push    r12                             # r12 is callee-saved: ours to give back
        mov     r12, r8
        mov     qword ptr [r12 + SCHED_CURRENT], -1
        call    sv_fiber_yield                  # the first switch; back here when the fibers are done or stopped
        SET_SIGMASK [r12 + SCHED_MASK]          # the thread's mask back; pending signals are
                                                # delivered at its syscall, on the thread's own stack
        mov     rax, [r12 + SCHED_SWITCHES]
        pop     r12
9:      ret
        SV_END  sv_sched_run

/* sv_sched_run with known values in the callee-saved registers: 0 if they all came back, else a bit each. */
        SV_FUNC sv_sched_run_checked, entry=indirect   # JNA calls it through a function pointer
        push    rbx
        push    rbp
        push    r12
        push    r13
        push    r14
        push    r15
        sub     rsp, 8                          # (rsp + 8) % 16 == 0 again at the call below
        movabs  rbx, 0x1111111111111111
        movabs  rbp, 0x2222222222222222
        movabs  r12, 0x3333333333333333
        movabs  r13, 0x4444444444444444
        movabs  r14, 0x5555555555555555
        movabs  r15, 0x6666666666666666
        call    sv_sched_run
        xor     eax, eax
        movabs  rcx, 0x1111111111111111
        cmp     rbx, rcx
        je      1f
        or      eax, 1
1:      movabs  rcx, 0x2222222222222222
        cmp     rbp, rcx
        je      2f
        or      eax, 2
2:      movabs  rcx, 0x3333333333333333
        cmp     r12, rcx
        je      3f
        or      eax, 4
3:      movabs  rcx, 0x4444444444444444
        cmp     r13, rcx
        je      4f
        or      eax, 8
4:      movabs  rcx, 0x5555555555555555
        cmp     r14, rcx
        je      5f
        or      eax, 16
5:      movabs  rcx, 0x6666666666666666
        cmp     r15, rcx
        je      6f
        or      eax, 32
6:      add     rsp, 8
        pop     r15
        pop     r14
        pop     r13
        pop     r12
        pop     rbp
        pop     rbx
        ret
        SV_END  sv_sched_run_checked

        .section .note.GNU-stack,"",@progbits
