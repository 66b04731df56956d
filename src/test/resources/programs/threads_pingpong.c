/* Three threads at once, each a swapcontext ping-pong of its own (3 rounds: 6 switches, all in
 * libc's swapcontext, whose int3 they share). A barrier lets them go together. Prints each thread's
 * id, for the tests to count the switches of each.
 * Build: cc -O1 -pthread threads_pingpong.c */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define THREADS 3
#define ROUNDS 3
#define STACK (64 * 1024)

static pthread_barrier_t barrier;
static __thread ucontext_t main_context, co_context;

static void coroutine(void) {
    for (int i = 0; i < ROUNDS; i++) {
        swapcontext(&co_context, &main_context);
    }
}

static void *pingpong(void *unused) {
    char *stack = malloc(STACK);
    printf("thread 0x%lx\n", (unsigned long)syscall(SYS_gettid));
    fflush(stdout);
    getcontext(&co_context);
    co_context.uc_stack.ss_sp = stack;
    co_context.uc_stack.ss_size = STACK;
    co_context.uc_link = &main_context;
    makecontext(&co_context, coroutine, 0);
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < ROUNDS; i++) {
        swapcontext(&main_context, &co_context);
    }
    return unused;
}

int main(void) {
    pthread_t threads[THREADS];
    pthread_barrier_init(&barrier, NULL, THREADS);
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&threads[i], NULL, pingpong, NULL);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    puts("done");
    return 0;
}
