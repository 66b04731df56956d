/* The seed's jump in C, but hello calls libc (puts): linked lazily (-z lazy), that first call goes
 * through the dynamic linker's resolver, which needs about 2.5 KB of stack, on a 48-byte one.
 * Build: cc -O1 -masm=intel -Wl,-z,lazy lazy_call.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void hello(void) {
    puts("I LOVE WAKING UP ON A NEW STACK!");
    for (;;) {
    }
}

int main(void) {
    uint8_t *buffer = malloc(48);
    uintptr_t top = (uintptr_t)buffer + 48;
    uintptr_t aligned = top & ~(uintptr_t)15;
    *(uintptr_t *)(aligned - 16) = (uintptr_t)hello;
    uintptr_t ctx = aligned - 16;
    printf("hello 0x%lx\nrsp 0x%lx\nbuffer 0x%lx\n", (unsigned long)hello, (unsigned long)ctx,
           (unsigned long)buffer);
    fflush(stdout);
    __asm__ volatile("mov rsp, [%0]\n\tret" : : "r"(&ctx) : "memory");
    return 0;
}
