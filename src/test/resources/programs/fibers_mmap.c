/* Four fibers on 2 MiB stacks cut from one mmap, switched round robin by a small asm switch:
 * main -> 0 -> 1 -> 2 -> 3 -> main. Fiber stacks share one anonymous mapping: the tracer must see
 * the switches between them by how far rsp moved. It prints the mapping and each fiber's entry rsp. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define FIBERS 4
#define STACK (2u << 20)

/* switch_to(save, next): pushes the callee-saved registers, saves rsp at *save, loads next, pops, ret */
void switch_to(uintptr_t *save, uintptr_t next);
__asm__(".text\n.globl switch_to\n.type switch_to, @function\nswitch_to:\n"
        "push rbp\npush rbx\npush r12\npush r13\npush r14\npush r15\n"
        "mov [rdi], rsp\nmov rsp, rsi\n"
        "pop r15\npop r14\npop r13\npop r12\npop rbx\npop rbp\nret\n.size switch_to, .-switch_to\n");

static uintptr_t saved[FIBERS + 1];

static void fiber(void) {
    /* which fiber: from where its stack is */
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    for (int i = 0; i < FIBERS; i++) {
        if (here < saved[i] + 4096 && here > saved[i] - STACK) {
            switch_to(&saved[i], i + 1 < FIBERS ? saved[i + 1] : saved[FIBERS]);
        }
    }
    for (;;) {
    }
}

int main(void) {
    uint8_t *stacks = mmap(NULL, FIBERS * STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("stacks 0x%lx\n", (unsigned long)stacks);
    for (int i = 0; i < FIBERS; i++) {
        uintptr_t *top = (uintptr_t *)(stacks + (i + 1) * (uintptr_t)STACK);
        *--top = 0;                   /* the fiber's return address slot: aligned for a call */
        *--top = (uintptr_t)fiber;   /* what switch_to's ret pops */
        for (int r = 0; r < 6; r++) {
            *--top = 0;               /* the callee-saved registers it pops */
        }
        saved[i] = (uintptr_t)top;
        printf("fiber%d 0x%lx\n", i, (unsigned long)top);
    }
    fflush(stdout);
    switch_to(&saved[FIBERS], saved[0]);
    return 0;
}
