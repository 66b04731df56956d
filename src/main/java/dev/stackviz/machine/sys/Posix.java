package dev.stackviz.machine.sys;

import java.io.IOException;

/**
 * The C library's process and thread calls, as the rest of stackviz makes them: no JNA type in
 * sight. (kill(2) is also the terminal's own: Ctrl-Z stops the app as SIGTSTP's default action would.)
 */
public final class Posix {

    /** include/uapi/asm-generic/signal.h */
    public static final int SIGTSTP = 20;
    public static final int SIGSTOP = Libc.SIGSTOP;
    public static final int SIGCONT = Libc.SIGCONT;

    /**
     * util-linux's setsid(1), where it is (an image run with a bare PATH finds it here too). A
     * command run through it is in a session of its own, so the terminal's Ctrl-Z (SIGTSTP to the
     * whole foreground process group) does not stop it half-way while the app waits for it. It does
     * not fork when started from Java (a spawned child leads no group), so the pid stays the command's.
     */
    public static final java.util.Optional<java.nio.file.Path> SETSID = java.util.stream.Stream.of("/usr/bin/setsid",
            "/bin/setsid").map(java.nio.file.Path::of).filter(java.nio.file.Files::isExecutable).findFirst();

    /** {@code command}, run through setsid where there is one. */
    public static java.util.List<String> inOwnSession(java.util.List<String> command) {
        java.util.List<String> all = new java.util.ArrayList<>();
        SETSID.ifPresent(setsid -> all.add(setsid.toString()));
        all.addAll(command);
        return all;
    }

    private Posix() {
    }

    /** Sends {@code signal} to {@code pid}: through libc, or where JNA did not load, through kill(1). */
    public static void kill(long pid, int signal) {
        try {
            Libc.INSTANCE.kill((int) pid, signal);
        } catch (RuntimeException | LinkageError e) {
            try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
            } catch (IOException ignored) {
                // no way to send it: the caller goes on as if it had been continued
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** kill(2) through libc: 0, or -1 (errno set). */
    public static int signal(long pid, int signal) {
        return Libc.INSTANCE.kill((int) pid, signal);
    }

    /** tgkill(2): {@code signal} to one thread of process {@code pid}. */
    public static void signalThread(long pid, int tid, int signal) {
        Libc.INSTANCE.tgkill((int) pid, tid, signal);
    }

    public static int pid() {
        return Libc.INSTANCE.getpid();
    }

    /** The calling thread's kernel thread id. */
    public static int tid() {
        return Libc.INSTANCE.gettid();
    }

    public static long parentPid() {
        return Libc.INSTANCE.getppid();
    }

    /** PR_SET_PDEATHSIG with SIGKILL: this process dies when the thread that started it ends. */
    public static void dieWithParent() {
        Libc.INSTANCE.prctl(Libc.PR_SET_PDEATHSIG, Libc.SIGKILL, 0, 0, 0);
    }

    /** RLIMIT_CORE 0: a crash leaves no core file. */
    public static void noCoreFiles() {
        Libc.INSTANCE.setrlimit(Libc.RLIMIT_CORE, new long[] {0, 0});
    }

    /** SIGTERM is ignored from now on: only SIGKILL ends this process. */
    public static void ignoreSigterm() {
        Libc.INSTANCE.signal(Libc.SIGTERM, Libc.SIG_IGN);
    }

    /** FUTEX_WAKE_PRIVATE on the word at {@code address}: one waiter, if any, looks again. */
    public static void futexWake(long address) {
        Libc.INSTANCE.syscall(Libc.SYS_FUTEX, address, Libc.FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
    }

    /** The kernel's one-letter state of {@code pid} (/proc/PID/stat: R, S, T stopped, t traced, Z...); '?' once it is gone. */
    /** Whether this process's file descriptor {@code fd} is a terminal (2: is stderr one?). */
    public static boolean isTerminal(int fd) {
        return Libc.INSTANCE.isatty(fd) == 1;
    }

    /** The CPUs thread {@code tid} (0: the calling one) may run on, as sched_getaffinity gives them. */
    public static byte[] affinity(int tid) {
        byte[] mask = new byte[128];
        Libc.INSTANCE.sched_getaffinity(tid, mask.length, mask);
        return mask;
    }

    /** Lets thread {@code tid} (0: the calling one) run on the CPUs of {@code mask} only; false if refused. */
    public static boolean setAffinity(int tid, byte[] mask) {
        try {
            Libc.INSTANCE.sched_setaffinity(tid, mask.length, mask);
            return true;
        } catch (com.sun.jna.LastErrorException e) {
            return false; // the thread is gone, or the CPU is not ours (a cpuset)
        }
    }

    /** A mask of one CPU: the one the calling thread runs on now. */
    public static byte[] thisCpu() {
        byte[] mask = new byte[128];
        int cpu = Math.max(0, Libc.INSTANCE.sched_getcpu());
        mask[cpu / 8] = (byte) (1 << (cpu % 8));
        return mask;
    }

    public static char state(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }
}
