/*
 * sv_layout.h: the one table of offsets shared by the switch, the targets and the Java side.
 * dev.stackviz.machine.NativeLayout holds the same numbers (and dev.stackviz.model.Experiment the
 * experiments' ones); SwitchLayoutTest reads them back from the library's sv_layout table, so no
 * two copies can drift apart unnoticed.
 */
#ifndef SV_LAYOUT_H
#define SV_LAYOUT_H

/* struct sv_context: one thread's callee-saved state (System V AMD64 ABI, section 3.2.1). */
#define CTX_RSP       0x00   /* first, as in the seed's ThreadContext { rsp: u64 } */
#define CTX_R15       0x08
#define CTX_R14       0x10
#define CTX_R13       0x18
#define CTX_R12       0x20
#define CTX_RBX       0x28   /* the target's block pointer travels here (as in minicoro) */
#define CTX_RBP       0x30
#define CTX_SIGMASK   0x38   /* the caller's signal mask while it is away: kernel sigset_t */
#define CTX_SIZE      0x40

/* struct sv_block: what the target and Java share while the target runs. */
#define BLK_STOP      0x00   /* Java writes non-zero: go back to BLK_BACK */
#define BLK_WOKE_RSP  0x08   /* rsp at the target's first instruction */
#define BLK_FD        0x10   /* write end of the pipe Java reads */
#define BLK_BACK      0x18   /* struct sv_context * to resume when asked to stop */
#define BLK_WRITTEN   0x20   /* what write(2) (or puts) returned: byte count or -errno */
#define BLK_CALL_RSP  0x28   /* seed-hello: rsp just before `call puts`, to check the ABI's rule */
#define BLK_SIZE      0x30

/* Where the setup writes the target's address: aligned - this. `ret` pops it and leaves
 * rsp = aligned - 8, as after a call. The misaligned experiment writes 8 bytes lower. */
#define ENTRY_BELOW_TOP             16
#define MISALIGNED_ENTRY_BELOW_TOP  24

/* The target's own frame: entered with rsp = aligned - 8, it keeps one local, the heartbeat,
 * at aligned - 24 (rsp after `sub rsp, 16`). Its lowest byte must lie inside the buffer. */
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
#define FIB_INDEX      0x40   /* 0..count-1 */
#define FIB_COUNTER    0x48   /* rounds done */
#define FIB_ROUNDS     0x50   /* rounds before its function returns */
#define FIB_STATE      0x58   /* FIBER_READY, FIBER_RUNNING, FIBER_DONE */
#define FIB_LINE       0x60   /* the line it writes: "fiber N: count\n" */
#define FIB_LINE_SIZE  0x20
#define FIB_SIZE       0x80

#define FIBER_READY    0
#define FIBER_RUNNING  1
#define FIBER_DONE     2

/* struct sv_sched: the scheduler, and the word the UI releases switches with. */
#define SCHED_MAIN      0x00  /* struct sv_context of the thread that runs the scheduler */
#define SCHED_COUNT     0x40  /* fibers, 1 to SCHED_MAX */
#define SCHED_CURRENT   0x48  /* the running fiber's index; -1: the thread's own stack */
#define SCHED_FD        0x50  /* where the fibers write their lines */
#define SCHED_MODE      0x58  /* SCHED_STEP, SCHED_RUN, SCHED_STOP */
#define SCHED_GATE      0x60  /* step mode: switches the UI allows (a futex word, 32 bits) */
#define SCHED_WAITING   0x68  /* 1 while the scheduler waits at the gate */
#define SCHED_SWITCHES  0x70  /* switches made */
#define SCHED_FROM      0x78  /* the last switch: from this index (-1: the thread) */
#define SCHED_TO        0x80  /* ... to this one */
#define SCHED_QUIET     0x88  /* 1: the fibers do not write (the benchmark) */
#define SCHED_MASK      0x90  /* the thread's signal mask while it carries the fibers */
#define SCHED_NEXT      0x98  /* the picked index, while waiting at the gate */
#define SCHED_FIBERS    0xC0  /* struct sv_fiber[SCHED_MAX] */
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
/* Linux x86-64 system call numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
#define SYS_write            1
#define SYS_rt_sigprocmask   14
#define SIG_SETMASK          2   /* include/uapi/asm-generic/signal-defs.h */
#endif
#define KERNEL_SIGSET_SIZE   8   /* _NSIG / 8 on x86-64 */

#endif
