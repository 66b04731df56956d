package dev.stackviz.machine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Internal: ptrace(2) and waitpid(2), as the tracer thread calls them (glibc's wrappers). */
interface Ptrace extends Library {

    Ptrace INSTANCE = Native.load("c", Ptrace.class);

    /** include/uapi/linux/ptrace.h and arch/x86/include/uapi/asm/ptrace-abi.h */
    long PTRACE_PEEKUSER = 3;
    long PTRACE_POKEUSER = 6;
    long PTRACE_CONT = 7;
    long PTRACE_SINGLESTEP = 9;
    long PTRACE_GETREGS = 12;
    long PTRACE_DETACH = 17;
    long PTRACE_GETSIGINFO = 0x4202;
    long PTRACE_SEIZE = 0x4206;
    long PTRACE_INTERRUPT = 0x4207;
    /** The tracee gets SIGKILL if the tracer goes: no child is ever left stopped behind a dead app. */
    long PTRACE_O_EXITKILL = 0x100000;
    /** offsetof(struct user, u_debugreg) on x86-64 (sys/user.h): DR0..DR7 follow, 8 bytes each. */
    long DEBUGREG_OFFSET = 848;
    /** waitpid: wait for a thread that is not a process's main one too (include/uapi/linux/wait.h). */
    int WALL = 0x40000000;
    int WNOHANG = 1;
    /** sizeof(struct user_regs_struct): 27 registers of 8 bytes. */
    int REGS_SIZE = 27 * 8;
    /** sizeof(siginfo_t) */
    int SIGINFO_SIZE = 128;

    /** long ptrace(enum __ptrace_request, pid_t, void *addr, void *data); errno is set on failure. */
    long ptrace(long request, int pid, Pointer addr, Pointer data);

    int waitpid(int pid, int[] status, int options);
}
