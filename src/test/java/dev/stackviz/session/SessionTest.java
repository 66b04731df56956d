package dev.stackviz.session;

import dev.stackviz.machine.TraceRefused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.NoNativeSwitch;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.simulated.SimulatedMachine;
import dev.stackviz.model.Action;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.StackSpec;
import dev.stackviz.model.Step;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The state machine: what a key does when the machine under it fails. */
class SessionTest {

    /** A simulated machine whose write of the entry fails with {@code failure}. */
    static Machine failingWrite(RuntimeException failure) {
        return failingWrite(StackSpec.defaults(), failure, new int[1]);
    }

    /** A machine of {@code spec} whose entry write throws {@code failure}; closes counts its close calls. */
    static Machine failingWrite(StackSpec spec, RuntimeException failure, int[] closes) {
        return new DelegatingMachine(new SimulatedMachine(spec)) {
            @Override
            public MachineKind kind() {
                return MachineKind.NATIVE;
            }

            @Override
            public void writeEntry() {
                throw failure;
            }

            @Override
            public void close() {
                closes[0]++;
                super.close();
            }
        };
    }

    /** The simulated machine, saying it is of {@code kind}: what the session does for that kind, without one. */
    /** Simulated memory under another kind's name; an isolated one can be traced, and refuses as the test's system does. */
    static Machine simulatedAs(MachineKind kind) {
        if (kind == MachineKind.ISOLATED) {
            return new TraceableDelegate(new SimulatedMachine(StackSpec.defaults())) {
                @Override
                public MachineKind kind() {
                    return kind;
                }

                @Override
                public dev.stackviz.machine.TracedRun switchTraced(Consumer<String> output)
                        throws dev.stackviz.machine.TraceRefused {
                    throw new dev.stackviz.machine.TraceRefused("not traced in this test");
                }
            };
        }
        return new DelegatingMachine(new SimulatedMachine(StackSpec.defaults())) {
            @Override
            public MachineKind kind() {
                return kind;
            }
        };
    }

    /** On AArch64 (a native machine that says so) e and i say the child is x86-64 code, not that the switch is missing. */
    @Test
    void onAarch64ExperimentsAndSteppingSayTheyAreX86Only() {
        Machine arm = new DelegatingMachine(new SimulatedMachine(StackSpec.defaults())) {
            @Override
            public MachineKind kind() {
                return MachineKind.NATIVE;
            }

            @Override
            public dev.stackviz.model.Isa isa() {
                return dev.stackviz.model.Isa.AARCH64;
            }
        };
        try (Session session = session(arm)) {
            session.press("e");
            assertEquals(dev.stackviz.frame.HintTexts.X86_ONLY, session.frame().hint());
            session.press("i");
            assertEquals(dev.stackviz.frame.HintTexts.X86_ONLY, session.frame().hint());
        }
        try (Session session = session(simulatedAs(MachineKind.NATIVE))) {
            session.press("e");
            assertEquals(dev.stackviz.frame.HintTexts.NO_EXPERIMENTS, session.frame().hint(), "x86-64 without experiments");
        }
    }

    static Session session(Machine machine) {
        return new Session(() -> machine, Duration.ofSeconds(60), Duration.ofSeconds(1), System::nanoTime);
    }

    @Test
    void aStepWhoseWriteFailsStaysOnTheStepWhoseMemoryItShows() {
        try (Session session = session(failingWrite(new IllegalStateException("the child died")))) {
            session.handle(Action.STEP_FORWARD);
            session.handle(Action.STEP_FORWARD);
            session.handle(Action.STEP_FORWARD);
            Frame frame = session.frame();
            assertEquals(Step.ALIGN, frame.step(), "the write did not happen");
            assertEquals("stackviz: the child died", frame.hint());
            assertTrue(frame.u64(frame.entrySlot()) == 0, "and memory says so");
        }
    }

    @Test
    void theBenchmarksPanelOpensWithItsFiguresAndNoStaleHintAndAnyKeyClosesIt() throws Exception {
        try (Session session = new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime)) {
            java.util.concurrent.CountDownLatch measuring = new java.util.concurrent.CountDownLatch(1);
            session.allowBench(() -> {
                try {
                    measuring.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return java.util.List.of("sv_swap 3.8 ns");
            });
            session.handle(Action.BENCH);
            assertEquals("measuring switch costs (a few seconds)...", session.frame().hint());
            measuring.countDown();
            Frame panel = TruthTest.await(session, f -> f.overlay() == Frame.Overlay.BENCH);
            assertEquals("", panel.hint(), "the figures are there: no 'measuring...' under them");
            assertEquals(java.util.List.of("sv_swap 3.8 ns"), panel.panel());
            session.press("enter");
            assertEquals(Frame.Overlay.NONE, session.frame().overlay());
        }
    }

    @Test
    void qClosesTheHelpAndCtrlCQuitsFromIt() {
        try (Session session = new Session(() -> new SimulatedMachine(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(1), System::nanoTime)) {
            session.press("?");
            assertEquals(Frame.Overlay.HELP, session.frame().overlay());
            session.press("q");
            assertEquals(Frame.Overlay.NONE, session.frame().overlay());
            assertTrue(!session.quitRequested(), "q closed the help and did not quit");
            session.press("?");
            session.press("ctrl-c");
            assertTrue(session.quitRequested());
        }
    }

    @Test
    void whereTracingIsRefusedOneLineSaysWhyAndNothingSwitches() {
        Machine refusing = new TraceableDelegate(new SimulatedMachine(StackSpec.defaults())) {
            @Override
            public MachineKind kind() {
                return MachineKind.ISOLATED;
            }

            @Override
            public dev.stackviz.model.Experiment experiment() {
                return dev.stackviz.model.Experiment.NONE;
            }

            @Override
            public dev.stackviz.machine.TracedRun switchTraced(Consumer<String> output)
                    throws dev.stackviz.machine.TraceRefused {
                throw new dev.stackviz.machine.TraceRefused("PTRACE_SEIZE on thread 42 failed: operation not "
                        + "permitted (EPERM: Yama's ptrace_scope, ...)");
            }
        };
        try (Session session = session(refusing)) {
            session.handle(Action.STEP_INSTRUCTION);
            Frame frame = session.frame();
            assertEquals("stepping is not possible here: PTRACE_SEIZE on thread 42 failed: operation not permitted "
                    + "(EPERM: Yama's ptrace_scope, ...); s switches without it", frame.hint());
            assertEquals(Step.SET_CONTEXT, frame.step(), "the setup, and nothing switched");
            assertTrue(!frame.switched());
            assertTrue(dev.stackviz.view.Pictures.render(frame, 80, 24).contains("rsp (predicted)"),
                    "the view keeps its prediction");
            session.handle(Action.SWITCH);
            session.handle(Action.STEP_INSTRUCTION);
            assertEquals("this switch ran at full speed, and stepping is not possible here: PTRACE_SEIZE on thread 42 "
                    + "failed: operation not permitted (EPERM: Yama's ptrace_scope, ...)", session.frame().hint(),
                    "no 'r, then i', which would be refused again");
        }
    }

    @Test
    void inProcessIOneLineSaysSteppingNeedsTheChild() {
        try (Session session = session(new SimulatedMachine(StackSpec.defaults()))) {
            session.handle(Action.STEP_INSTRUCTION);
            assertEquals("instruction stepping needs the isolated child and the native switch: the simulated "
                    + "machine has no switch to trace", session.frame().hint());
            session.handle(Action.BENCH);
            assertEquals("the benchmark measures the native switch: this view runs the simulated machine",
                    session.frame().hint());
        }
        Machine nativeInProcess = simulatedAs(MachineKind.NATIVE);
        try (Session session = session(nativeInProcess)) {
            session.handle(Action.STEP_INSTRUCTION);
            assertEquals("instruction stepping needs the isolated child: run stackviz --isolate",
                    session.frame().hint(), "no e where experiments are off");
            session.handle(Action.SWITCH);
            session.handle(Action.STEP_INSTRUCTION);
            assertEquals("instruction stepping needs the isolated child: run stackviz --isolate",
                    session.frame().hint(), "r, then i would not walk it in this process");
        }
    }

    /** A child that is gone does not run on: i says so, and how to walk the switch again. */
    @Test
    void iAfterTheChildEndedSaysItEnded() {
        Machine child = simulatedAs(MachineKind.ISOLATED);
        try (Session session = session(child)) {
            session.handle(Action.SWITCH);
            session.handle(Action.KILL);
            TruthTest.await(session, f -> f.report() != null);
            session.handle(Action.STEP_INSTRUCTION);
            assertEquals("the target has ended: r, then i, walks the switch again", session.frame().hint());
        }
    }

    @Test
    void aLibraryThatDoesNotLoadFallsBackToTheSimulatedMachineAndSaysWhy() {
        NoNativeSwitch noLibrary = new NoNativeSwitch("the native switch library did not load: no jnidispatch", null);
        try (Session session = session(failingWrite(noLibrary))) {
            session.handle(Action.STEP_FORWARD);
            session.handle(Action.STEP_FORWARD);
            session.handle(Action.STEP_FORWARD);
            Frame frame = session.frame();
            assertEquals(MachineKind.SIMULATED, frame.kind());
            assertEquals(Step.WRITE_ENTRY, frame.step(), "the steps so far, replayed on the simulated machine");
            assertEquals("stackviz: SIMULATED machine: the native switch library did not load: no jnidispatch",
                    frame.hint());
            assertEquals(frame.entryAddress(), frame.u64(frame.entrySlot()));
        }
    }

    @Test
    void theFallBackKeepsTheStacksSizeAndMisalignmentAndClosesTheMachineItLeaves() {
        int[] closes = new int[1];
        NoNativeSwitch noLibrary = new NoNativeSwitch("no jnidispatch", null);
        try (Session session = session(failingWrite(new StackSpec(64, 5), noLibrary, closes))) {
            for (int i = 0; i < 3; i++) {
                session.handle(Action.STEP_FORWARD);
            }
            Frame frame = session.frame();
            assertEquals(MachineKind.SIMULATED, frame.kind());
            assertEquals(64, frame.layout().size(), "--stack-size 64 still");
            assertEquals(5, Math.floorMod(frame.layout().base(), 16), "--misalign 5 still");
            assertEquals(1, closes[0], "the machine that failed is closed");
        }
    }
}
