/*
 * sv_layout.h: the one table of offsets shared by the switch, the target and the Java side.
 * dev.stackviz.machine.NativeLayout holds the same numbers; SwitchLayoutTest reads them back
 * from the library's sv_layout table, so the two copies cannot drift apart unnoticed.
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
#define BLK_WRITTEN   0x20   /* what write(2) returned: byte count or -errno */
#define BLK_SIZE      0x28

/* The target's own frame: entered with rsp = aligned - 8, it keeps one local, the heartbeat,
 * at aligned - 24 (rsp after `sub rsp, 16`). Its lowest byte must lie inside the buffer. */
#define HELLO_HEARTBEAT_BELOW_TOP 24

#ifdef __ASSEMBLER__  /* C has these from <sys/syscall.h> and <signal.h> */
/* Linux x86-64 system call numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
#define SYS_write            1
#define SYS_rt_sigprocmask   14
#define SIG_SETMASK          2   /* include/uapi/asm-generic/signal-defs.h */
#endif
#define KERNEL_SIGSET_SIZE   8   /* _NSIG / 8 on x86-64 */

#endif
