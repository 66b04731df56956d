package dev.stackviz.machine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.Machines;
import dev.stackviz.machine.Processes;
import dev.stackviz.model.Cpu;
import dev.stackviz.model.StackLayout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a program the test compiles: the seed's jump in C (src/test/resources/programs),
 * started under the tracer, stopped by an int3 on its {@code mov rsp} and stepped through the
 * switch; every address checked against what the program prints of itself.
 */
@Timeout(60)
class TraceeLaunchTest {

    @BeforeAll
    static void onLinuxX86() {
        Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null);
    }

    @Test
    void theSeedsJumpInCIsCaughtAtItsMovRspAndSteppedOntoTheNewStack(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "seed_jump.c", "-O1", "-masm=intel", "-Wl,-z,now");
        long site = vaddrOf(exe, "mov    rsp,QWORD PTR");

        CompletableFuture<Cpu> hit = new CompletableFuture<>();
        Tracee.Launched launched = Tracee.launch(List.of(exe.toString()), new Tracee.Listener() {
            @Override
            public void breakpoint(long address, Cpu cpu) {
                hit.complete(cpu);
            }

            @Override
            public void ended(WaitStatus end) {
                hit.completeExceptionally(new AssertionError("the program ended: " + end));
            }
        });
        Tracee tracee = launched.tracee();
        try {
            assertEquals('t', Processes.state(launched.pid()), "held at its exec");
            long base = loadBase(launched.pid(), exe);
            long movRsp = base + site;
            tracee.insertBreakpoint(movRsp);
            assertNotEquals((byte) 0xcc, tracee.read(movRsp, 1)[0], "the int3 is hidden from reads");
            tracee.resume();

            Cpu at = hit.get(10, TimeUnit.SECONDS);
            assertEquals(movRsp, at.rip(), "held at the mov rsp, rip set back over the int3");
            Map<String, Long> printed = Programs.printed(launched.output(), 3);
            Cpu moved = assertInstanceOf(Tracee.Step.Done.class, tracee.step()).after();
            assertEquals(printed.get("rsp"), moved.rsp(), "rsp is the context the program set up");
            assertTrue(moved.rsp() >= printed.get("buffer") && moved.rsp() < printed.get("buffer") + 48,
                    "inside the 48-byte buffer");
            assertEquals(printed.get("hello"), StackLayout.fromLittleEndian(tracee.read(moved.rsp(), 8), 0),
                    "the 8 bytes at the new rsp are hello's address");
            Cpu woke = assertInstanceOf(Tracee.Step.Done.class, tracee.step()).after();
            assertEquals(printed.get("hello"), woke.rip(), "ret popped it: the CPU is in hello");
            assertEquals(moved.rsp() + 8, woke.rsp());
            tracee.removeBreakpoint(movRsp);
            tracee.detach();
            BufferedReader out = new BufferedReader(new InputStreamReader(launched.output(), StandardCharsets.UTF_8));
            assertEquals("I LOVE WAKING UP ON A NEW STACK!", out.readLine(), "untraced, hello runs on");
        } finally {
            tracee.close();
            ProcessHandle.of(launched.pid()).ifPresent(ProcessHandle::destroyForcibly);
            assertTrue(launched.shell().waitFor(10, TimeUnit.SECONDS), "the program's shell ends with it");
        }
        assertEquals('?', Processes.state(launched.pid()), "nothing left stopped, traced or running");
    }

    /** The virtual address (in the ELF) of the first instruction whose text contains {@code text}. */
    private static long vaddrOf(Path exe, String text) throws Exception {
        Process objdump = new ProcessBuilder("objdump", "-d", "-M", "intel", "--no-show-raw-insn", exe.toString())
                .start();
        String listing = new String(objdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        objdump.waitFor();
        return listing.lines().filter(l -> l.contains(text)).findFirst()
                .map(l -> Long.parseLong(l.strip().substring(0, l.strip().indexOf(':')), 16))
                .orElseThrow(() -> new AssertionError("no '" + text + "' in " + exe));
    }

    /** Where the PIE is loaded: the start of its mapping at file offset 0. */
    private static long loadBase(int pid, Path exe) throws Exception {
        String real = exe.toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/" + pid + "/maps")).stream()
                .filter(l -> l.endsWith(real) && l.split("\\s+")[2].equals("00000000")).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(0, l.indexOf('-')), 16))
                .orElseThrow(() -> new AssertionError("no mapping of " + real));
    }
}
