/*
 * bench.c: what a stack switch costs, timed inside native code over many round trips, so that
 * the cost of the Java call that starts a run is spread over millions of switches.
 *
 * Each function runs `round_trips` round trips (two switches each) and returns nanoseconds per
 * switch, measured with CLOCK_MONOTONIC around the loop:
 *   sv_bench_swap            stackviz's sv_swap (asm/switch_x86_64_sysv_elf_gas.S, switch_arm64_aapcs_elf_gas.S)
 *   sv_bench_minimal         a minimal push/pop switch ending in ret, the usual hand-written one (below)
 *   sv_bench_switch_masked   sv_switch + sv_resume, with their two rt_sigprocmask system calls
 *   sv_bench_swapcontext     glibc's swapcontext (it sets the signal mask on every swap)
 *   sv_bench_threads         two OS threads on one CPU, handing a futex back and forth
 *   sv_bench_sched           the green-thread scheduler's yield: save, pick the next fiber, load
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "sv_layout.h"

/*
 * The library must load on glibc 2.17 (PortabilityTest): bind the thread calls to their original
 * versions (x86-64: GLIBC_2.2.5, AArch64: GLIBC_2.17, its first glibc), not to the GLIBC_2.34 ones
 * that glibc 2.34 gave them when libpthread moved into libc. Newer glibc keeps the old versions
 * for programs linked before; older glibc has only those (in libpthread.so.0, which the JVM has loaded).
 */
#if defined(__aarch64__)
__asm__(".symver pthread_create, pthread_create@GLIBC_2.17");
__asm__(".symver pthread_join, pthread_join@GLIBC_2.17");
#else
__asm__(".symver pthread_create, pthread_create@GLIBC_2.2.5");
__asm__(".symver pthread_join, pthread_join@GLIBC_2.2.5");
#endif

#define COROUTINE_STACK (64 * 1024)

struct sv_context { uint64_t reg[CTX_SIZE / 8]; };

void sv_swap(struct sv_context *save, const struct sv_context *next);
uint64_t sv_switch(struct sv_context *save, const struct sv_context *next);
void sv_resume(const struct sv_context *ctx, uint64_t value);
#if defined(__aarch64__)
void sv_start(void);
#endif

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* The seed's layout on a coroutine stack: entry at top - 16, ctx.rsp = top - 16, nothing above. */
static char *fresh_stack(void (*entry)(void), uint64_t *rsp) {
    char *stack = aligned_alloc(16, COROUTINE_STACK);
    uint64_t top = ((uint64_t) stack + COROUTINE_STACK) & ~(uint64_t) 15;
    *(uint64_t *) (top - 16) = (uint64_t) entry;
    *(uint64_t *) (top - 8) = 0;
    *rsp = top - 16;
    return stack;
}

/* A fresh context for sv_swap: on AArch64 its ret goes to x30, so x30 = sv_start, which takes the
 * entry from the stack; on x86-64 sv_swap pops the entry itself. */
static char *fresh_context(void (*entry)(void), struct sv_context *ctx) {
    char *stack = fresh_stack(entry, &ctx->reg[CTX_SP / 8]);
#if defined(__aarch64__)
    ctx->reg[CTX_X30 / 8] = (uint64_t) sv_start;
#endif
    return stack;
}

/* sv_swap: main and a coroutine hand the CPU back and forth. */
static struct sv_context swap_main, swap_co;

static void swap_coroutine(void) {
    for (;;) {
        sv_swap(&swap_co, &swap_main);
    }
}

double sv_bench_swap(uint64_t round_trips) {
    char *stack = fresh_context(swap_coroutine, &swap_co);
    double start = now_ns();
    for (uint64_t i = 0; i < round_trips; i++) {
        sv_swap(&swap_main, &swap_co);
    }
    double ns = (now_ns() - start) / (2.0 * round_trips);
    free(stack);
    return ns;
}

/* The scheduler's yield (sched_x86_64_sysv_elf_gas.S): two quiet fibers, round robin, free running. */
uint64_t sv_sched_run(void *sched);
void sv_fiber_body(void);
void sv_fiber_finish(void);

double sv_bench_sched(uint64_t round_trips) {
    uint8_t *sched = aligned_alloc(64, SCHED_SIZE);
    char *stacks[2];
    for (int i = 0; i < SCHED_SIZE; i++) {
        sched[i] = 0;
    }
    *(uint64_t *) (sched + SCHED_COUNT) = 2;
    *(uint64_t *) (sched + SCHED_MODE) = SCHED_RUN;
    *(uint64_t *) (sched + SCHED_QUIET) = 1;
    for (int i = 0; i < 2; i++) {
        uint8_t *fiber = sched + SCHED_FIBERS + i * FIB_SIZE;
        struct sv_context *ctx = (struct sv_context *) (fiber + FIB_CTX);
        stacks[i] = fresh_context(sv_fiber_body, ctx);
        *(uint64_t *) (ctx->reg[CTX_SP / 8] + 8) = (uint64_t) sv_fiber_finish;
        ctx->reg[CTX_BLOCK / 8] = (uint64_t) fiber;
        ctx->reg[CTX_SCHED / 8] = (uint64_t) sched;
        *(uint64_t *) (fiber + FIB_INDEX) = i;
        *(uint64_t *) (fiber + FIB_ROUNDS) = round_trips;
    }
    double start = now_ns();
    uint64_t switches = sv_sched_run(sched);
    double ns = (now_ns() - start) / (double) switches;
    free(stacks[0]);
    free(stacks[1]);
    free(sched);
    return ns;
}

/* The minimal switch most tutorials write: push the callee-saved registers, swap rsp, pop. */
void bench_minimal_switch(void **save_rsp, void **next_rsp);
#if defined(__aarch64__)
/* AArch64: store x19-x30 (d8-d15 left out, as the tutorials do) below sp, swap sp, load, ret to x30. */
#define MINIMAL_FRAME_WORDS 12
#define MINIMAL_ENTRY_WORD 1    /* x30's slot: the first ret goes to the coroutine's entry */
#define MINIMAL_FRAME_END 16    /* the first switch leaves sp 16 above the fresh stack's rsp: its top */
__asm__(
    ".text\n"
    ".balign 16\n"
    "bench_minimal_switch:\n"
    "    stp x29, x30, [sp, -96]!\n    stp x19, x20, [sp, 16]\n    stp x21, x22, [sp, 32]\n"
    "    stp x23, x24, [sp, 48]\n    stp x25, x26, [sp, 64]\n    stp x27, x28, [sp, 80]\n"
    "    mov x9, sp\n    str x9, [x0]\n"
    "    ldr x9, [x1]\n    mov sp, x9\n"
    "    ldp x19, x20, [sp, 16]\n    ldp x21, x22, [sp, 32]\n    ldp x23, x24, [sp, 48]\n"
    "    ldp x25, x26, [sp, 64]\n    ldp x27, x28, [sp, 80]\n    ldp x29, x30, [sp], 96\n"
    "    ret\n");
#else
#define MINIMAL_FRAME_WORDS 7
#define MINIMAL_ENTRY_WORD 6    /* above the six popped registers: the return address */
#define MINIMAL_FRAME_END 8     /* the first ret pops the entry at the fresh stack's rsp */
__asm__(
    ".intel_syntax noprefix\n"
    ".text\n"
    ".balign 16\n"
    "bench_minimal_switch:\n"
    "    push rbp\n    push rbx\n    push r12\n    push r13\n    push r14\n    push r15\n"
    "    mov [rdi], rsp\n"
    "    mov rsp, [rsi]\n"
    "    pop r15\n    pop r14\n    pop r13\n    pop r12\n    pop rbx\n    pop rbp\n"
    "    ret\n"
    ".att_syntax prefix\n");
#endif

static void *minimal_main, *minimal_co;

static void minimal_coroutine(void) {
    for (;;) {
        bench_minimal_switch(&minimal_co, &minimal_main);
    }
}

double sv_bench_minimal(uint64_t round_trips) {
    uint64_t rsp;
    char *stack = fresh_stack(minimal_coroutine, &rsp);
    /* zeroed registers for the first loads, and the entry where the first ret takes it from */
    uint64_t *frame = (uint64_t *) (rsp + MINIMAL_FRAME_END) - MINIMAL_FRAME_WORDS;
    for (int i = 0; i < MINIMAL_FRAME_WORDS; i++) {
        frame[i] = 0;
    }
    frame[MINIMAL_ENTRY_WORD] = (uint64_t) minimal_coroutine;
    minimal_co = frame;
    double start = now_ns();
    for (uint64_t i = 0; i < round_trips; i++) {
        bench_minimal_switch(&minimal_main, &minimal_co);
    }
    double ns = (now_ns() - start) / (2.0 * round_trips);
    free(stack);
    return ns;
}

/* sv_switch + sv_resume: what stackviz does around the 48-byte stack, signal mask included. */
static struct sv_context masked_main, masked_co;

static void masked_target(void) {
    sv_resume(&masked_main, 1);
}

double sv_bench_switch_masked(uint64_t round_trips) {
    char *stack = fresh_stack(masked_target, &masked_co.reg[CTX_SP / 8]);
    uint64_t entry_rsp = masked_co.reg[CTX_SP / 8];
    double start = now_ns();
    for (uint64_t i = 0; i < round_trips; i++) {
        masked_co.reg[CTX_SP / 8] = entry_rsp; /* every trip enters the target afresh */
        sv_switch(&masked_main, &masked_co);
    }
    double ns = (now_ns() - start) / (2.0 * round_trips);
    free(stack);
    return ns;
}

/* glibc swapcontext. */
static ucontext_t uc_main, uc_co;

static void uc_coroutine(void) {
    for (;;) {
        swapcontext(&uc_co, &uc_main);
    }
}

double sv_bench_swapcontext(uint64_t round_trips) {
    char *stack = malloc(COROUTINE_STACK);
    getcontext(&uc_co);
    uc_co.uc_stack.ss_sp = stack;
    uc_co.uc_stack.ss_size = COROUTINE_STACK;
    uc_co.uc_link = NULL;
    makecontext(&uc_co, uc_coroutine, 0);
    double start = now_ns();
    for (uint64_t i = 0; i < round_trips; i++) {
        swapcontext(&uc_main, &uc_co);
    }
    double ns = (now_ns() - start) / (2.0 * round_trips);
    free(stack);
    return ns;
}

/* Two OS threads pinned to one CPU: each hand-over is a real context switch by the kernel. */
static _Atomic int turn;
static uint64_t thread_trips;

static void futex_wait(int expected) {
    syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake(void) {
    syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void pin_to_cpu0(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    sched_setaffinity(0, sizeof set, &set);
}

static void *thread_partner(void *unused) {
    (void) unused;
    pin_to_cpu0();
    for (uint64_t i = 0; i < thread_trips; i++) {
        while (atomic_load(&turn) == 0) {
            futex_wait(0);
        }
        atomic_store(&turn, 0);
        futex_wake();
    }
    return NULL;
}

double sv_bench_threads(uint64_t round_trips) {
    cpu_set_t before;
    sched_getaffinity(0, sizeof before, &before);
    thread_trips = round_trips;
    atomic_store(&turn, 0);
    pthread_t partner;
    if (pthread_create(&partner, NULL, thread_partner, NULL) != 0) {
        return -1;
    }
    pin_to_cpu0();
    double start = now_ns();
    for (uint64_t i = 0; i < round_trips; i++) {
        atomic_store(&turn, 1);
        futex_wake();
        while (atomic_load(&turn) == 1) {
            futex_wait(1);
        }
    }
    double ns = (now_ns() - start) / (2.0 * round_trips);
    pthread_join(partner, NULL);
    sched_setaffinity(0, sizeof before, &before); /* give the JVM thread its CPUs back */
    return ns;
}
