package dev.stackviz.machine.trace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.stackviz.machine.Machines;
import dev.stackviz.machine.Processes;
import dev.stackviz.model.Cpu;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine on a program that is not stackviz's: a spinning sh, a grandchild of the test (Yama's
 * ptrace_scope 1 lets a process trace its descendants). Not a child: the JVM's process reaper
 * waits on its own children's pids, and a thread of the tracer's group may take the tracee's stop
 * reports (waitpid is per thread group). Nothing here knows what it runs.
 */
@Timeout(60)
class TraceeTest {

    @BeforeAll
    static void onLinuxX86() {
        Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null);
    }

    @Test
    void itHoldsStepsAndLetsGoAThreadOfAnyProgram() throws Exception {
        Process shell = shellWithSleep();
        ProcessHandle sleep = sleepOf(shell);
        CompletableFuture<WaitStatus> end = new CompletableFuture<>();
        try (Tracee tracee = Tracee.seize((int) sleep.pid(), listener(end))) {
            assertEquals('t', Processes.state(sleep.pid()), "held: traced and stopped");
            Cpu before = tracee.regs();
            assertNotEquals(0, before.rip());
            // held in the shell's loop: one step runs one instruction and holds it again
            Tracee.Step step = tracee.step();
            Cpu after = assertInstanceOf(Tracee.Step.Done.class, step).after();
            assertNotEquals(before.rip(), after.rip(), "one instruction ran");
            tracee.detach();
            await().atMost(Duration.ofSeconds(5)).until(() -> Processes.state(sleep.pid()) == 'R');
        } finally {
            sleep.destroyForcibly();
            shell.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !sleep.isAlive());
    }

    @Test
    void aHeldThreadKilledFromOutsideIsReportedWithItsSignal() throws Exception {
        Process shell = shellWithSleep();
        ProcessHandle sleep = sleepOf(shell);
        CompletableFuture<WaitStatus> end = new CompletableFuture<>();
        try (Tracee tracee = Tracee.seize((int) sleep.pid(), listener(end))) {
            assertEquals(tracee.tid(), (int) sleep.pid());
            sleep.destroyForcibly(); // SIGKILL ends even a stopped tracee
            assertEquals(new WaitStatus.Killed(9, false), end.get(5, TimeUnit.SECONDS), "seen while held, no request made");
        } finally {
            shell.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !sleep.isAlive());
    }

    /**
     * sh, which starts a second sh that spins in user space (a step of a thread asleep in a system
     * call would last as long as the call), says its pid and waits for it.
     */
    private static Process shellWithSleep() throws java.io.IOException {
        return new ProcessBuilder("sh", "-c", "sh -c 'while :; do :; done' & echo $!; wait").redirectErrorStream(true).start();
    }

    private static ProcessHandle sleepOf(Process shell) throws java.io.IOException {
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(shell.getInputStream())).readLine();
        ProcessHandle sleep = ProcessHandle.of(Long.parseLong(line.strip())).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> Processes.state(sleep.pid()) == 'R');
        return sleep;
    }

    private static Tracee.Listener listener(CompletableFuture<WaitStatus> end) {
        return new Tracee.Listener() {
            @Override
            public void breakpoint(long address, Cpu cpu) {
            }

            @Override
            public void ended(WaitStatus status) {
                end.complete(status);
            }
        };
    }

}
