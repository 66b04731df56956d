/* A line printed without fflush, then a crash: through a pipe stdio holds the line in its buffer
 * and it dies with it; through a terminal it is written at the newline. Build: cc -O1 unflushed.c */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    printf("stdout is a terminal: %s\n", isatty(1) ? "yes" : "no");
    *(volatile int *)16 = 0;
    return 0;
}
