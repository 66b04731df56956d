package dev.stackviz.machine.isolated;

import dev.stackviz.machine.inprocess.NativeSwitchTest;

import dev.stackviz.machine.Machines;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.Watchdog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.model.BelowBase;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's one-way jump in a real child process, ended from outside. */
public class IsolatedMachineTest {

    static final Duration GRACE = Duration.ofMillis(500);
    static final String MESSAGE = "I LOVE WAKING UP ON A NEW STACK!\n";

    @BeforeAll
    static void onlyWhereTheNativeSwitchRuns() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
    }

    public static IsolatedMachine open(Experiment experiment, boolean ignoreSigterm) throws Exception {
        return IsolatedMachine.open(StackSpec.defaults(), experiment, GRACE, ignoreSigterm);
    }

    public static Run switchAndHello(IsolatedMachine machine, StringBuffer output) throws Exception {
        machine.writeEntry();
        machine.writeContext();
        Run run = machine.switchTo(output::append);
        NativeSwitchTest.awaitText(output, MESSAGE);
        return run;
    }

    @Test
    void liveReadsOfTheChildsMemoryGiveTheBytesOfItsOwnReport() throws Exception {
        try (IsolatedMachine machine = open(Experiment.NONE, false)) {
            machine.writeEntry();
            machine.writeContext();
            assertTrue(machine.readsLive(), String.valueOf(machine.memoryProblem()));
            byte[] live = machine.readLive(machine.windowStart(), machine.windowLength());
            assertArrayEquals(machine.reportedWindow(), live);
            assertEquals(machine.entryAddress(), StackLayout.fromLittleEndian(machine.read(machine.entrySlot(), 8), 0));
            assertEquals(machine.layout().aligned() - 16, machine.contextRsp());
        }
    }

    @Test
    void theSeedsForeverLoopRunsUntilSigtermEndsTheChild() throws Exception {
        try (IsolatedMachine machine = open(Experiment.NONE, false)) {
            StringBuffer output = new StringBuffer();
            Run run = switchAndHello(machine, output);
            long first = NativeSwitchTest.awaitHeartbeatAbove(run, 0);
            NativeSwitchTest.awaitHeartbeatAbove(run, first);
            assertEquals(machine.layout().aligned() - 8, run.wokeRsp());
            run.requestStop();
            assertTrue(run.awaitReturn(Duration.ofSeconds(10)));
            assertEquals("was killed by SIGTERM (signal 15)", run.fate().describe());
            assertGone(machine.pid());
        }
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledOnceTheGracePeriodIsOver() throws Exception {
        try (IsolatedMachine machine = open(Experiment.NONE, true)) {
            Run run = switchAndHello(machine, new StringBuffer());
            long asked = System.nanoTime();
            run.requestStop();
            assertTrue(run.awaitReturn(Duration.ofSeconds(10)));
            long took = (System.nanoTime() - asked) / 1_000_000;
            assertTrue(run.fate().describe().startsWith("was killed by SIGKILL (signal 9) after SIGTERM left it running"),
                    run.fate().describe());
            assertTrue(took >= GRACE.toMillis() && took < GRACE.toMillis() + 2000, took + " ms");
            assertGone(machine.pid());
        }
    }

    /**
     * With a 1 ms deadline and a 1 ms grace, SIGKILL goes out while the watchdog's wait is already
     * over; the child still dies at once, and the report must say it is gone, not lost.
     */
    @org.junit.jupiter.api.RepeatedTest(5)
    void aChildKilledAfterATinyGraceIsReportedGone() throws Exception {
        Duration tiny = Duration.ofMillis(1);
        try (IsolatedMachine machine = IsolatedMachine.open(StackSpec.defaults(), Experiment.NONE, tiny, false)) {
            Run run = switchAndHello(machine, new StringBuffer());
            Report report = new Watchdog(run, tiny, tiny, r -> { }).start().awaitReport(Duration.ofSeconds(10));
            assertTrue(report.returned(), "the child is gone: " + report);
            assertNotNull(report.fate(), "and it says how it ended");
            assertGone(machine.pid());
        }
    }

    @Test
    void misalignedTargetDiesOfSigsegvByItself() throws Exception {
        try (IsolatedMachine machine = open(Experiment.MISALIGNED, false)) {
            assertEquals(machine.layout().aligned() - 24, machine.entrySlot());
            Run run = switchAndHello(machine, new StringBuffer());
            assertTrue(run.awaitReturn(Duration.ofSeconds(10)), "no one asked it to stop");
            assertEquals("was killed by SIGSEGV (signal 11)", run.fate().describe());
            assertEquals(0, run.stopRequestedAt());
        }
    }

    @Test
    void overflowWritesBelowBaseIntoTheGuard() throws Exception {
        try (IsolatedMachine machine = open(Experiment.OVERFLOW, false)) {
            Run run = switchAndHello(machine, new StringBuffer());
            NativeSwitchTest.awaitHeartbeatAbove(run, 0);
            StackLayout layout = machine.layout();
            byte[] below = machine.read(layout.base() - 8, 8);
            assertEquals(machine.heartbeatSlot(), layout.base() - 8, "the heartbeat lives below base");
            assertTrue(StackLayout.fromLittleEndian(below, 0) > 0);
            byte[] inside = machine.read(layout.base(), 8);
            assertArrayEquals(filled((byte) 0x41), inside);
            awaitBelow(machine, 8);
            byte[] untouched = machine.read(layout.base() - 16, 8);
            assertArrayEquals(new byte[8], untouched);
        }
    }

    @Test
    void seedHelloThroughTheCLibraryUsesStackFarBelowTheBuffer() throws Exception {
        try (IsolatedMachine machine = open(Experiment.SEED_HELLO, false)) {
            StringBuffer output = new StringBuffer();
            Run run = switchAndHello(machine, output);
            NativeSwitchTest.awaitHeartbeatAbove(run, 0);
            int depth = awaitBelow(machine, 100);
            assertTrue(depth > 100, depth + " bytes below base");
            assertTrue(run.written() > 0, "puts returned a count");
            assertEquals(machine.layout().aligned() - 32, run.callRsp(), "rsp before the call: aligned-32");
            assertEquals(0, run.callRsp() % 16, "the ABI: rsp % 16 == 0 at a call, so puts starts with (rsp + 8) % 16 == 0");
        }
    }

    @Test
    void closingTheMachineEndsTheChildAndLeavesNoZombie() throws Exception {
        IsolatedMachine machine = open(Experiment.NONE, false);
        switchAndHello(machine, new StringBuffer());
        long pid = machine.pid();
        machine.close();
        assertGone(pid);
    }

    /** Waits until the sampled memory below base shows a write at least {@code depth} bytes down; returns how deep. */
    static int awaitBelow(IsolatedMachine machine, int depth) {
        BelowBase below = await("a write " + depth + " bytes below base").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(5)).until(machine::below, b -> b != null && b.lowestWritten() >= depth);
        return below.lowestWritten();
    }

    private static byte[] filled(byte b) {
        byte[] bytes = new byte[8];
        Arrays.fill(bytes, b);
        return bytes;
    }

    /** Neither running nor a zombie: /proc has no entry for it once it is reaped. */
    public static void assertGone(long pid) {
        await("process " + pid + " gone and reaped").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> !Files.exists(Path.of("/proc/" + pid)));
    }
}
