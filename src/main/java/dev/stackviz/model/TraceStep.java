package dev.stackviz.model;

import java.util.List;

/**
 * One press of i: the instruction executed (or a call stepped over whole), the registers before
 * and after as the CPU had them, and what else happened.
 *
 * @param number   how many steps so far, this one included
 * @param executed the instruction at rip before the step
 * @param before   the registers before it
 * @param after    the registers after it (equal to before when it faulted)
 * @param syscall  the system call it made (executed is a syscall), or null
 * @param over     a call stepped over whole, or null
 * @param fault    the signal the CPU raised instead of completing it, or null
 */
public record TraceStep(long number, Instruction executed, Cpu before, Cpu after, Syscall syscall, StepOver over,
                        Fault fault) {

    /** A system call: its number and name (from rax before), and its result (rax after). */
    public record Syscall(long number, String name, long result) {

        /** The few a target or libc's puts makes; others by number (arch/x86/entry/syscalls/syscall_64.tbl). */
        public static String name(long number) {
            return switch ((int) number) {
                case 0 -> "read";
                case 1 -> "write";
                case 3 -> "close";
                case 5 -> "fstat";
                case 8 -> "lseek";
                case 9 -> "mmap";
                case 10 -> "mprotect";
                case 11 -> "munmap";
                case 12 -> "brk";
                case 13 -> "rt_sigaction";
                case 14 -> "rt_sigprocmask";
                case 16 -> "ioctl";
                case 39 -> "getpid";
                case 60 -> "exit";
                case 186 -> "gettid";
                case 202 -> "futex";
                case 228 -> "clock_gettime";
                case 231 -> "exit_group";
                case 257 -> "openat";
                case 262 -> "newfstatat";
                case 318 -> "getrandom";
                default -> "syscall " + number;
            };
        }
    }

    /** A call out of the target (into libc), single-stepped to its return as one step. */
    public record StepOver(String callee, long instructions, long lowestRsp, List<String> syscalls) {
    }

    /** A fault: the signal (SIGSEGV), its si_code and si_addr, and what the kernel's code means. */
    public record Fault(int signal, int code, long address, String kind) {
    }

    public List<String> changed() {
        return before.changed(after);
    }
}
