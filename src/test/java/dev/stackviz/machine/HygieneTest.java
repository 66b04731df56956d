package dev.stackviz.machine;

import dev.stackviz.machine.inprocess.NativeSwitchTest;
import dev.stackviz.machine.isolated.IsolatedMachineTest;

import dev.stackviz.machine.inprocess.NativeMachine;
import dev.stackviz.machine.isolated.IsolatedMachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.model.Experiment;
import dev.stackviz.model.StackSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No executable stack, no writable-and-executable mapping of ours, no JNA callbacks, and no file
 * left behind by an isolated child, however it ends.
 */
class HygieneTest {

    static final Path LIBRARY = Path.of("target/classes/linux-x86-64/libstackviz.so");

    static final Path ARM64_LIBRARY = Path.of("target/classes/linux-aarch64/libstackviz.so");

    /** Built where the build can make it; a CI run must have both (.ci/run installs the cross compiler). */
    static void assumeBuilt(Path library) {
        if (System.getenv("CI") != null) {
            assertTrue(Files.exists(library), library + " was not built");
        }
        assumeTrue(Files.exists(library), library + " is built on Linux x86-64, the arm64 one with aarch64-linux-gnu-gcc");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"target/classes/linux-x86-64/libstackviz.so", "target/classes/linux-aarch64/libstackviz.so"})
    void bundledLibraryAsksForNoExecutableStack(String library) throws Exception {
        assumeBuilt(Path.of(library));
        Process readelf = new ProcessBuilder("readelf", "-lhW", library).redirectErrorStream(true).start();
        String out = new String(readelf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, readelf.waitFor());
        String stack = out.lines().filter(l -> l.contains("GNU_STACK")).findFirst().orElseThrow();
        assertTrue(stack.trim().matches("GNU_STACK(\\s+0x0+){5}\\s+RW\\s+0x10"), stack);
        assertFalse(out.lines().anyMatch(l -> l.contains("LOAD") && l.contains("RWE")), out);
        String machine = out.lines().filter(l -> l.trim().startsWith("Machine:")).findFirst().orElseThrow();
        assertTrue(machine.contains(library.contains("aarch64") ? "AArch64" : "X86-64"), machine);
    }

    @Test
    void noMappingOfOursIsWritableAndExecutableAndTheStackIsNotExecutable() throws Exception {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            machine.writeEntry();
            machine.writeContext();
            Run run = machine.switchTo(text -> { });
            NativeSwitchTest.awaitHeartbeatAbove(run, 0);
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            for (String line : maps) {
                if (line.contains("stackviz") || line.contains("jnidispatch")) {
                    assertFalse(line.split("\\s+")[1].matches("rwx."), line);
                }
            }
            String stack = mappingOf(maps, machine.layout().base());
            assertEquals("rw-p", stack.split("\\s+")[1], "the 48-byte stack lives in plain data memory: " + stack);
            NativeSwitchTest.stop(run);
        }
    }

    @Test
    void noClassOfOursIsAJnaCallback() throws IOException {
        try (Stream<Path> classes = Files.walk(Path.of("target/classes/dev/stackviz"))) {
            List<Path> callbacks = classes.filter(p -> p.toString().endsWith(".class")).filter(HygieneTest::mentionsCallback)
                    .toList();
            assertEquals(List.of(), callbacks);
        }
    }

    @Test
    void shadowStacksAreSeenInProcStatus(@TempDir Path dir) throws IOException {
        Path on = Files.writeString(dir.resolve("on"), "Name:\tjava\nx86_Thread_features:\tshstk wrss\n");
        Path off = Files.writeString(dir.resolve("off"), "Name:\tjava\nx86_Thread_features:\t\n");
        assertTrue(Machines.shadowStackEnabled(on));
        assertFalse(Machines.shadowStackEnabled(off));
        assertFalse(Machines.shadowStackEnabled(dir.resolve("missing")));
    }

    /**
     * A JVM removes its attach socket (/tmp/.java_pidPID) and its perf data
     * (/tmp/hsperfdata_USER/PID) only when it exits by itself; a child ended by SIGTERM under -Xrs,
     * by SIGKILL or by SIGSEGV never does. /tmp is shared, so only files named after this child count.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Ending.class)
    void anIsolatedChildLeavesNoFileBehind(Ending ending, @TempDir Path jnaTemp) throws Exception {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        String before = System.getProperty("jna.tmpdir");
        System.setProperty("jna.tmpdir", jnaTemp.toString()); // handed on to the child, which unpacks JNA there
        long pid;
        try {
            pid = ending.run();
        } finally {
            restore("jna.tmpdir", before);
        }
        IsolatedMachineTest.assertGone(pid);
        assertEquals(List.of(), filesNamedAfter(pid, Path.of(System.getProperty("java.io.tmpdir"))));
        try (Stream<Path> unpacked = Files.list(jnaTemp)) {
            assertEquals(List.of(), unpacked.toList(), "JNA's unpacked copies");
        }
    }

    /** The ways a child ends; each returns the child's pid once it is ended. */
    enum Ending {
        CLOSED_BEFORE_THE_SWITCH {
            @Override
            long run() throws Exception {
                try (IsolatedMachine machine = IsolatedMachineTest.open(Experiment.NONE, false)) {
                    return machine.pid();
                }
            }
        },
        SIGTERM_AFTER_THE_SWITCH {
            @Override
            long run() throws Exception {
                return stopped(false);
            }
        },
        SIGKILL_AFTER_SIGTERM_IS_IGNORED {
            @Override
            long run() throws Exception {
                return stopped(true);
            }
        },
        SIGSEGV_OF_THE_MISALIGNED_TARGET {
            @Override
            long run() throws Exception {
                try (IsolatedMachine machine = IsolatedMachineTest.open(Experiment.MISALIGNED, false)) {
                    Run run = IsolatedMachineTest.switchAndHello(machine, new StringBuffer());
                    assertTrue(run.awaitReturn(Duration.ofSeconds(10)));
                    return machine.pid();
                }
            }
        };

        abstract long run() throws Exception;

        private static long stopped(boolean ignoreSigterm) throws Exception {
            try (IsolatedMachine machine = IsolatedMachineTest.open(Experiment.NONE, ignoreSigterm)) {
                Run run = IsolatedMachineTest.switchAndHello(machine, new StringBuffer());
                run.requestStop();
                assertTrue(run.awaitReturn(Duration.ofSeconds(10)));
                return machine.pid();
            }
        }
    }

    /** Files in {@code dir} or one level down whose name ends in the pid (.java_pid123, hsperfdata_root/123). */
    private static List<Path> filesNamedAfter(long pid, Path dir) throws IOException {
        try (Stream<Path> files = Files.find(dir, 2, (p, a) -> p.getFileName().toString().matches("(.*\\D)?" + pid))) {
            return files.toList();
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static boolean mentionsCallback(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("com/sun/jna/Callback");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mappingOf(List<String> maps, long address) {
        for (String line : maps) {
            String[] range = line.split("\\s+")[0].split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16)) {
                return line;
            }
        }
        throw new AssertionError("no mapping holds 0x" + Long.toHexString(address));
    }
}
