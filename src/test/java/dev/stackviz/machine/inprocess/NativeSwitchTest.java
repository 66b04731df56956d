package dev.stackviz.machine.inprocess;

import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.Watchdog;
import dev.stackviz.machine.sys.Posix;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.model.Registers;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/** The real switch: these tests move a thread onto 48 bytes of heap and back. */
public class NativeSwitchTest {

    static final String MESSAGE = "I LOVE WAKING UP ON A NEW STACK!\n";
    static final Duration PATIENCE = Duration.ofSeconds(5);

    @BeforeAll
    static void onlyWhereTheNativeSwitchRuns() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
    }

    @Test
    void targetWakesOnTheNewStackAndSaysHello() throws Exception {
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            setUp(machine);
            StringBuffer output = new StringBuffer();
            Run run = machine.switchTo(output::append);
            awaitText(output, MESSAGE);
            assertEquals(MESSAGE, output.toString());
            assertEquals(MESSAGE.length(), run.written());
            assertEquals(machine.layout().aligned() - 8, run.wokeRsp(), "ret popped the entry: rsp = aligned - 8");
            stop(run);
        }
    }

    @Test
    void entryAddressIsInMemoryLittleEndianAtAlignedMinusSixteen() {
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            setUp(machine);
            byte[] slot = machine.read(machine.layout().aligned() - 16, 8);
            assertEquals(machine.entryAddress(), StackLayout.fromLittleEndian(slot, 0));
            assertEquals((byte) machine.entryAddress(), slot[0], "lowest byte at the lowest address");
            assertEquals(machine.layout().aligned() - 16, machine.contextRsp());
        }
    }

    @Test
    void heartbeatMovesWhileTheTargetSpinsAndStopsWhenItIsBack() throws Exception {
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            setUp(machine);
            Run run = machine.switchTo(text -> { });
            long first = awaitHeartbeatAbove(run, 0);
            long second = awaitHeartbeatAbove(run, first);
            assertTrue(second > first);
            stop(run);
            long after = run.heartbeat();
            Thread.sleep(20);
            assertEquals(after, run.heartbeat(), "no heartbeat once the thread is back");
        }
    }

    @Test
    void targetTouchesNothingOutsideItsFrame() throws Exception {
        for (int misalign = 0; misalign < 16; misalign++) {
            try (NativeMachine machine = NativeMachine.open(new StackSpec(48, misalign))) {
                setUp(machine);
                Run run = machine.switchTo(text -> { });
                awaitHeartbeatAbove(run, 0);
                stop(run);
                StackLayout layout = machine.layout();
                byte[] window = machine.readWindow();
                for (int i = 0; i < window.length; i++) {
                    long address = machine.windowStart() + i;
                    boolean frame = address >= layout.heartbeatSlot() && address < layout.entrySlot() + 8;
                    if (!frame) {
                        assertEquals(0, window[i], String.format("misalign %d: byte at 0x%x", misalign, address));
                    }
                }
            }
        }
    }

    @Test
    void savedContextIsTheSwitchingThreadsOwnStack() throws Exception {
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            setUp(machine);
            Run run = machine.switchTo(text -> { });
            awaitHeartbeatAbove(run, 0);
            Registers saved = run.saved();
            assertTrue(saved.sp() != 0);
            assertFalse(machine.layout().contains(saved.sp()));
            assertTrue(saved.sigmask() != -1L, "the mask saved is the thread's old one, not the all-blocked one");
            stop(run);
        }
    }

    @Test
    void watchdogStopsTheTargetAtItsDeadline() throws Exception {
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            setUp(machine);
            Run run = machine.switchTo(text -> { });
            Watchdog dog = new Watchdog(run, Duration.ofMillis(200), Duration.ofSeconds(2), r -> { }).start();
            Report report = dog.awaitReport(PATIENCE);
            assertTrue(report.returned());
            assertEquals(Report.Cause.DEADLINE, report.cause());
            assertTrue(report.ran().toMillis() >= 200, report.toString());
            assertTrue(report.heartbeat() > 0);
            assertTrue(run.hasReturned());
        }
    }

    @Test
    void watchdogKillStopsTheTargetBeforeTheDeadline() throws Exception {
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            setUp(machine);
            Run run = machine.switchTo(text -> { });
            Watchdog dog = new Watchdog(run, Duration.ofMinutes(5), Duration.ofSeconds(2), r -> { }).start();
            awaitHeartbeatAbove(run, 0);
            dog.kill();
            Report report = dog.awaitReport(PATIENCE);
            assertTrue(report.returned());
            assertEquals(Report.Cause.KILL, report.cause());
            assertTrue(report.ran().toSeconds() < 60);
        }
    }

    @Test
    void signalsSentToTheSwitchingThreadWaitUntilItIsBack() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        Signal winch = new Signal("WINCH");
        var previous = Signal.handle(winch, s -> handled.incrementAndGet());
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            setUp(machine);
            Run run = machine.switchTo(text -> { });
            awaitHeartbeatAbove(run, 0);
            int pid = Posix.pid();
            for (int i = 0; i < 50; i++) {
                Posix.signalThread(pid, run.threadId(), 28); // SIGWINCH: handled by the JVM
                Posix.signalThread(pid, run.threadId(), 13); // SIGPIPE
                Posix.signalThread(pid, run.threadId(), 17); // SIGCHLD
            }
            Thread.sleep(100);
            long beat = run.heartbeat();
            assertEquals(0, handled.get(), "no handler may run while the thread is on 48 bytes");
            awaitHeartbeatAbove(run, beat);
            stop(run);
            await("the pending SIGWINCH delivered once the thread is back").atMost(PATIENCE)
                    .until(() -> handled.get() >= 1);
        } finally {
            Signal.handle(winch, previous);
        }
    }

    @Test
    void hundredSwitchesInARowLeaveNoThreadsOrFileDescriptorsBehind() throws Exception {
        cycle(); // first use loads JNA and the library, and may start their threads
        long threads = count("/proc/self/task");
        long fds = count("/proc/self/fd");
        for (int i = 0; i < 100; i++) {
            cycle();
        }
        assertEquals(threads, count("/proc/self/task"), "threads");
        assertEquals(fds, count("/proc/self/fd"), "file descriptors");
    }

    private static void cycle() throws Exception {
        try (NativeMachine machine = NativeMachine.open(StackSpec.defaults())) {
            setUp(machine);
            StringBuffer output = new StringBuffer();
            Run run = machine.switchTo(output::append);
            Watchdog dog = new Watchdog(run, Duration.ofMinutes(1), Duration.ofSeconds(2), r -> { }).start();
            awaitText(output, MESSAGE);
            dog.kill();
            assertTrue(dog.awaitReport(PATIENCE).returned());
        }
        Thread.sleep(1);
    }

    static void setUp(Machine machine) {
        machine.writeEntry();
        machine.writeContext();
    }

    public static void stop(Run run) throws InterruptedException {
        run.requestStop();
        assertTrue(run.awaitReturn(PATIENCE), "the target came back");
    }

    public static void awaitText(StringBuffer output, String text) {
        await("'" + text + "' in the output").atMost(PATIENCE).pollInterval(Duration.ofMillis(1))
                .until(() -> output.toString().contains(text));
    }

    public static long awaitHeartbeatAbove(Run run, long floor) {
        return await("the heartbeat above " + floor).atMost(PATIENCE).pollInterval(Duration.ofMillis(1))
                .until(run::heartbeat, beat -> beat > floor);
    }

    private static long count(String dir) throws IOException, InterruptedException {
        // threads end a moment after their last statement: give them a little time to go
        long n = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Stream<Path> entries = Files.list(Path.of(dir))) {
                long now = entries.count();
                if (now == n) {
                    return now;
                }
                n = now;
            }
            Thread.sleep(20);
        }
        return n;
    }
}
