/* A ping-pong of two contexts through glibc's swapcontext: the switches are inside libc
 * (mov rsp, [rdx+0xa0] in swapcontext). It prints its coroutine's stack, for the tests to check. */
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>

#define ROUNDS 3
#define STACK (64 * 1024)

static ucontext_t main_context, co_context;

static void coroutine(void) {
    for (int i = 0; i < ROUNDS; i++) {
        swapcontext(&co_context, &main_context);
    }
}

int main(void) {
    char *stack = malloc(STACK);
    printf("costack 0x%lx\nsize 0x%x\ncoroutine 0x%lx\n", (unsigned long)stack, STACK, (unsigned long)coroutine);
    fflush(stdout);
    getcontext(&co_context);
    co_context.uc_stack.ss_sp = stack;
    co_context.uc_stack.ss_size = STACK;
    co_context.uc_link = &main_context;
    makecontext(&co_context, coroutine, 0);
    for (int i = 0; i < ROUNDS; i++) {
        swapcontext(&main_context, &co_context);
    }
    puts("done");
    return 0;
}
