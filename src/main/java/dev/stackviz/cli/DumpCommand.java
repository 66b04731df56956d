package dev.stackviz.cli;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.StatusTexts;
import dev.stackviz.frame.Texts;
import dev.stackviz.frame.TraceTexts;
import dev.stackviz.machine.FibersMachine;
import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.TraceRefused;
import dev.stackviz.machine.TraceableMachine;
import dev.stackviz.machine.TracedRun;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.TraceStep;
import dev.stackviz.machine.Watchdog;
import dev.stackviz.model.Report;
import dev.stackviz.model.SeedDump;
import dev.stackviz.model.Step;
import dev.stackviz.session.Frames;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The seed program's output, line for line, from real memory; everything else on stderr. */
@Command(name = "dump", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Print the stack as the seed does, switch, and print what the target wrote.",
        description = "Print the stack as the seed does (mem: ADDR, val: BYTE), switch, print the target's line. "
            + "stdout holds only the seed's lines; notes and the watchdog's report go to stderr.")
public final class DumpCommand implements Callable<Integer> {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Mixin
    WatchdogOptions watchdog;

    @Option(names = "--trace", arity = "0..1", paramLabel = "N", fallbackValue = "40",
            description = {"Walk the switch one instruction at a time in the isolated child (implies --isolate): "
                + "each on stderr with rip, rsp and the registers it changed, read from the CPU (ptrace); "
                + "N instructions (default 40), then full speed. x86-64 only."})
    Integer trace;

    @Option(names = "--fibers", paramLabel = "N",
            description = {"Green threads instead: N fibers (2 to 4), each stack in the seed's format, then every "
                + "switch of the round-robin scheduler and what the fibers wrote, until it returns "
                + "(--stack-size defaults to the fibers' smallest, 16)."})
    Integer fibers;

    @Option(names = "--rounds", paramLabel = "R",
            description = "With --fibers: fiber i (from 0) returns after R+i rounds (default: ${DEFAULT-VALUE}).")
    long rounds = DUMP_ROUNDS;

    static final long DUMP_ROUNDS = 2;
    /** A dump steps every switch: this many at most, so that it ends. */
    static final long MAX_DUMP_ROUNDS = 10_000;

    @Override
    public Integer call() throws Exception {
        return Printed.checked(spec.commandLine().getOut(), dump());
    }

    private int dump() throws Exception {
        if (fibers != null) {
            return fibers();
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--rounds")) {
            throw new ParameterException(spec.commandLine(), "--rounds goes with --fibers N");
        }
        Duration deadline = watchdog.timeout(DEFAULT_TIMEOUT);
        Duration grace = watchdog.grace();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        stack.validate();
        if (trace != null && (trace < 1 || trace > 100_000)) {
            throw new ParameterException(spec.commandLine(), "--trace must be 1 to 100000 instructions, not " + trace);
        }
        if (trace != null && stack.simulate) {
            throw new ParameterException(spec.commandLine(), "--trace steps a real child process, and --simulate asks "
                    + "for none: choose one");
        }
        if (trace != null && Machines.x86Only() != null) {
            throw new StackvizException("--trace walks the switch in the isolated child, and " + Machines.x86Only());
        }
        Machines.Choice choice = trace == null ? stack.openMachine(grace)
                : stack.openMachine(stack.experiment() == null ? Experiment.NONE : stack.experiment(), grace);
        if (choice.note() != null) {
            err.println(choice.note());
        }
        try (Machine machine = choice.machine()) {
            machine.writeEntry();
            machine.writeContext();
            SeedDump dump = new SeedDump(machine.layout(), machine.read(SeedDump.lowest(machine.layout()),
                    machine.layout().size()), machine.simulated());
            dump.lines().forEach(out::println);
            out.flush();
            err.println(dump.offByOneNote());
            err.printf("entry: the target's address 0x%x is at %s = %d..%d, little-endian%s%n",
                    machine.entryAddress(), Texts.relative(machine.layout(), machine.entrySlot()), machine.entrySlot(),
                    machine.entrySlot() + 7, machine.simulated() ? " [SIMULATED]" : "");
            err.flush();
            return switchAndReport(machine, deadline, grace, out, err, trace);
        }
    }

    /**
     * Green threads as text: each fiber's stack in the seed's format before the first switch, then
     * switch after switch (stepped, as n steps them in the view) with what the fibers wrote, until
     * the scheduler returns. stdout holds the stacks, the switches and the lines; notes go to stderr.
     */
    private int fibers() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean sized = spec.commandLine().getParseResult().hasMatchedOption("--stack-size");
        int size = sized ? stack.size : FibersMachine.SMALLEST_STACK;
        for (String option : new String[] {"--misalign", "--isolate", "--experiment", "--trace", "--timeout",
            "--grace"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " does not go with --fibers");
            }
        }
        FibersOptions.check(spec, "--fibers", fibers, size);
        if (rounds < 1 || rounds > MAX_DUMP_ROUNDS) {
            throw new ParameterException(spec.commandLine(), "--rounds must be 1 to " + MAX_DUMP_ROUNDS
                    + " in a dump (the view runs more), not " + rounds);
        }
        Machines.FibersChoice choice = Machines.openFibers(fibers, size, rounds, stack.simulate);
        if (choice.note() != null) {
            err.println(choice.note());
        }
        return FibersDump.print(choice.machine(), out, err);
    }

    /** Up to {@code count} instructions, one line each on stderr; then the thread runs on untraced. */
    private static void walk(Machine machine, TracedRun run, int count, PrintWriter err) throws InterruptedException {
        err.println("stopped at " + run.trace().next().describe() + " (a hardware breakpoint)");
        for (int i = 0; i < count && run.traced(); i++) {
            boolean faulted = run.trace().status() == dev.stackviz.model.Trace.Status.FAULTED;
            TraceStep step = run.stepInstruction();
            if (step == null) {
                err.println(faulted ? "the signal is delivered" : ended(run));
                break;
            }
            err.println(TraceTexts.walkLine(machine.layout(), step));
            err.flush();
        }
        run.untrace();
    }

    /** The traced thread is gone, though nobody here asked: who ended it, and when. */
    private static String ended(TracedRun run) throws InterruptedException {
        run.awaitReturn(Duration.ofSeconds(1)); // the tracer has reaped the thread: the process goes at once
        long gone = run.returnedAt() == 0 ? System.nanoTime() : run.returnedAt();
        dev.stackviz.model.Fate fate = run.trace().fate();
        for (long end = System.nanoTime() + 1_000_000_000L; fate == null && System.nanoTime() < end; fate = run.fate()) {
            Thread.sleep(10); // the thread was gone before the tracer's waitpid saw how: the child's exit says
        }
        return TraceTexts.ended(run.trace(), fate, Duration.ofNanos(gone - run.switchedAt()));
    }

    private static int switchAndReport(Machine machine, Duration deadline, Duration grace,
                                       PrintWriter out, PrintWriter err, Integer trace) throws InterruptedException {
        StringBuffer output = new StringBuffer();
        java.util.function.Consumer<String> print = text -> {
            output.append(text);
            synchronized (out) {
                out.print(text);
                out.flush();
            }
        };
        Run run = null;
        Watchdog dog = null;
        if (trace != null && !(machine instanceof TraceableMachine)) {
            err.println("stackviz: stepping is not possible here: the simulated machine has no switch to trace; "
                    + "switching without it");
        } else if (trace != null) {
            try {
                TracedRun traced = ((TraceableMachine) machine).switchTraced(print);
                run = traced;
                // the clock starts with the switch and stands still while the walk holds the thread, as in
                // the view: the deadline and "ran" count the time the target ran, not the time spent stepping
                dog = new Watchdog(run, deadline, grace, report -> { }).start();
                dog.pause();
                walk(machine, traced, trace, err);
                dog.resume();
            } catch (TraceRefused e) {
                err.println("stackviz: stepping is not possible here: " + e.getMessage() + "; switching without it");
            }
        }
        if (run == null) {
            run = machine.switchTo(print);
        }
        if (dog == null) {
            dog = new Watchdog(run, deadline, grace, report -> { }).start();
        }
        Report report = dog.awaitReport(deadline.plus(grace).plusSeconds(10));
        synchronized (out) {
            out.flush();
        }
        if (report == null) {
            err.println("stackviz: the watchdog did not report; the target's thread is lost");
            return 1;
        }
        String tag = machine.simulated() ? " [SIMULATED]" : "";
        err.println(StatusTexts.report(report, machine.simulated(), run.oneWay()));
        long predicted = machine.entrySlot() + machine.isa().popped();
        if (run.wokeRsp() != 0) {
            err.printf("target woke with %s = %d (0x%x), %s the predicted %d%s%n", machine.isa().sp(), run.wokeRsp(),
                    run.wokeRsp(), run.wokeRsp() == predicted ? "equal to" : "NOT equal to", predicted, tag);
        } else if (run.fate() == null) {
            err.println("stackviz: the target never ran (the switch was refused)");
            return 1;
        } else {
            err.println("target's " + machine.isa().sp() + " at wake-up: not read, the child ended first");
        }
        if (machine.experiment() != null) {
            Frame last = Frames.capture(machine, Step.SWITCH, run, report, output.toString(), deadline,
                    System.nanoTime());
            err.println("experiment " + machine.experiment().option() + ": " + Texts.story(last));
        }
        if (run.fate() == null && run.written() < 0) {
            err.println("stackviz: the target's write(2) failed with errno " + -run.written());
            return 1;
        }
        return report.returned() ? 0 : 1;
    }
}
