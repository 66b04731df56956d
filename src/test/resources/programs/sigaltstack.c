/* A signal handled on its own stack (sigaltstack, SA_ONSTACK): the kernel moves rsp there to run the
 * handler, and rt_sigreturn moves it back. No instruction of the program writes rsp for either: the
 * breakpoints cannot see these switches, single-stepping every instruction (--exhaustive) does.
 * It prints the alternate stack's start and size and a local of main's, then, from the handler, the
 * address of one of the handler's locals. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define ALT_SIZE (64 * 1024)

static void handler(int signal) {
    volatile int local = signal;
    printf("handler 0x%lx\n", (unsigned long)&local);
    fflush(stdout);
}

int main(void) {
    void *alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    stack_t ss = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    volatile int here = 0;
    printf("alt 0x%lx\nsize 0x%x\nmain 0x%lx\n", (unsigned long)alt, ALT_SIZE, (unsigned long)&here);
    fflush(stdout);
    raise(SIGUSR1);
    printf("back\n");
    return 0;
}
