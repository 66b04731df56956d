/* The seed's jump in C: a 48-byte heap buffer becomes a stack, hello's address at aligned-16, then
 * mov rsp, [ctx]; ret. It prints its own addresses first, for the tests to check what the tracer saw.
 * Build: cc -O1 -masm=intel -Wl,-z,now seed_jump.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void hello(void) {
    static const char message[] = "I LOVE WAKING UP ON A NEW STACK!\n";
    /* a raw write(2): a 48-byte stack has no room for a libc call */
    __asm__ volatile("syscall" : : "a"(1), "D"(1), "S"(message), "d"(sizeof message - 1) : "rcx", "r11", "memory");
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
