/* The seed's jump in C on a second thread: main starts it and waits. Prints its own addresses. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void hello(void) {
    for (;;) {
    }
}

static void *jump(void *unused) {
    uint8_t *buffer = malloc(48);
    uintptr_t aligned = ((uintptr_t)buffer + 48) & ~(uintptr_t)15;
    *(uintptr_t *)(aligned - 16) = (uintptr_t)hello;
    uintptr_t ctx = aligned - 16;
    printf("hello 0x%lx\nrsp 0x%lx\n", (unsigned long)hello, (unsigned long)ctx);
    fflush(stdout);
    __asm__ volatile("mov rsp, [%0]\n\tret" : : "r"(&ctx) : "memory");
    return unused;
}

int main(void) {
    pthread_t thread;
    puts("main");
    fflush(stdout);
    pthread_create(&thread, NULL, jump, NULL);
    pthread_join(thread, NULL);
    return 0;
}
