package dev.stackviz.machine.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.stackviz.model.Isa;

/** Internal: the few C library calls stackviz makes around the switch. */
interface Libc extends Library {

    Libc INSTANCE = Native.load("c", Libc.class);

    /** include/uapi/asm-generic/fcntl.h */
    int O_CLOEXEC = 0x80000;

    /** include/uapi/asm-generic/errno-base.h */
    int EINTR = 4;

    int pipe2(int[] fds, int flags) throws LastErrorException;

    int close(int fd);

    /** ssize_t read(int, void *, size_t): a Java long is 64 bits, as both are on x86-64. */
    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    int getpid();

    int gettid();

    int tgkill(int tgid, int tid, int signal) throws LastErrorException;

    /** include/uapi/asm-generic/signal.h */
    int SIGSTOP = 19;
    int SIGCONT = 18;

    int kill(int pid, int signal);

    /** long syscall(long number, ...): for futex(2), which glibc does not wrap. */
    long syscall(long number, long arg1, long arg2, long arg3, long arg4, long arg5, long arg6);

    /** futex(2)'s number: arch/x86/entry/syscalls/syscall_64.tbl (202), include/uapi/asm-generic/unistd.h (98, AArch64). */
    long SYS_FUTEX = Isa.host() == Isa.AARCH64 ? 98 : 202;
    int FUTEX_WAKE_PRIVATE = 1 | 128;

    int getppid();

    /** include/uapi/linux/prctl.h */
    int PR_SET_PDEATHSIG = 1;
    int SIGKILL = 9;
    /** include/uapi/asm-generic/resource.h */
    int RLIMIT_CORE = 4;

    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** include/uapi/asm-generic/signal.h; SIG_IGN is the handler value 1. */
    int SIGTERM = 15;
    long SIG_IGN = 1;

    /** sighandler_t signal(int, sighandler_t): handlers are passed and returned as addresses. */
    long signal(int signal, long handler) throws LastErrorException;

    /** struct rlimit { rlim_t cur, max; } as two longs. */
    int setrlimit(int resource, long[] limit) throws LastErrorException;

    /** include/uapi/asm-generic/fcntl.h */
    int O_RDWR = 2;
    int O_NOCTTY = 0x100;

    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    int ptsname_r(int fd, byte[] buffer, long length);

    int open(String path, int flags) throws LastErrorException;

    /** struct termios (60 bytes on Linux x86-64) as bytes: c_oflag is the second int. */
    int tcgetattr(int fd, byte[] termios) throws LastErrorException;

    int tcsetattr(int fd, int when, byte[] termios) throws LastErrorException;

    /** include/uapi/asm-generic/termbits.h: c_oflag's OPOST (output processing, e.g. \n to \r\n). */
    int OPOST = 1;

    /** isatty(3): 1 if {@code fd} is a terminal. */
    int isatty(int fd);

    /** sched_getaffinity(2): the CPUs thread {@code tid} may run on, a bit each. */
    int sched_getaffinity(int tid, long size, byte[] mask) throws LastErrorException;

    /** sched_setaffinity(2). */
    int sched_setaffinity(int tid, long size, byte[] mask) throws LastErrorException;

    /** sched_getcpu(3): the CPU the calling thread runs on. */
    int sched_getcpu();
}
