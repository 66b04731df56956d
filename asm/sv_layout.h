/*
 * sv_layout.h: the one table of offsets shared by the switch, the targets and the Java side.
 * dev.stackviz.machine.NativeLayout holds the same numbers (and dev.stackviz.model.Experiment the
 * experiments' ones); SwitchLayoutTest reads them back from the library's sv_layout table, so no
 * two copies can drift apart unnoticed.
 */
#ifndef SV_LAYOUT_H
#define SV_LAYOUT_H

/* struct sv_context: one thread's callee-saved state, and its signal mask while it is away. */
#if defined(__aarch64__)
/* AAPCS64 (section 6.1.1): x19-x28, x29 (the frame pointer), x30 (the link register: where `ret`
 * branches; it pops nothing), d8-d15 (the low halves of v8-v15), and sp. */
#define CTX_SP        0x00   /* first, as in the seed's ThreadContext { rsp: u64 } */
#define CTX_X19       0x08   /* the target's block pointer travels here (rbx on x86-64) */
#define CTX_X20       0x10   /* the scheduler's pointer, in a fiber (r12 on x86-64) */
#define CTX_X21       0x18
#define CTX_X22       0x20
#define CTX_X23       0x28
#define CTX_X24       0x30
#define CTX_X25       0x38
#define CTX_X26       0x40
#define CTX_X27       0x48
#define CTX_X28       0x50
#define CTX_X29       0x58
#define CTX_X30       0x60   /* sv_swap's `ret` goes here: a fresh context holds sv_start */
#define CTX_D8        0x68
#define CTX_D10       0x78
#define CTX_D12       0x88
#define CTX_D14       0x98
#define CTX_SIGMASK   0xA8   /* the caller's signal mask while it is away: kernel sigset_t */
#define CTX_SIZE      0xB0
#define CTX_BLOCK     CTX_X19
#define CTX_SCHED     CTX_X20
#else
/* System V AMD64 ABI, section 3.2.1. */
#define CTX_RSP       0x00   /* first, as in the seed's ThreadContext { rsp: u64 } */
#define CTX_R15       0x08
#define CTX_R14       0x10
#define CTX_R13       0x18
#define CTX_R12       0x20   /* the scheduler's pointer, in a fiber */
#define CTX_RBX       0x28   /* the target's block pointer travels here (as in minicoro) */
#define CTX_RBP       0x30
#define CTX_SIGMASK   0x38   /* the caller's signal mask while it is away: kernel sigset_t */
#define CTX_SIZE      0x40
#define CTX_SP        CTX_RSP
#define CTX_BLOCK     CTX_RBX
#define CTX_SCHED     CTX_R12
#endif

/* struct sv_block: what the target and Java share while the target runs. */
#define BLK_STOP      0x00   /* Java writes non-zero: go back to BLK_BACK */
#define BLK_WOKE_RSP  0x08   /* rsp at the target's first instruction */
#define BLK_FD        0x10   /* write end of the pipe Java reads */
#define BLK_BACK      0x18   /* struct sv_context * to resume when asked to stop */
#define BLK_WRITTEN   0x20   /* what write(2) (or puts) returned: byte count or -errno */
#define BLK_CALL_RSP  0x28   /* seed-hello: rsp just before `call puts`, to check the ABI's rule */
#define BLK_SIZE      0x30

/* Where the setup writes the target's address: aligned - this. On x86-64 `ret` pops it and leaves
 * rsp = aligned - 8, as after a call. The misaligned experiment writes 8 bytes lower. On AArch64
 * `ret` pops nothing: `ldr x30, [sp], #16` loads it into the link register and leaves sp = aligned
 * (sp moves in steps of 16 there: it must be 16-aligned at every access through it). */
#define ENTRY_BELOW_TOP             16
#define MISALIGNED_ENTRY_BELOW_TOP  24

/* The target's own frame: entered with rsp = aligned - 8, it keeps one local, the heartbeat,
 * at aligned - 24 (rsp after `sub rsp, 16`). Its lowest byte must lie inside the buffer.
 * On AArch64, entered with sp = aligned, it takes a 32-byte frame (sp stays 16-aligned) and keeps
 * the heartbeat at [sp, #8]: aligned - 24 too. */
#define HELLO_HEARTBEAT_BELOW_TOP 24

/* sv_target_sse reserves 24 bytes (16 of locals + 8 to realign, as a compiler would) and keeps
 * its heartbeat at the new rsp: entered at aligned - 16 (misaligned), that is aligned - 40. */
#define SSE_FRAME                   24
#define MISALIGNED_HEARTBEAT_BELOW_TOP (MISALIGNED_ENTRY_BELOW_TOP - 8 + SSE_FRAME)

/* sv_target_overflow pushes this many 8-byte values from aligned - 8, then keeps its heartbeat in
 * the lowest pushed slot: aligned - 8 - 6 * 8 = aligned - 56. */
#define OVERFLOW_PUSHES             6
#define OVERFLOW_HEARTBEAT_BELOW_TOP (ENTRY_BELOW_TOP - 8 + 8 * OVERFLOW_PUSHES)

/* sv_target_libc_hello keeps its heartbeat where hello does, and goes 8 bytes lower around its
 * calls so that rsp % 16 == 0 at each `call` (the callee then starts with (rsp + 8) % 16 == 0). */
#define LIBC_CALL_PAD               8

/* Green threads (sched_x86_64_sysv_elf_gas.S). struct sv_fiber: one fiber. */
#define FIB_CTX        0x00   /* struct sv_context: what sv_swap saves and loads */
#define FIB_INDEX     (CTX_SIZE + 0x00)   /* 0..count-1 */
#define FIB_COUNTER   (CTX_SIZE + 0x08)   /* rounds done */
#define FIB_ROUNDS    (CTX_SIZE + 0x10)   /* rounds before its function returns */
#define FIB_STATE     (CTX_SIZE + 0x18)   /* FIBER_READY, FIBER_RUNNING, FIBER_DONE */
#define FIB_LINE      (CTX_SIZE + 0x20)   /* the line it writes: "fiber N: count\n" */
#define FIB_LINE_SIZE  0x20
#define FIB_SIZE       (CTX_SIZE + 0x40)

#define FIBER_READY    0
#define FIBER_RUNNING  1
#define FIBER_DONE     2

/* struct sv_sched: the scheduler, and the word the UI releases switches with. */
#define SCHED_MAIN      0x00  /* struct sv_context of the thread that runs the scheduler */
#define SCHED_COUNT    (CTX_SIZE + 0x00)  /* fibers, 1 to SCHED_MAX */
#define SCHED_CURRENT  (CTX_SIZE + 0x08)  /* the running fiber's index; -1: the thread's own stack */
#define SCHED_FD       (CTX_SIZE + 0x10)  /* where the fibers write their lines */
#define SCHED_MODE     (CTX_SIZE + 0x18)  /* SCHED_STEP, SCHED_RUN, SCHED_STOP */
#define SCHED_GATE     (CTX_SIZE + 0x20)  /* step mode: switches the UI allows (a futex word, 32 bits) */
#define SCHED_WAITING  (CTX_SIZE + 0x28)  /* 1 while the scheduler waits at the gate */
#define SCHED_SWITCHES (CTX_SIZE + 0x30)  /* switches made */
#define SCHED_FROM     (CTX_SIZE + 0x38)  /* the last switch: from this index (-1: the thread) */
#define SCHED_TO       (CTX_SIZE + 0x40)  /* ... to this one */
#define SCHED_QUIET    (CTX_SIZE + 0x48)  /* 1: the fibers do not write (the benchmark) */
#define SCHED_MASK     (CTX_SIZE + 0x50)  /* the thread's signal mask while it carries the fibers */
#define SCHED_NEXT     (CTX_SIZE + 0x58)  /* the picked index, while waiting at the gate */
#define SCHED_FIBERS   (CTX_SIZE + 0x80)  /* struct sv_fiber[SCHED_MAX] */
#define SCHED_MAX       4
#define SCHED_SIZE      (SCHED_FIBERS + SCHED_MAX * FIB_SIZE)

#define SCHED_STEP      0
#define SCHED_RUN       1
#define SCHED_STOP      2

/* A fiber's stack, prepared as the seed prepares one: the entry (sv_fiber_body) at aligned-16,
 * and above it, at aligned-8, the finishing routine's address (sv_fiber_finish, the book's guard)
 * that the body's ret lands in. The deepest a fiber writes is one return address at aligned-16. */
#define FIBER_FINISH_BELOW_TOP  8
#define FIBER_FRAMES            16

/* The seed's message, once for every target (and read back by the Java side: sv_message). */
#define SV_MESSAGE "I LOVE WAKING UP ON A NEW STACK!"

#ifdef __ASSEMBLER__  /* C has these from <sys/syscall.h> and <signal.h> */
#if defined(__aarch64__)
/* Linux AArch64 system call numbers (include/uapi/asm-generic/unistd.h): svc #0, number in x8. */
#define SYS_write            64
#define SYS_rt_sigprocmask   135
#define SYS_futex            98
#else
/* Linux x86-64 system call numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
#define SYS_write            1
#define SYS_rt_sigprocmask   14
#define SYS_futex            202
#endif
#define SIG_SETMASK          2   /* include/uapi/asm-generic/signal-defs.h */
#endif
#define KERNEL_SIGSET_SIZE   8   /* _NSIG / 8, on x86-64 and on AArch64 */

#endif
