package dev.stackviz.machine;

import dev.stackviz.machine.inprocess.NativeFibers;
import dev.stackviz.machine.inprocess.NativeMachine;
import dev.stackviz.machine.isolated.IsolatedMachine;
import dev.stackviz.machine.simulated.SimulatedFibers;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.machine.sys.SwitchLibrary;

import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Isa;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Picks the machine: native where the switch can run, simulated elsewhere, with one line why. */
public final class Machines {

    /** The machine, and a one-line note when it is not the native one. */
    public record Choice(Machine machine, String note) {
    }

    private Machines() {
    }

    public static Choice open(StackSpec spec, boolean simulate) {
        String reason = simulate ? "--simulate was given" : whyNoNativeSwitch();
        if (reason == null) {
            try {
                return new Choice(NativeMachine.open(spec), null);
            } catch (RuntimeException | LinkageError e) {
                // e.g. JNA cannot unpack its stub where jna.tmpdir points (a noexec /tmp)
                reason = e instanceof NoNativeSwitch ? e.getMessage() : "the native switch did not load: " + e;
            }
        }
        return simulated(spec, reason);
    }

    private static Choice simulated(StackSpec spec, String reason) {
        return new Choice(new SimulatedMachine(spec), "stackviz: SIMULATED machine: " + reason);
    }

    /** The simulated machine for a stack of {@code size} bytes at {@code misalign}, and why it is used. */
    public static Choice simulated(int size, int misalign, String reason) {
        return simulated(new StackSpec(size, misalign), reason);
    }

    /**
     * A child process that makes the seed's one-way jump, running {@code experiment}; where the
     * native switch cannot run, the simulated machine and a note.
     */
    public static Choice openIsolated(StackSpec spec, Experiment experiment, Duration grace) {
        String reason = whyNoIsolatedChild();
        if (reason == null) {
            try {
                IsolatedMachine machine = IsolatedMachine.open(spec, experiment, grace, false);
                String problem = machine.memoryProblem();
                return new Choice(machine, problem == null ? null
                        : "stackviz: " + problem + "; showing the child's own report from before the switch");
            } catch (IOException e) {
                reason = "the isolated child did not start: " + e.getMessage();
            }
        }
        return new Choice(new SimulatedMachine(spec), "stackviz: SIMULATED machine: " + reason);
    }

    /** Green threads, and a one-line note when they are not the native ones. */
    public record FibersChoice(FibersMachine machine, String note) {
    }

    /** {@code count} fibers on stacks of {@code size} bytes, native where the switch can run. */
    public static FibersChoice openFibers(int count, int size, long rounds, boolean simulate) {
        String reason = simulate ? "--simulate was given" : whyNoNativeSwitch();
        if (reason == null) {
            try {
                return new FibersChoice(NativeFibers.open(count, size, rounds), null);
            } catch (RuntimeException | LinkageError e) {
                reason = e instanceof NoNativeSwitch ? e.getMessage() : "the native switch did not load: " + e;
            }
        }
        return new FibersChoice(new SimulatedFibers(count, size, rounds), "stackviz: SIMULATED machine: " + reason);
    }

    /**
     * Starts loading the native library (and JNA) on a thread of its own, at once: it takes longer
     * than anything else before the first frame, and whoever needs it next waits only for the rest.
     */
    public static void preload() {
        Thread loader = new Thread(() -> {
            try {
                if (whyNoNativeSwitch() == null) {
                    SwitchLibrary.load();
                }
            } catch (RuntimeException | LinkageError e) {
                // whoever needs it will try again, and say why it failed
            }
        }, "stackviz-preload");
        loader.setDaemon(true);
        loader.start();
    }

    /** Null where the native switch can run; else why not, in a few words. */
    public static String whyNoNativeSwitch() {
        String os = System.getProperty("os.name", "?");
        String arch = System.getProperty("os.arch", "?");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return "the native switch needs Linux on x86-64 or AArch64, this is " + os + " on " + arch;
        }
        if (shadowStackEnabled(Path.of("/proc/self/status"))) {
            return "shadow stacks are on (x86_Thread_features: shstk), and a forged ret would fault";
        }
        return null;
    }

    /**
     * Null where the isolated child and its instruction walk can run; else why not. They are x86-64
     * code: the child's experiments are x86-64 assembly, and the walk reads x86-64 registers.
     */
    public static String whyNoIsolatedChild() {
        String why = whyNoNativeSwitch();
        return why != null ? why : x86Only();
    }

    /**
     * Where the native switch is AArch64's: why the isolated child and its instruction walk do not run
     * here (asked for, they are refused with this line); null elsewhere.
     */
    public static String x86Only() {
        return Isa.host() == Isa.AARCH64 && whyNoNativeSwitch() == null ? "the isolated child's experiments and its "
                + "instruction walk are x86-64 only (on AArch64 the in-process switch, fibers and bench are real)" : null;
    }

    /** Null where stackviz trace can run (the tracer itself says if ptrace is refused); else why not. */
    public static String whyNoTracer() {
        String why = whyNoNativeSwitch();
        if (why != null && !why.startsWith("shadow stacks")) {
            return why;
        }
        return Isa.host() != Isa.AARCH64 ? null
                : "the tracer reads x86-64 registers and disassembles x86-64 code: on AArch64 it does not run yet"
                + (emulation() == null ? "" : "; and qemu-user, which runs this JVM, implements no ptrace for its guest");
    }

    /**
     * "qemu-user on an x86-64 CPU" where this AArch64 JVM runs in an emulator (the CPU that
     * /proc/cpuinfo describes, which qemu-user passes through from the host, is an x86-64 one); else null.
     */
    public static String emulation() {
        if (Isa.host() != Isa.AARCH64) {
            return null;
        }
        try {
            String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            return cpuinfo.contains("vendor_id") || cpuinfo.contains("GenuineIntel") || cpuinfo.contains("AuthenticAMD")
                    ? "qemu-user on an x86-64 CPU" : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Under qemu-user the JVM starts a child process (stty, for the terminal's size and mode) through
     * its jspawnhelper, an AArch64 program, which the host kernel cannot run where no binfmt_misc
     * handler hands it to qemu: "Failed to exec spawn helper", and the view does not open. Forked
     * instead, the JVM execs the program itself, a host one. Called first, before any process starts;
     * a launch mechanism the user chose stays.
     */
    public static void spawnUnderEmulation() {
        if (emulation() != null && System.getProperty("jdk.lang.Process.launchMechanism") == null) {
            System.setProperty("jdk.lang.Process.launchMechanism", "FORK");
        }
    }

    static boolean shadowStackEnabled(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("x86_Thread_features:") && line.contains("shstk")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
