package dev.stackviz.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed cast is well formed and accepted by real asciinema. */
class DemoRecordingsTest {

    static final Path DEMOS = Path.of("demo-recordings");

    static Stream<Path> casts() throws IOException {
        try (Stream<Path> files = Files.list(DEMOS)) {
            return files.filter(f -> f.toString().endsWith(".cast")).sorted().toList().stream();
        }
    }

    /** The stack view's casts: the green threads have no setup steps (their own test below). */
    static Stream<Path> stackCasts() throws IOException {
        return casts().filter(f -> !f.getFileName().toString().startsWith("fibers")
                && !f.getFileName().toString().startsWith("trace"));
    }

    @Test
    void theDemosAreThere() throws IOException {
        assertEquals(List.of("fibers-full-speed.cast", "fibers.cast", "full-tour.cast", "instruction-walk.cast",
                "misaligned.cast", "simulated.cast", "step-back-and-forth.cast", "trace-rust-seed.cast"),
                casts().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void theInstructionWalkMarksEachInstructionAndShowsRspAsTheCpuHadIt() throws Exception {
        Cast cast = Cast.read(DEMOS.resolve("instruction-walk.cast"));
        List<String> markers = cast.markers();
        assertTrue(markers.contains("instr 0: at sv_jump+0x0"), markers.toString());
        assertTrue(markers.contains("instr 10: mov") && markers.contains("instr 11: ret"), markers.toString());
        assertTrue(markers.contains("instr 19: syscall"), "the write: " + markers);
        assertTrue(cast.shows("rsp (observed)"), "the grid's rsp where rsp really is");
        assertTrue(cast.shows("syscall write returned 33"));
    }

    /** stackviz trace on the Rust seed: its switch marked, each label as the view showed it, its message untraced. */
    @Test
    void theTraceDemoMarksTheSwitchAndShowsTheRustSeedsJump() throws Exception {
        Cast cast = Cast.read(DEMOS.resolve("trace-rust-seed.cast"));
        List<String> markers = cast.markers();
        assertEquals("entry", markers.get(0));
        assertEquals("switch 1: [stack] -> [heap] by mov rsp, qword ptr [rdi]", markers.get(1));
        assertTrue(markers.get(2).startsWith("i: seed_jump::hello+0x0: "), markers.toString());
        assertTrue(markers.contains("untraced") && markers.contains("kill"), markers.toString());
        assertEquals("ended: it was killed by SIGKILL (signal 9)", markers.get(markers.size() - 1));
        assertTrue(cast.shows("◀ rsp, ret->hello+0x0"), "the 8 bytes ret popped, named");
        assertTrue(cast.shows("◀ malloc size 0x41"), "the Vec's chunk header");
        assertTrue(cast.shows("◀ rsp (before)"), "Tab: the old stack");
        assertTrue(cast.shows("I LOVE WAKING UP ON A NEW STACK!"), "hello's message, untraced");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casts")
    void castIsWellFormedAndPlays(Path file) throws Exception {
        Cast cast = Cast.read(file);
        cast.assertWellFormed();
        assertFalse(cast.markers().isEmpty());
        assertTrue(cast.events().stream().anyMatch(e -> e.code().equals("i")), "keys are recorded");
        String played = Cast.asciinemaCat(file);
        assertTrue(played.contains("stackviz"), played);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stackCasts")
    void castsThatSwitchShowEveryStepTheMessageAndTheKill(Path file) throws Exception {
        Cast cast = Cast.read(file);
        if (!cast.markers().contains("step 6/6 switch")) {
            assertTrue(file.toString().contains("step-back"), file + " should switch");
            assertTrue(cast.markers().contains("step 3/6 align"), cast.markers().toString());
            return;
        }
        cast.assertEveryStepMarked();
        assertTrue(cast.markers().contains("kill"), cast.markers().toString());
        assertTrue(cast.shows("target output: I LOVE WAKING UP ON A NEW STACK!"));
        assertTrue(cast.shows("kill requested") || cast.shows("child was killed by SIGTERM"), "the kill's report");
    }

    @Test
    void misalignedDemoShowsTheTopMoving() throws Exception {
        Cast cast = Cast.read(DEMOS.resolve("misaligned.cast"));
        assertTrue(cast.shows("the top moves down 5 bytes"), "explanation of the 5 bytes");
        assertTrue(cast.shows("top +5"), "the top's label");
    }

    @Test
    void simulatedDemoSaysSo() throws Exception {
        Cast cast = Cast.read(DEMOS.resolve("simulated.cast"));
        assertTrue(cast.header().get("title").getAsString().contains("SIMULATED"));
        assertTrue(cast.shows("stackviz • SIMULATED"));
    }

    @Test
    void theFibersDemoMarksEverySwitchUntilTheSchedulerReturns() throws Exception {
        Cast cast = Cast.read(DEMOS.resolve("fibers.cast"));
        List<String> markers = cast.markers();
        assertEquals("switch 1: thread -> fiber 1", markers.get(1), markers.toString());
        assertTrue(markers.contains("switch 13: fiber 3 -> thread"), markers.toString());
        assertTrue(cast.shows("returned after 13 switches"), "the scheduler's return");
        assertTrue(cast.shows("Its function returned:") && cast.shows("ret popped sv_fiber_finish from aligned-8"),
                "a fiber that finished");
        assertTrue(cast.header().get("title").getAsString().contains("green threads"));
    }

    @Test
    void theFullSpeedDemoShowsTheRateAndTheStop() throws Exception {
        Cast cast = Cast.read(DEMOS.resolve("fibers-full-speed.cast"));
        assertTrue(cast.markers().containsAll(List.of("full speed", "stop")), cast.markers().toString());
        assertTrue(cast.shows("switches/s"), "the rate");
        assertTrue(cast.shows("Asked to stop"), "k");
    }
}
