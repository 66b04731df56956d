/* The seed's jump one slot off: hello's address at aligned-8, so that hello starts with rsp % 16 = 0
 * instead of the 8 the ABI promises. Its frame then holds an aligned SSE store (movaps, as compiled
 * code uses for 16-byte locals), which faults on the misaligned stack. Prints its own addresses. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void hello(void) {
    __asm__ volatile("sub rsp, 24\n\tmovaps [rsp], xmm0\n\tadd rsp, 24" : : : "memory");
    for (;;) {
    }
}

int main(void) {
    uint8_t *buffer = malloc(48);
    uintptr_t top = (uintptr_t)buffer + 48;
    uintptr_t aligned = top & ~(uintptr_t)15;
    *(uintptr_t *)(aligned - 8) = (uintptr_t)hello;
    uintptr_t ctx = aligned - 8;
    printf("hello 0x%lx\nrsp 0x%lx\nbuffer 0x%lx\n", (unsigned long)hello, (unsigned long)ctx,
           (unsigned long)buffer);
    fflush(stdout);
    __asm__ volatile("mov rsp, [%0]\n\tret" : : "r"(&ctx) : "memory");
    return 0;
}
