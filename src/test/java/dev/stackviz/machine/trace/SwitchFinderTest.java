package dev.stackviz.machine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.machine.Machines;
import dev.stackviz.machine.Processes;
import dev.stackviz.model.StackSwitch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The switches of programs the test compiles (src/test/resources/programs), checked against their own printout. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a read of the pty ignores interrupts
class SwitchFinderTest {

    @BeforeAll
    static void onLinuxX86() {
        Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null);
    }

    @Test
    void theSeedsJumpInCIsFoundWithWhatRetPopped(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "seed_jump.c", "-O1", "-masm=intel", "-Wl,-z,now");
        int pid;
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            pid = finder.pid();
            assertTrue(finder.sites() > 0, "breakpoints on the program's and libc's rsp writers");
            StackSwitch jump = finder.next(Duration.ofSeconds(10));
            assertNotNull(jump, "the switch");
            Map<String, Long> printed = Programs.printed(finder.output(), 3);
            assertEquals(1, jump.number());
            assertTrue(jump.where().startsWith("main+0x"), jump.where());
            assertEquals("mov rsp, qword ptr [rax]", jump.instruction());
            assertEquals("[stack]", jump.from());
            assertEquals("[heap]", jump.to());
            assertEquals(printed.get("rsp"), jump.after().rsp());
            assertEquals(printed.get("hello"), jump.u64(jump.after().rsp()), "the new stack's top, read from memory");
            StackSwitch.Landing landing = jump.landing();
            assertNotNull(landing, "a ret on the new stack");
            assertTrue(landing.byRet());
            assertEquals(printed.get("hello"), landing.popped());
            assertEquals("hello+0x0", landing.poppedWhere());
            assertEquals(printed.get("hello"), landing.rip());
            assertEquals(printed.get("rsp") + 8, landing.rsp());
            assertTrue(landing.abiAligned(), "aligned-8 at hello's first instruction, as a call would leave it");
        }
        assertEquals('?', Processes.state(pid), "the program is gone: nothing left stopped or traced");
    }

    /** The seed itself, in Rust as the blog has it (hello writes with a raw syscall), debug and release. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-Copt-level=0", "-O"})
    void theSeedsJumpInRustIsFoundInGtSwitch(String optimisation, @TempDir Path dir) throws Exception {
        Path exe = Programs.rustc(dir, "seed_jump.rs", "seed_jump", optimisation);
        int pid;
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            pid = finder.pid();
            StackSwitch jump = finder.next(Duration.ofSeconds(10));
            assertNotNull(jump, "the switch");
            Map<String, Long> printed = Programs.printed(finder.output(), 3);
            assertTrue(jump.where().startsWith("seed_jump::gt_switch+0x"), jump.where());
            assertTrue(jump.instruction().startsWith("mov rsp, qword ptr ["), jump.instruction());
            assertEquals("[stack]", jump.from());
            assertEquals("[heap]", jump.to(), "the Vec's 48 bytes");
            assertEquals(printed.get("rsp"), jump.after().rsp());
            long buffer = printed.get("buffer");
            assertTrue(jump.after().rsp() >= buffer && jump.after().rsp() < buffer + 48, "inside the Vec");
            assertEquals(printed.get("hello"), jump.u64(jump.after().rsp()), "hello's address at aligned-16");
            assertEquals("seed_jump::hello+0x0", jump.topWhere());
            StackSwitch.Landing landing = jump.landing();
            assertTrue(landing.byRet());
            assertEquals(printed.get("hello"), landing.popped());
            assertEquals("seed_jump::hello+0x0", landing.ripWhere());
            assertEquals(printed.get("rsp") + 8, landing.rsp());
            assertTrue(landing.abiAligned());
        }
        assertEquals('?', Processes.state(pid), "nothing left stopped or traced");
    }

    @Test
    void aSwapcontextPingPongSwitchesInsideLibcSixTimes(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "swapcontext_pingpong.c", "-O1");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            StackSwitch first = finder.next(Duration.ofSeconds(10)); // it prints before its first switch
            Map<String, Long> printed = Programs.printed(finder.output(), 3);
            long stack = printed.get("costack");
            for (int n = 1; n <= 6; n++) {
                StackSwitch s = n == 1 ? first : finder.next(Duration.ofSeconds(10));
                assertNotNull(s, "switch " + n);
                assertTrue(s.where().startsWith("swapcontext"), s.where());
                assertEquals("mov rsp, qword ptr [rdx+0xa0]", s.instruction());
                boolean intoCoroutine = n % 2 == 1;
                assertEquals(intoCoroutine ? "[stack]" : "[heap]", s.from());
                assertEquals(intoCoroutine ? "[heap]" : "[stack]", s.to());
                if (intoCoroutine) {
                    assertTrue(s.after().rsp() >= stack && s.after().rsp() < stack + printed.get("size"),
                            "on the coroutine's malloc'd stack");
                }
                assertTrue(s.landing().byRet(), "swapcontext ends in a ret");
                if (n == 1) {
                    assertEquals(printed.get("coroutine"), s.landing().popped());
                    assertEquals("coroutine+0x0", s.landing().ripWhere());
                    assertTrue(s.landing().abiAligned());
                }
            }
            assertEquals(null, finder.next(Duration.ofSeconds(10)), "no seventh");
            assertEquals(new WaitStatus.Exited(0), finder.end());
        }
    }

    @Test
    void fibersOnOneMappingAreToldApartByHowFarRspMoved(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "fibers_mmap.c", "-O1", "-masm=intel");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            StackSwitch first = finder.next(Duration.ofSeconds(10)); // it prints before its first switch
            Map<String, Long> printed = Programs.printed(finder.output(), 5);
            for (int n = 1; n <= 5; n++) {
                StackSwitch s = n == 1 ? first : finder.next(Duration.ofSeconds(10));
                assertNotNull(s, "switch " + n);
                assertEquals("mov rsp, rsi", s.instruction());
                assertTrue(s.where().startsWith("switch_to+0x"), s.where());
                if (n <= 4) {
                    assertEquals(printed.get("fiber" + (n - 1)), s.after().rsp(), "fiber " + (n - 1) + "'s stack");
                    assertEquals("anonymous", s.to());
                    assertEquals("fiber+0x0", s.landing().poppedWhere());
                } else {
                    assertEquals("[stack]", s.to(), "back to main");
                }
                if (n >= 2 && n <= 4) {
                    assertEquals("anonymous", s.from(), "one mmap holds all four stacks");
                    assertTrue(Math.abs(s.after().rsp() - s.before().rsp()) > SwitchFinder.MAX_STACKFRAME);
                }
            }
            assertEquals(null, finder.next(Duration.ofSeconds(10)));
            assertEquals(new WaitStatus.Exited(0), finder.end());
        }
    }

    @Test
    void aMisalignedJumpIsShownAtItsFaultBeforeTheProgramDiesOfIt(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "misaligned_jump.c", "-O1", "-masm=intel", "-Wl,-z,now");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            StackSwitch jump = finder.next(Duration.ofSeconds(10));
            Map<String, Long> printed = Programs.printed(finder.output(), 3);
            assertEquals(printed.get("rsp"), jump.after().rsp());
            assertEquals("hello+0x0", jump.landing().ripWhere());
            assertEquals(0, Math.floorMod(jump.landing().rsp(), 16), "one slot off: 0, not the ABI's 8");
            assertTrue(!jump.landing().abiAligned());
            assertEquals(null, finder.next(Duration.ofSeconds(10)), "no second switch: the fault");
            dev.stackviz.model.StackFault fault = finder.fault();
            assertNotNull(fault);
            assertEquals(11, fault.fault().signal());
            assertEquals("general protection", fault.fault().kind());
            assertEquals("movaps xmmword ptr [rsp], xmm0", fault.instruction());
            assertTrue(fault.where().startsWith("hello+0x"), fault.where());
            assertEquals("[heap]", fault.stack());
            assertEquals(null, finder.next(Duration.ofSeconds(10)), "let go, it dies of it");
            assertEquals(new WaitStatus.Killed(11, false), finder.end());
        }
    }

    /**
     * hello calls puts on the 48-byte stack of a program linked lazily: the first call goes through the
     * dynamic linker's resolver, which faults below the buffer. The fault says it is in the dynamic linker.
     */
    @Test
    void aLibcCallOnATinyStackOfALazilyLinkedProgramFaultsInTheDynamicLinkerAndSaysSo(@TempDir Path dir)
            throws Exception {
        Path exe = Programs.compile(dir, "lazy_call.c", "-O1", "-masm=intel", "-Wl,-z,lazy");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()), false, SiteCache.off())) {
            StackSwitch jump = finder.next(Duration.ofSeconds(10));
            Map<String, Long> printed = Programs.printed(finder.output(), 3);
            assertEquals(printed.get("rsp"), jump.after().rsp());
            assertEquals("hello+0x0", jump.landing().ripWhere());
            assertEquals(null, finder.next(Duration.ofSeconds(10)), "no second switch: the fault");
            dev.stackviz.model.StackFault fault = finder.fault();
            assertNotNull(fault);
            assertEquals(11, fault.fault().signal());
            assertTrue(fault.inDynamicLinker(), fault.where());
            assertTrue(fault.where().startsWith("ld-linux-x86-64.so.2+0x") || fault.where().startsWith("_dl_"),
                    fault.where());
            assertTrue(fault.cpu().rsp() < printed.get("buffer"), "the resolver went below the buffer");
            assertEquals(null, finder.next(Duration.ofSeconds(10)), "let go, it dies of it");
            assertEquals(new WaitStatus.Killed(11, false), finder.end());
        }
    }

    @Test
    void withEveryCallBoundAtStartTheSameProgramPrintsFromItsNewStack(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "lazy_call.c", "-O1", "-masm=intel", "-Wl,-z,now");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()), false, SiteCache.off())) {
            assertEquals("hello+0x0", finder.next(Duration.ofSeconds(10)).landing().ripWhere());
            Programs.printed(finder.output(), 3);
            assertNull(finder.next(Duration.ofSeconds(2)), "it runs on, in hello's loop");
            StringBuilder said = new StringBuilder();
            for (int c; !said.toString().contains("I LOVE WAKING UP ON A NEW STACK!"); said.append((char) c)) {
                c = finder.output().read();
                assertTrue(c != -1, "it ended after saying only " + said);
            }
            assertNull(finder.fault());
        }
    }

    /** The jump on a second thread: found there, on that thread's stack, while main waits in pthread_join. */
    @Test
    void aSwitchInASecondThreadIsThatThreadsAndNothingIsLeftBehind(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "second_thread.c", "-O1", "-masm=intel", "-pthread", "-Wl,-z,now");
        int pid;
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            pid = finder.pid();
            StackSwitch jump = finder.next(Duration.ofSeconds(10));
            assertNotNull(jump, "the second thread's switch");
            Map<String, Long> printed = Programs.printed(finder.output(), 5);
            assertEquals(pid, printed.get("main"));
            long thread = printed.get("thread");
            assertTrue(thread != pid);
            assertEquals("thread " + thread, jump.thread());
            assertEquals(1, finder.threadsMade());
            assertEquals("stack of thread " + thread, jump.from(), "the stack pthread_create gave it");
            assertEquals("anonymous", jump.to(), "malloc in a second thread takes from an arena mmap'd for it");
            assertTrue(Math.abs(jump.before().rsp() - printed.get("own")) < 4096, "near a local of the thread's");
            assertEquals(printed.get("rsp"), jump.after().rsp());
            assertEquals("hello+0x0", jump.landing().poppedWhere());
            assertEquals(printed.get("hello"), jump.landing().rip());
            assertTrue(jump.landing().abiAligned());
            assertEquals(null, finder.next(Duration.ofSeconds(2)), "no other switch: hello loops, main waits");
            assertEquals(null, finder.end(), "the program runs on");
        }
        assertEquals('?', Processes.state(pid), "ended with the trace");
    }

    /** The seed's jump found by single-stepping every instruction: the same switch as the breakpoints find. */
    @Test
    void exhaustiveSteppingFindsTheSeedsJumpAsTheBreakpointsDo(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "seed_jump.c", "-O1", "-masm=intel", "-Wl,-z,now");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()), true)) {
            assertEquals(0, finder.sites(), "no breakpoint set");
            List<dev.stackviz.model.Stepped> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
            finder.onProgress(reports::add);
            StackSwitch jump = finder.next(Duration.ofSeconds(30));
            assertNotNull(jump, "the switch");
            Map<String, Long> printed = Programs.printed(finder.output(), 3);
            assertTrue(jump.where().startsWith("main+0x"), jump.where());
            assertEquals("mov rsp, qword ptr [rax]", jump.instruction());
            assertEquals(printed.get("rsp"), jump.after().rsp());
            assertEquals("hello+0x0", jump.landing().poppedWhere());
            assertEquals(printed.get("rsp") + 8, jump.landing().rsp());
            dev.stackviz.model.Stepped stepped = finder.stepped();
            assertTrue(stepped.steps() > 1000, "from the entry through printf: " + stepped.steps());
            assertTrue(stepped.perSecond() > 0);
            assertTrue(!reports.isEmpty() && reports.get(reports.size() - 1).steps() == stepped.steps(),
                    "the last report is where it stopped: " + reports);
            assertTrue(!stepped.gaveUp());
        }
    }

    /** With no objdump there are no sites to break at: every instruction is stepped, and shown as its bytes. */
    @Test
    void withoutObjdumpTheSeedsJumpIsFoundByStepping(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "seed_jump.c", "-O1", "-masm=intel", "-Wl,-z,now");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()), false, SiteCache.off(),
                dir.resolve("no-objdump").toString())) {
            assertEquals(dir.resolve("no-objdump") + " is not installed (Debian: apt-get install binutils)",
                    finder.withoutDisassembler());
            assertEquals(0, finder.sites());
            StackSwitch jump = finder.next(Duration.ofSeconds(30));
            assertNotNull(jump);
            Map<String, Long> printed = Programs.printed(finder.output(), 3);
            assertTrue(finder.stepped().steps() > 1000, "stepped");
            assertEquals("(bytes 48 8b 20 c3", jump.instruction().substring(0, 18), "mov rsp, [rax]; ret, as bytes");
            assertTrue(jump.where().startsWith("main+0x"), "named by nm still: " + jump.where());
            assertEquals(printed.get("rsp"), jump.after().rsp());
            assertTrue(jump.landing().byRet(), "c3 is ret");
            assertEquals(printed.get("hello"), jump.landing().popped());
        }
    }

    /**
     * A handler on its own stack (sigaltstack): the kernel moves rsp there and rt_sigreturn moves it
     * back, with no instruction of the program writing rsp: no breakpoint sees either switch, and
     * single-stepping sees both.
     */
    @Test
    void aSignalHandlersOwnStackIsSeenOnlyByExhaustiveStepping(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "sigaltstack.c", "-O1", "-Wl,-z,now");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            assertEquals(null, finder.next(Duration.ofSeconds(10)), "the breakpoints see no switch");
            assertEquals(new WaitStatus.Exited(0), finder.end());
        }
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()), true)) {
            StackSwitch into = finder.next(Duration.ofSeconds(30));
            assertNotNull(into, "onto the handler's stack");
            Map<String, Long> printed = Programs.printed(finder.output(), 3);
            long alt = printed.get("alt");
            assertEquals("handler+0x0", into.where());
            assertEquals("SIGUSR1 delivered: the kernel wrote its signal frame there and entered the handler",
                    into.instruction());
            assertEquals("[stack]", into.from());
            assertEquals("anonymous", into.to(), "the alternate stack main mmap'd");
            assertTrue(into.after().rsp() >= alt && into.after().rsp() < alt + printed.get("size"), "on it");
            StackSwitch back = finder.next(Duration.ofSeconds(30));
            assertNotNull(back, "back, by rt_sigreturn");
            long handlerLocal = Programs.printed(finder.output(), 1).get("handler");
            assertTrue(handlerLocal > into.after().rsp() - 256 && handlerLocal < into.after().rsp(),
                    "the handler's local is just below where the kernel left rsp");
            assertEquals("syscall", back.instruction(), "rt_sigreturn");
            assertEquals("anonymous", back.from());
            assertEquals("[stack]", back.to());
            assertEquals(into.before().rsp(), back.after().rsp(), "rsp as it was before the signal");
            assertTrue(Math.abs(back.after().rsp() - printed.get("main")) < 4096, "near main's local");
            assertEquals(null, finder.next(Duration.ofSeconds(30)), "no third");
            assertEquals(new WaitStatus.Exited(0), finder.end());
        }
    }

    /** Exhaustive stepping follows one thread: at the second, breakpoints take over, and the switch there is found. */
    @Test
    void exhaustiveSteppingHandsASecondThreadToTheBreakpoints(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "second_thread.c", "-O1", "-masm=intel", "-pthread", "-Wl,-z,now");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()), true)) {
            List<dev.stackviz.model.Stepped> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
            finder.onProgress(reports::add);
            StackSwitch jump = finder.next(Duration.ofSeconds(30));
            assertNotNull(jump, "the second thread's switch");
            Map<String, Long> printed = Programs.printed(finder.output(), 5);
            assertTrue(reports.stream().anyMatch(dev.stackviz.model.Stepped::gaveUp), "it said it gave up: " + reports);
            assertTrue(finder.sites() > 0, "breakpoints set then");
            assertEquals("thread " + printed.get("thread"), jump.thread());
            assertEquals(printed.get("rsp"), jump.after().rsp());
            assertEquals("hello+0x0", jump.landing().poppedWhere());
        }
    }

    /** Three threads switching at once through the same int3 in swapcontext: every switch of each is seen. */
    @Test
    void threeThreadsPingPongingAtOnceAreEachSeenSixTimes(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "threads_pingpong.c", "-O1", "-pthread");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            Map<String, Integer> perThread = new java.util.TreeMap<>();
            StackSwitch s;
            while ((s = finder.next(Duration.ofSeconds(10))) != null) {
                assertTrue(s.where().startsWith("swapcontext"), s.where());
                assertTrue(s.landing() != null && s.landing().byRet(), "each ends in swapcontext's ret");
                perThread.merge(s.thread(), 1, Integer::sum);
            }
            assertEquals(new WaitStatus.Exited(0), finder.end());
            finder.close(); // the pty's output ends once the program and the finder have closed it
            java.util.Set<String> threads = new java.util.TreeSet<>();
            for (String line : new String(finder.output().readAllBytes()).split("\n")) {
                if (line.startsWith("thread 0x")) {
                    threads.add("thread " + Long.parseLong(line.substring(9), 16));
                }
            }
            assertEquals(3, threads.size());
            Map<String, Integer> six = new java.util.TreeMap<>();
            threads.forEach(t -> six.put(t, 6));
            assertEquals(six, perThread, "3 rounds there and back in each thread");
        }
    }

    /** Its stdout is a terminal (a pty): a line it printed without fflush is there before it crashes. */
    @Test
    void aLinePrintedJustBeforeACrashIsNotLostInAPipesBuffer(@TempDir Path dir) throws Exception {
        Path exe = Programs.compile(dir, "unflushed.c", "-O1");
        try (SwitchFinder finder = SwitchFinder.start(List.of(exe.toString()))) {
            assertEquals(null, finder.next(Duration.ofSeconds(10)), "no switch: the fault");
            assertEquals(16, finder.fault().fault().address());
            assertEquals(null, finder.next(Duration.ofSeconds(10)), "let go, it dies of it");
            assertEquals(new WaitStatus.Killed(11, false), finder.end());
            finder.close();
            assertEquals("stdout is a terminal: yes\n", new String(finder.output().readAllBytes()));
        }
    }
}
