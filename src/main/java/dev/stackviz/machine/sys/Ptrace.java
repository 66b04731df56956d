package dev.stackviz.machine.sys;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * ptrace(2) and waitpid(2), one typed method per request (glibc's wrappers underneath). The kernel
 * takes a tracee's requests only from the thread that attached: callers keep to one thread
 * (machine.trace's tracer thread). A failed request throws {@link Failed} with its errno.
 */
public final class Ptrace {

    /** include/uapi/linux/ptrace.h and arch/x86/include/uapi/asm/ptrace-abi.h */
    private static final long PTRACE_PEEKDATA = 2;
    private static final long PTRACE_PEEKUSER = 3;
    private static final long PTRACE_POKEDATA = 5;
    private static final long PTRACE_POKEUSER = 6;
    private static final long PTRACE_CONT = 7;
    private static final long PTRACE_SINGLESTEP = 9;
    private static final long PTRACE_GETREGS = 12;
    private static final long PTRACE_DETACH = 17;
    private static final long PTRACE_SETOPTIONS = 0x4200;
    private static final long PTRACE_GETEVENTMSG = 0x4201;
    private static final long PTRACE_GETSIGINFO = 0x4202;
    private static final long PTRACE_SEIZE = 0x4206;
    private static final long PTRACE_INTERRUPT = 0x4207;
    /** sizeof(struct user_regs_struct): 27 registers of 8 bytes. */
    private static final int REGS_SIZE = 27 * 8;
    /** sizeof(siginfo_t) */
    private static final int SIGINFO_SIZE = 128;

    /** The tracee gets SIGKILL if the tracer goes: no thread is ever left stopped behind a dead tracer. */
    public static final long O_EXITKILL = 0x100000;
    /** Stop at each exec (PTRACE_EVENT_EXEC) and attach new threads (PTRACE_EVENT_CLONE). */
    public static final long O_TRACEEXEC = 0x10;
    public static final long O_TRACECLONE = 0x8;
    /** offsetof(struct user_regs_struct, rip): struct user starts with the registers. */
    public static final long RIP_OFFSET = 16 * 8;
    /** offsetof(struct user, u_debugreg) on x86-64 (sys/user.h): DR0..DR7 follow, 8 bytes each. */
    public static final long DEBUGREG_OFFSET = 848;
    /** waitpid: wait for a thread that is not a process's main one too (include/uapi/linux/wait.h). */
    private static final int WALL = 0x40000000;
    private static final int WNOHANG = 1;
    /** include/uapi/asm-generic/errno-base.h */
    public static final int ESRCH = 3;
    private static final int EINTR = 4;

    /** The binding itself. */
    private interface C extends Library {
        C INSTANCE = Native.load("c", C.class);

        /** long ptrace(enum __ptrace_request, pid_t, void *addr, void *data); errno is set on failure. */
        long ptrace(long request, int pid, Pointer addr, Pointer data);

        int waitpid(int pid, int[] status, int options);
    }

    /** A request the kernel refused: which, on which thread, and its errno. */
    public static final class Failed extends RuntimeException {
        private final int errno;

        Failed(String request, int tid, int errno) {
            super(request + " on thread " + tid + " failed: " + errnoText(errno));
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    /** The kernel's siginfo_t for the signal a tracee stopped with (the fields stackviz reads). */
    public record Siginfo(int signal, int code, long address) {
    }

    private Ptrace() {
    }

    /** PTRACE_SEIZE: attach without stopping the thread. */
    public static void seize(int tid, long options) {
        request(PTRACE_SEIZE, "PTRACE_SEIZE", tid, 0, options);
    }

    /** PTRACE_SETOPTIONS: the PTRACE_O_* flags, or'ed. */
    public static void setOptions(int tid, long options) {
        request(PTRACE_SETOPTIONS, "PTRACE_SETOPTIONS", tid, 0, options);
    }

    /** PTRACE_GETEVENTMSG: a ptrace event's message (a new thread's id after PTRACE_EVENT_CLONE). */
    public static long eventMessage(int tid) {
        Memory message = new Memory(8);
        message.clear();
        request(PTRACE_GETEVENTMSG, "PTRACE_GETEVENTMSG", tid, 0, message);
        return message.getLong(0);
    }

    /** PTRACE_PEEKDATA: the word at {@code address} in the tracee. */
    public static long peekData(int tid, long address) {
        Native.setLastError(0);
        long word = C.INSTANCE.ptrace(PTRACE_PEEKDATA, tid, new Pointer(address), null);
        int errno = Native.getLastError();
        if (word == -1 && errno != 0) {
            throw new Failed("PTRACE_PEEKDATA", tid, errno);
        }
        return word;
    }

    /** PTRACE_POKEDATA: writes the word at {@code address} in the tracee (even in code that is not writable). */
    public static void pokeData(int tid, long address, long word) {
        request(PTRACE_POKEDATA, "PTRACE_POKEDATA", tid, address, word);
    }

    /** PTRACE_INTERRUPT: stop a seized thread (it reports a PTRACE_EVENT_STOP). */
    public static void interrupt(int tid) {
        request(PTRACE_INTERRUPT, "PTRACE_INTERRUPT", tid, 0, 0);
    }

    /** PTRACE_CONT, delivering {@code signal} (0: none). */
    public static void cont(int tid, int signal) {
        request(PTRACE_CONT, "PTRACE_CONT", tid, 0, signal);
    }

    /** PTRACE_SINGLESTEP, delivering {@code signal} (0: none). */
    public static void singleStep(int tid, int signal) {
        request(PTRACE_SINGLESTEP, "PTRACE_SINGLESTEP", tid, 0, signal);
    }

    /** PTRACE_DETACH; false if the kernel refused (the thread is gone, or not stopped). */
    public static boolean detach(int tid) {
        return C.INSTANCE.ptrace(PTRACE_DETACH, tid, null, null) != -1;
    }

    /** PTRACE_GETREGS: struct user_regs_struct, as 27 longs in its order. */
    public static long[] regs(int tid) {
        Memory regs = new Memory(REGS_SIZE);
        request(PTRACE_GETREGS, "PTRACE_GETREGS", tid, 0, regs);
        return regs.getLongArray(0, REGS_SIZE / 8);
    }

    /** PTRACE_GETSIGINFO; all zero where the kernel has none to give. */
    public static Siginfo siginfo(int tid) {
        Memory info = new Memory(SIGINFO_SIZE);
        info.clear();
        C.INSTANCE.ptrace(PTRACE_GETSIGINFO, tid, null, info);
        // siginfo_t: si_signo, si_errno, si_code, then (SIGSEGV, SIGBUS) si_addr at 16
        return new Siginfo(info.getInt(0), info.getInt(8), info.getLong(16));
    }

    /** PTRACE_POKEUSER: one word of struct user (a debug register, at DEBUGREG_OFFSET + 8 * n). */
    public static void pokeUser(int tid, long offset, long value, String what) {
        request(PTRACE_POKEUSER, "PTRACE_POKEUSER " + what, tid, offset, value);
    }

    /** PTRACE_PEEKUSER: one word of struct user. */
    public static long peekUser(int tid, long offset) {
        return C.INSTANCE.ptrace(PTRACE_PEEKUSER, tid, new Pointer(offset), null);
    }

    /** waitpid(tid, &status, __WALL), again on EINTR: blocks until the thread's next stop or its end; the raw status. */
    public static int await(int tid) {
        int[] status = new int[1];
        while (true) {
            if (C.INSTANCE.waitpid(tid, status, WALL) == tid) {
                return status[0];
            }
            int errno = Native.getLastError();
            if (errno != EINTR) {
                throw new Failed("waitpid", tid, errno);
            }
        }
    }

    /** waitpid(tid, &status, __WALL | WNOHANG): the raw status, or -1 if there is nothing to report (or no such child). */
    public static int poll(int tid) {
        int[] status = new int[1];
        return C.INSTANCE.waitpid(tid, status, WALL | WNOHANG) == tid ? status[0] : -1;
    }

    private static void request(long request, String name, int tid, long addr, long data) {
        request(request, name, tid, addr, data == 0 ? null : new Pointer(data));
    }

    private static void request(long request, String name, int tid, long addr, Pointer data) {
        long r = C.INSTANCE.ptrace(request, tid, addr == 0 ? null : new Pointer(addr), data);
        if (r == -1) {
            throw new Failed(name, tid, Native.getLastError());
        }
    }

    /** The reason behind an errno from ptrace, in words a user can act on. */
    public static String errnoText(int errno) {
        return switch (errno) {
            case 1 -> "operation not permitted (EPERM: " + whyNotPermitted(yamaScope()) + ")";
            case 3 -> "no such thread (ESRCH)";
            case 5 -> "input/output error (EIO)";
            case 13 -> "permission denied (EACCES)";
            case 38 -> "ptrace is not available (ENOSYS)";
            default -> "errno " + errno;
        };
    }

    /** /proc/sys/kernel/yama/ptrace_scope; -1 where there is no Yama. */
    static int yamaScope() {
        try {
            return Integer.parseInt(java.nio.file.Files.readString(
                    java.nio.file.Path.of("/proc/sys/kernel/yama/ptrace_scope")).strip());
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Why the kernel says EPERM to a tracer of its own child, from Yama's scope (-1: no Yama). */
    static String whyNotPermitted(int yama) {
        return switch (yama) {
            case 3 -> "Yama's kernel.yama.ptrace_scope is 3 here: no process may trace another until reboot";
            case 2 -> "Yama's kernel.yama.ptrace_scope is 2 here: only a tracer with CAP_SYS_PTRACE (root) may trace";
            default -> "a seccomp filter or a container forbids ptrace here (Docker: --cap-add=SYS_PTRACE, or "
                    + "--security-opt seccomp=unconfined)" + (yama < 0 ? "" : "; kernel.yama.ptrace_scope is " + yama);
        };
    }
}
