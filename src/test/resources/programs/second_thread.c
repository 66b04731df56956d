/* The seed's jump in C on a second thread: main starts it and waits for it (for ever: hello loops).
 * It prints its own addresses and thread id first, for the tests to check what the tracer saw.
 * Build: cc -O1 -masm=intel -pthread -Wl,-z,now second_thread.c */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static void hello(void) {
    static const char message[] = "I LOVE WAKING UP ON A NEW STACK!\n";
    __asm__ volatile("syscall" : : "a"(1), "D"(1), "S"(message), "d"(sizeof message - 1) : "rcx", "r11", "memory");
    for (;;) {
    }
}

static void *jump(void *unused) {
    uint8_t *buffer = malloc(48);
    uintptr_t aligned = ((uintptr_t)buffer + 48) & ~(uintptr_t)15;
    *(uintptr_t *)(aligned - 16) = (uintptr_t)hello;
    uintptr_t ctx = aligned - 16;
    int here;
    printf("thread 0x%lx\nhello 0x%lx\nrsp 0x%lx\nown 0x%lx\n", (unsigned long)syscall(SYS_gettid),
           (unsigned long)hello, (unsigned long)ctx, (unsigned long)&here);
    fflush(stdout);
    __asm__ volatile("mov rsp, [%0]\n\tret" : : "r"(&ctx) : "memory");
    return unused;
}

int main(void) {
    pthread_t thread;
    printf("main 0x%lx\n", (unsigned long)getpid());
    fflush(stdout);
    pthread_create(&thread, NULL, jump, NULL);
    pthread_join(thread, NULL);
    return 0;
}
