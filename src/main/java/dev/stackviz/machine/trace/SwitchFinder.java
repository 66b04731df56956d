package dev.stackviz.machine.trace;

import dev.stackviz.model.Cpu;
import dev.stackviz.model.Instruction;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackFault;
import dev.stackviz.model.StackSwitch;
import dev.stackviz.model.Stepped;
import dev.stackviz.model.TraceStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Finds the stack switches of any program: starts it traced, and at its entry (when the C library
 * is mapped) sets an int3 on every instruction of its executable mappings that can move rsp to
 * another stack ({@link RspWriters}); at each hit it steps that instruction once. It is a switch
 * when rsp moved to another mapping, or by more than {@link #MAX_STACKFRAME} within one (Valgrind's
 * --max-stackframe idea: fiber stacks can share one mapping). After a switch it steps on to the
 * first ret or jmp on the new stack, or the fault that comes first.
 *
 * <p>Every thread is traced (PTRACE_O_TRACECLONE attaches each one the program makes, from its
 * start); when one stops at a breakpoint the others are held too, and a switch is that thread's.
 * Libraries loaded later (dlopen) are not armed.
 */
public final class SwitchFinder implements AutoCloseable, Tracee.Listener {

    /** A move of rsp within one mapping by more than this is a switch too (Valgrind's default, 2 MB). */
    public static final long MAX_STACKFRAME = 2_000_000;
    /** Steps after a switch, looking for its ret or jmp. */
    private static final int LANDING_STEPS = 32;
    /** The new stack's bytes shown on each side of rsp. */
    private static final int AROUND = 48;

    /** A file's code, where it is loaded: its sites and its symbols. */
    private record Code(Path file, long bias, RspWriters writers, java.util.function.Supplier<Symbols> symbols,
            boolean kept) {
    }

    /** {@code make}'s value, made when first asked for (nm on a file takes tens of ms: only where a name is needed). */
    private static <T> java.util.function.Supplier<T> once(java.util.function.Supplier<T> make) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    /** A file's code bigger than this is read in two halves side by side (libc's is 1.6 MB here). */
    private static final long SPLIT_ABOVE = 256 * 1024;

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Map<String, Code> code = new HashMap<>();
    /** Instructions already named: objdump of a few bytes at each, by file and address in it. */
    private final Map<String, Listing> listings = new HashMap<>();
    private Tracee.Launched launched;
    private int switches;
    private int sites;
    private int filesArmed;
    private int filesKept;
    private volatile WaitStatus end;
    /** A fault the program is held at: delivered when it is let go on. */
    private int pending;
    private StackFault fault;
    /** Where each thread the program made started: its rsp there, on the stack it was given. */
    private final Map<Integer, Long> threadStarts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Single-stepping every instruction of the program's thread instead of breakpoints ({@link #exhaustive}). */
    private boolean stepping;
    private SiteCache cache = SiteCache.off();
    private String objdump = "objdump";
    private boolean noDisassembler;
    private long stepped;
    private long steppingNanos;
    private java.util.function.Consumer<Stepped> progress = p -> { };
    /** Let go by {@link #next} until a timeout, and running still: the next call only waits. */
    private boolean running;
    /** Let go untraced ({@link #letGo}): its end is then its shell's exit status. */
    private boolean detached;
    /** The program's dynamic linker, its real path; null for a static program. */
    private Path interpreter;

    /** A fault the running program's instruction raised, as the engine reported it. */
    private record Faulted(int signal, dev.stackviz.machine.sys.Ptrace.Siginfo info, Cpu cpu) {
    }

    private SwitchFinder() {
    }

    /**
     * Starts {@code command} (its first word a path or a name on PATH), runs it to its entry and arms
     * the breakpoints. Throws with why (not found, not an x86-64 ELF, ptrace refused, objdump missing).
     */
    public static SwitchFinder start(List<String> command) throws IOException {
        return start(command, false, SiteCache.off());
    }

    /**
     * As {@link #start(List)}; {@code exhaustive} single-steps every instruction from the entry
     * instead (no breakpoint is set): it sees what breakpoints cannot (a signal frame, rt_sigreturn,
     * code written at run time), at about 30,000 instructions a second. It steps one thread: once the
     * program makes a second, breakpoints take over for all of them ({@link Stepped#gaveUp}).
     */
    public static SwitchFinder start(List<String> command, boolean exhaustive) throws IOException {
        return start(command, exhaustive, SiteCache.off());
    }

    /** As {@link #start(List, boolean)}, the sites of each file kept in (and taken from) {@code cache}. */
    public static SwitchFinder start(List<String> command, boolean exhaustive, SiteCache cache) throws IOException {
        return start(command, exhaustive, cache, "objdump");
    }

    /**
     * As {@link #start(List, boolean, SiteCache)} with {@code objdump} as the disassembler. Where it
     * cannot run, every instruction is single-stepped (breakpoints need a disassembler to find their
     * sites) and shown as its bytes: {@link #withoutDisassembler} says so.
     */
    static SwitchFinder start(List<String> command, boolean exhaustive, SiteCache cache, String objdump)
            throws IOException {
        Path program = resolve(command.get(0));
        Elf elf = Elf.read(program);
        SwitchFinder finder = new SwitchFinder();
        finder.interpreter = realPath(elf.interpreter());
        finder.objdump = objdump;
        finder.noDisassembler = !runs(objdump);
        finder.stepping = exhaustive || finder.noDisassembler;
        finder.cache = cache;
        List<String> argv = new ArrayList<>(command);
        argv.set(0, program.toString());
        finder.launched = Tracee.launch(argv, finder);
        try {
            finder.toEntry(program, elf);
            if (!finder.stepping) {
                finder.arm();
            }
        } catch (IOException | RuntimeException e) {
            finder.close();
            throw e;
        }
        return finder;
    }

    /** The program's pid. */
    public int pid() {
        return launched.pid();
    }

    /** What the program writes (stdout and stderr), as it writes it. */
    public java.io.InputStream output() {
        return launched.output();
    }

    /** Why instructions are single-stepped and shown as bytes (objdump cannot be run); null when it can. */
    public String withoutDisassembler() {
        return noDisassembler ? objdump + " is not installed (Debian: apt-get install binutils)" : null;
    }

    /** How many files' code carries breakpoints, and how many of them had their sites taken from the cache. */
    public int[] files() {
        return new int[] {filesArmed, filesKept};
    }

    /** How many instructions carry a breakpoint. */
    public int sites() {
        return sites;
    }

    /** Where exhaustive stepping reports how far it has come (about once a second, and when it gives up). */
    public void onProgress(java.util.function.Consumer<Stepped> listener) {
        progress = listener;
    }

    /** How many instructions exhaustive stepping has stepped, and in how long. */
    public Stepped stepped() {
        return new Stepped(stepped, steppingNanos, !stepping);
    }

    /** How the program ended; null while it runs. Let go untraced, its shell says (a signal as 128 + N). */
    public WaitStatus end() {
        if (end == null && detached && !launched.shell().isAlive()) {
            int code = launched.shell().exitValue();
            end = code > 128 ? new WaitStatus.Killed(code - 128, false) : new WaitStatus.Exited(code);
        }
        return end;
    }

    /** True while the program runs (let go by {@link #next} until its timeout, or untraced); false while it is held. */
    public boolean running() {
        return end() == null && (running || detached);
    }

    /** True once {@link #letGo} let it run on untraced. */
    public boolean detached() {
        return detached;
    }

    /**
     * Executes one instruction of the held thread (the one that switched) and returns it with the
     * registers after it; null if it ended, or faulted (then {@link #fault} says where: the next
     * {@link #next} delivers it).
     */
    public StackSwitch.Stepped stepOne() throws IOException {
        if (running || detached || end != null || pending != 0) {
            throw new IllegalStateException(pending != 0 ? "held at a fault: it is delivered next" : "not held");
        }
        Tracee tracee = launched.tracee();
        Cpu cpu = tracee.regs();
        Instruction next = instruction(Mappings.of(pid()), cpu.rip());
        Tracee.Step step = tracee.step();
        if (step instanceof Tracee.Step.Done done) {
            return new StackSwitch.Stepped(next.where(), next.text(), done.after());
        }
        if (step instanceof Tracee.Step.Faulted faulted) {
            pending = faulted.signal();
            fault = describe(faulted.signal(), faulted.info(), tracee.regs());
        }
        return null;
    }

    /**
     * Lets the program run on untraced at full speed: every int3 taken out of its code, every
     * thread detached. A fault it was held at is delivered first (it dies of it, as untraced).
     */
    public void letGo() {
        if (detached || end != null) {
            return;
        }
        Tracee tracee = launched.tracee();
        if (pending != 0 && !running) {
            tracee.resumeWith(pending);
            pending = 0;
        }
        tracee.detach();
        running = false;
        detached = true;
    }

    /**
     * The two stacks of {@code s} as memory holds them now (the program is held at its landing):
     * {@code around} bytes on each side of the old and the new rsp, as far as each one's mapping
     * goes, the mappings, and the heap chunks that hold them.
     */
    public dev.stackviz.model.SwitchMemory memory(StackSwitch s, int around) throws IOException {
        Mappings maps = Mappings.of(pid());
        Mappings.Mapping from = maps.find(s.before().rsp());
        Mappings.Mapping to = maps.find(s.after().rsp());
        return new dev.stackviz.model.SwitchMemory(region(from), region(to),
                windowStart(from, s.before().rsp(), around), window(from, s.before().rsp(), around),
                windowStart(to, s.after().rsp(), around), window(to, s.after().rsp(), around),
                chunk(to, s.after().rsp()), chunk(from, s.before().rsp()));
    }

    /** The malloc chunk holding {@code address} where its mapping is [heap]; null elsewhere or not found. */
    private dev.stackviz.model.SwitchMemory.Chunk chunk(Mappings.Mapping mapping, long address) throws IOException {
        return mapping != null && mapping.name().equals("[heap]")
                ? HeapChunks.holding(launched.tracee()::read, mapping.start(), mapping.end(), address) : null;
    }

    private dev.stackviz.model.SwitchMemory.Region region(Mappings.Mapping mapping) {
        return mapping == null ? null : new dev.stackviz.model.SwitchMemory.Region(name(mapping), mapping.start(),
                mapping.end());
    }

    /** How many threads the program has made so far (beside its first). */
    public int threadsMade() {
        return threadStarts.size();
    }

    /** The fault the program stopped at, shown before it is delivered (it dies of it then); null if none. */
    public StackFault fault() {
        return fault;
    }

    /**
     * Lets the program run to its next stack switch and returns it, held just after its landing (or
     * its fault); null if the program ended first, or if nothing came within {@code timeout}.
     */
    public StackSwitch next(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Tracee tracee = launched.tracee();
        if (stepping && end == null) {
            StackSwitch found = walkToSwitch(deadline);
            if (found != null || stepping || end != null || System.nanoTime() - deadline > 0) {
                return found;
            }
            arm(); // it made a second thread: breakpoints for them all, from here
        }
        while (end == null && !detached) {
            if (!running) {
                if (pending != 0) {
                    tracee.resumeWith(pending);
                    pending = 0;
                } else {
                    tracee.resume();
                }
                running = true;
            }
            Object event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                return null; // it runs on: the next call waits on
            }
            running = false;
            if (event instanceof WaitStatus) {
                return null;
            }
            if (event instanceof Faulted faulted) {
                pending = faulted.signal();
                fault = describe(faulted.signal(), faulted.info(), faulted.cpu());
                return null;
            }
            Cpu before = (Cpu) event;
            Tracee.Step step = tracee.step();
            if (step instanceof Tracee.Step.Done done && isSwitch(before.rsp(), done.after().rsp())) {
                return landing(before, done.after(), done.delivered());
            }
            if (step instanceof Tracee.Step.Faulted faulted) { // the mov rsp itself faulted: held there
                pending = faulted.signal();
                fault = describe(faulted.signal(), faulted.info(), tracee.regs());
                return null;
            }
            // done with no switch, or that thread ended (the others run on, or the program is ending)
        }
        return null;
    }

    /**
     * Single-steps the program's thread until rsp leaves its mapping or jumps more than
     * MAX_STACKFRAME, and that is a switch; null at a fault, its end, the deadline, or a second
     * thread (then {@link #stepping} is off).
     */
    private StackSwitch walkToSwitch(long deadline) throws IOException, InterruptedException {
        Tracee tracee = launched.tracee();
        if (pending != 0) { // a fault it was held at: delivered, it dies of it
            tracee.resumeWith(pending);
            pending = 0;
            events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        }
        Cpu cpu = tracee.regs();
        while (true) {
            Mappings.Mapping stack = Mappings.of(pid()).find(cpu.rsp());
            long low = stack == null ? cpu.rsp() : stack.start();
            long high = stack == null ? cpu.rsp() : stack.end();
            long started = System.nanoTime();
            long slice = Math.min(deadline - started, 1_000_000_000L);
            Tracee.Walked walked = tracee.walk(cpu, (before, after) -> after.rsp() < low || after.rsp() >= high
                    || Math.abs(after.rsp() - before.rsp()) > MAX_STACKFRAME, started + slice);
            stepped += walked.steps();
            steppingNanos += System.nanoTime() - started;
            if (walked.end() instanceof Tracee.Step.Faulted faulted) {
                pending = faulted.signal();
                fault = describe(faulted.signal(), faulted.info(), tracee.regs());
                progress.accept(stepped());
                return null;
            }
            if (walked.end() instanceof Tracee.Step.Ended) {
                if (end != null) {
                    progress.accept(stepped());
                    return null;
                }
                cpu = tracee.regs(); // that thread ended; its process goes on
                continue;
            }
            Tracee.Step.Done done = (Tracee.Step.Done) walked.end();
            Cpu after = done.after();
            if (!threadStarts.isEmpty()) {
                stepping = false;
                progress.accept(stepped());
                return null;
            }
            if (isSwitch(walked.before().rsp(), after.rsp())) {
                progress.accept(stepped());
                return landing(walked.before(), after, done.delivered());
            }
            progress.accept(stepped());
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            cpu = after;
        }
    }

    /** Ends the program (SIGKILL; the tracer's going would end it too: PTRACE_O_EXITKILL). */
    @Override
    public void close() {
        if (launched == null) {
            return;
        }
        ProcessHandle.of(launched.pid()).ifPresent(ProcessHandle::destroyForcibly);
        launched.tracee().close();
        try {
            launched.shell().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        launched.shell().destroyForcibly();
        launched.pty().close(); // the program is gone: its output ends once what it wrote is read
    }

    // ---- the engine's reports, on its thread ---------------------------------------------------

    @Override
    public void breakpoint(long address, Cpu cpu) {
        events.offer(cpu);
    }

    @Override
    public void cloned(int tid, Cpu start) {
        threadStarts.put(tid, start.rsp());
    }

    @Override
    public boolean faulted(int signal, dev.stackviz.machine.sys.Ptrace.Siginfo info, Cpu cpu) {
        events.offer(new Faulted(signal, info, cpu));
        return true;
    }

    @Override
    public void ended(WaitStatus status) {
        end = status;
        events.offer(status);
    }

    // ---- on the caller's thread ----------------------------------------------------------------

    private void toEntry(Path program, Elf elf) throws IOException {
        Tracee tracee = launched.tracee();
        Mappings maps = Mappings.of(pid());
        long bias = bias(maps, program.toString(), elf);
        tracee.breakAt(0, bias + elf.entry());
        tracee.resume();
        Object event;
        try {
            event = events.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (!(event instanceof Cpu)) {
            throw new IOException("the program did not reach its entry point"
                    + (event instanceof WaitStatus status ? ": it " + status : ""));
        }
        tracee.clearBreakpoint(0);
    }

    /**
     * Every file-backed executable mapping: its rsp writers get an int3 each. The files are read
     * (objdump, nm) side by side, one task each: libc's alone takes about half a second.
     */
    private void arm() throws IOException {
        if (noDisassembler) {
            return; // no sites without a disassembler: the threads run on untraced
        }
        Mappings maps = Mappings.of(pid());
        List<String> files = maps.mappings().stream().filter(m -> m.executable() && m.fileBacked())
                .map(Mappings.Mapping::file).distinct().toList();
        // threads of its own: the common pool has one worker on two cores, and these mostly wait on objdump
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(task -> {
            Thread reader = new Thread(task, "stackviz-trace-objdump");
            reader.setDaemon(true);
            return reader;
        });
        try {
            arm(maps, files, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private void arm(Mappings maps, List<String> files, java.util.concurrent.ExecutorService pool) throws IOException {
        List<java.util.concurrent.CompletableFuture<Code>> reading = new ArrayList<>();
        for (String file : files) {
            reading.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return read(maps, file, pool, cache, objdump);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, pool));
        }
        for (int i = 0; i < files.size(); i++) {
            Code loaded;
            try {
                loaded = reading.get(i).join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof java.io.UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e;
            }
            code.put(files.get(i), loaded);
            if (loaded == null) {
                continue;
            }
            filesArmed++;
            filesKept += loaded.kept() ? 1 : 0;
            for (RspWriters.Site site : loaded.writers().candidates()) {
                launched.tracee().insertBreakpoint(loaded.bias() + site.offset());
                sites++;
            }
        }
    }

    /** {@code file}'s code as this process has it loaded; null for what is not an x86-64 ELF (a vdso has no file). */
    private Code load(Mappings maps, String file) throws IOException {
        Code loaded = read(maps, file, null, cache, objdump);
        code.put(file, loaded);
        return loaded;
    }

    /**
     * Reads {@code file}'s code (any thread may: it touches nothing of this finder's); null where it
     * is no x86-64 ELF. A big one is read in two halves at once on {@code pool}; with no pool, its
     * sites are not read (it was loaded only to name an address in it).
     */
    private static Code read(Mappings maps, String file, java.util.concurrent.ExecutorService pool, SiteCache cache,
            String objdump) throws IOException {
        Path path = Path.of(file);
        Elf elf;
        try {
            elf = Elf.read(path);
        } catch (IOException e) {
            return null;
        }
        java.util.function.Supplier<Symbols> symbols = once(() -> Symbols.of(path));
        if (pool == null) {
            return new Code(path, bias(maps, file, elf), new RspWriters(List.of()), symbols, false);
        }
        RspWriters kept = cache.get(elf.buildId());
        if (kept != null) {
            return new Code(path, bias(maps, file, elf), kept, symbols, true);
        }
        long middle = symbols.get().middle(SPLIT_ABOVE);
        RspWriters writers;
        if (middle < 0) {
            writers = RspWriters.of(path, objdump, List.of());
        } else {
            java.util.concurrent.Future<RspWriters> low = pool.submit(
                    () -> RspWriters.of(path, objdump, List.of("--stop-address=0x" + Long.toHexString(middle))));
            RspWriters high = RspWriters.of(path, objdump, List.of("--start-address=0x" + Long.toHexString(middle)));
            try {
                writers = RspWriters.join(List.of(low.get(), high));
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        cache.put(elf.buildId(), writers);
        return new Code(path, bias(maps, file, elf), writers, symbols, false);
    }

    /** Where {@code file} is loaded: its mapping at file offset 0, less the lowest address it asks for. */
    private static long bias(Mappings maps, String file, Elf elf) throws IOException {
        for (Mappings.Mapping mapping : maps.mappings()) {
            if (mapping.file().equals(file) && mapping.offset() == 0) {
                return mapping.start() - elf.lowestLoad();
            }
        }
        throw new IOException(file + " has no mapping at file offset 0 in the program's memory map");
    }

    private boolean isSwitch(long from, long to) throws IOException {
        Mappings maps = Mappings.of(pid());
        Mappings.Mapping was = maps.find(from);
        Mappings.Mapping is = maps.find(to);
        if (is == null && was != null && to < was.start() && was.start() - to <= MAX_STACKFRAME) {
            return false; // just below its stack, not touched yet: the kernel grows the stack into it then
        }
        return is == null || was == null || is.start() != was.start() || Math.abs(to - from) > MAX_STACKFRAME;
    }

    /**
     * The switch just made: the facts, then the steps to its ret or jmp (or its fault). A switch made
     * by the kernel delivering {@code delivered} (its handler entered on another stack: sigaltstack)
     * is named so, at the handler: no instruction of the program made it.
     */
    private StackSwitch landing(Cpu before, Cpu after, int delivered) throws IOException {
        Tracee tracee = launched.tracee();
        Mappings maps = Mappings.of(pid());
        Instruction switched = delivered == 0 ? instruction(maps, before.rip())
                : new Instruction(after.rip(), "", 0, dev.stackviz.model.Fate.signalName(delivered)
                    + " delivered: the kernel wrote its signal frame there and entered the handler", 0, true);
        String switchedWhere = delivered == 0 ? switched.where() : where(maps, after.rip());
        Mappings.Mapping stack = maps.find(after.rsp());
        long from = windowStart(stack, after.rsp());
        byte[] window = window(stack, after.rsp());
        List<StackSwitch.Stepped> steps = new ArrayList<>();
        StackSwitch.Landing landing = null;
        TraceStep.Fault fault = null;
        Cpu cpu = after;
        for (int i = 0; i < LANDING_STEPS && landing == null && fault == null; i++) {
            Instruction next = instruction(maps, cpu.rip());
            long popped = next.mnemonic().equals("ret") ? u64(cpu.rsp()) : 0;
            Tracee.Step step = tracee.step();
            if (step instanceof Tracee.Step.Faulted faulted) {
                pending = faulted.signal();
                fault = new TraceStep.Fault(faulted.signal(), faulted.info().code(), faulted.info().address(),
                        Tracee.faultKind(faulted.signal(), faulted.info().code()));
                steps.add(new StackSwitch.Stepped(next.where(), next.text(), cpu));
            } else if (step instanceof Tracee.Step.Done done) {
                steps.add(new StackSwitch.Stepped(next.where(), next.text(), done.after()));
                if (next.mnemonic().equals("ret") || next.mnemonic().startsWith("jmp")) {
                    Mappings now = Mappings.of(pid());
                    landing = new StackSwitch.Landing(next.where(), next.text(), popped,
                            popped == 0 ? "" : where(now, popped), done.after().rip(), where(now, done.after().rip()),
                            done.after().rsp());
                }
                cpu = done.after();
            } else {
                break;
            }
        }
        long top = u64(after.rsp());
        Mappings.Mapping points = maps.find(top);
        String topWhere = points != null && points.executable() ? where(maps, top) : "";
        int thread = tracee.current();
        String threadName = threadStarts.isEmpty() ? "" : (thread == pid() ? "main thread " : "thread ") + thread;
        return new StackSwitch(++switches, threadName, switchedWhere, switched.text(), before, after,
                name(maps.find(before.rsp())), name(stack), from, window, topWhere, steps, landing, fault);
    }

    /** The fault, where it happened: the instruction, the registers, the stack around rsp. */
    private StackFault describe(int signal, dev.stackviz.machine.sys.Ptrace.Siginfo info, Cpu cpu) throws IOException {
        Mappings maps = Mappings.of(pid());
        Instruction at = instruction(maps, cpu.rip());
        Mappings.Mapping stack = maps.find(cpu.rsp());
        long from = windowStart(stack, cpu.rsp());
        byte[] window = window(stack, cpu.rsp());
        Mappings.Mapping code = maps.find(cpu.rip());
        boolean inDynamicLinker = interpreter != null && code != null && code.fileBacked()
                && interpreter.equals(realPath(code.file()));
        return new StackFault(new TraceStep.Fault(signal, info.code(), info.address(),
                Tracee.faultKind(signal, info.code())), at.where(), at.text(), cpu, name(stack), from, window,
                inDynamicLinker);
    }

    /** {@code path} with its links followed; null if it is empty or cannot be followed. */
    private static Path realPath(String path) {
        try {
            return path.isEmpty() ? null : Path.of(path).toRealPath();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** Where the bytes around {@code rsp} start: AROUND below it, or the start of its mapping. */
    private static long windowStart(Mappings.Mapping stack, long rsp) {
        return windowStart(stack, rsp, AROUND);
    }

    private static long windowStart(Mappings.Mapping stack, long rsp, int around) {
        return Math.max(rsp - around, stack == null ? rsp : stack.start());
    }

    /** The bytes around {@code rsp}, AROUND on each side, as far as its mapping goes; none if it is unmapped. */
    private byte[] window(Mappings.Mapping stack, long rsp) throws IOException {
        return window(stack, rsp, AROUND);
    }

    private byte[] window(Mappings.Mapping stack, long rsp, int around) throws IOException {
        long from = windowStart(stack, rsp, around);
        long to = Math.min(rsp + around, stack == null ? rsp : stack.end());
        return to > from ? launched.tracee().read(from, (int) (to - from)) : new byte[0];
    }

    private long u64(long address) {
        try {
            return StackLayout.fromLittleEndian(launched.tracee().read(address, 8), 0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The mapping's name; an anonymous one where a thread the program made started is that thread's stack. */
    private String name(Mappings.Mapping mapping) {
        if (mapping == null) {
            return "unmapped memory";
        }
        for (Map.Entry<Integer, Long> start : threadStarts.entrySet()) {
            if (!mapping.fileBacked() && mapping.contains(start.getValue())) {
                return "stack of thread " + start.getKey();
            }
        }
        return mapping.name();
    }

    /** The instruction at {@code address}, named from its file's listing. */
    private Instruction instruction(Mappings maps, long address) throws IOException {
        Mappings.Mapping mapping = maps.find(address);
        Code file = mapping == null || !mapping.fileBacked() ? null
                : code.containsKey(mapping.file()) ? code.get(mapping.file()) : load(maps, mapping.file());
        byte[] bytes;
        try {
            bytes = launched.tracee().read(address, 16);
        } catch (IOException e) {
            bytes = null;
        }
        if (file == null) {
            return new Instruction(address, name(mapping), mapping == null ? address : address - mapping.start(),
                    "?", 0, false);
        }
        Instruction listed = noDisassembler ? new Instruction(address, "", 0, Listing.undecoded(bytes), 0, false)
                : listing(file, address - file.bias()).instruction(address, file.bias(), bytes);
        String named = file.symbols().get().where(address - file.bias());
        String at = named != null ? named : file.file().getFileName() + "+0x" + Long.toHexString(address - file.bias());
        int plus = at.lastIndexOf("+0x");
        return new Instruction(address, at.substring(0, plus), Long.parseUnsignedLong(at.substring(plus + 3), 16),
                listed.text(), listed.length(), listed.matched());
    }

    /** {@code symbol+0xOFF} for an address in a file's code; {@code mapping+0xOFF} elsewhere. */
    private String where(Mappings maps, long address) {
        try {
            Mappings.Mapping mapping = maps.find(address);
            if (mapping == null) {
                return "unmapped";
            }
            Code file = mapping.fileBacked() ? (code.containsKey(mapping.file()) ? code.get(mapping.file())
                    : load(maps, mapping.file())) : null;
            if (file != null) {
                String named = file.symbols().get().where(address - file.bias());
                if (named != null) {
                    return named;
                }
                return file.file().getFileName() + "+0x" + Long.toHexString(address - file.bias());
            }
            return mapping.name() + "+0x" + Long.toHexString(address - mapping.start());
        } catch (IOException e) {
            return "?";
        }
    }

    /** The instruction at {@code vaddr} in {@code file}, as objdump reads the few bytes there (not all the file: fast). */
    private Listing listing(Code file, long vaddr) throws IOException {
        String key = file.file() + "@" + vaddr;
        Listing listed = listings.get(key);
        if (listed == null) {
            listed = Listing.parse(objdump(objdump, file.file(), "--start-address=0x" + Long.toHexString(vaddr),
                    "--stop-address=0x" + Long.toHexString(vaddr + 16)));
            listings.put(key, listed);
        }
        return listed;
    }

    /** Whether {@code objdump --version} runs. */
    private static boolean runs(String objdump) {
        try {
            Process process = new ProcessBuilder(objdump, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String objdump(String objdump, Path file, String... range) throws IOException {
        Process process;
        List<String> command = new ArrayList<>(List.of(objdump, "-d", "-M", "intel"));
        command.addAll(List.of(range));
        command.add(file.toAbsolutePath().toString());
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("objdump is not installed (Debian: apt-get install binutils)", e);
        }
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("objdump -d " + file + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return text;
    }

    /** A path as given, or the first executable of that name on PATH. */
    private static Path resolve(String program) throws IOException {
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (!Files.exists(path)) {
                throw new IOException(program + ": not found");
            }
            if (Files.isDirectory(path)) {
                throw new IOException(program + ": is a directory, not a program");
            }
            if (!Files.isExecutable(path)) {
                throw new IOException(program + ": not executable");
            }
            return path.toRealPath();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path path = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(path) && !Files.isDirectory(path)) {
                return path.toRealPath();
            }
        }
        throw new IOException(program + ": not found on PATH");
    }
}
