package dev.stackviz.machine;

import dev.stackviz.machine.trace.SwitchFinder;
import dev.stackviz.machine.trace.WaitStatus;
import dev.stackviz.model.Fate;
import dev.stackviz.model.StackSwitch;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * A program the user wrote, run under the tracer, stopped at each stack switch (the engine:
 * machine.trace's SwitchFinder). All its threads are traced; only the code mapped at its entry (the
 * program and the libraries it was linked with) carries breakpoints.
 */
public final class ProgramTrace implements AutoCloseable {

    private final SwitchFinder finder;

    private ProgramTrace(SwitchFinder finder) {
        this.finder = finder;
    }

    /** Starts {@code command}; throws with one line why it cannot be traced (not found, not x86-64, ptrace refused...). */
    public static ProgramTrace start(List<String> command) throws IOException {
        return start(command, false);
    }

    /** As {@link #start(List)}; {@code exhaustive} single-steps every instruction instead of breakpoints. */
    public static ProgramTrace start(List<String> command, boolean exhaustive) throws IOException {
        return start(command, exhaustive, null);
    }

    /**
     * As {@link #start(List, boolean)}; the sites of each file read are kept by its build id in
     * {@code cache} (null: nothing kept, every file disassembled again).
     */
    public static ProgramTrace start(List<String> command, boolean exhaustive, java.nio.file.Path cache)
            throws IOException {
        return new ProgramTrace(SwitchFinder.start(command, exhaustive,
                cache == null ? dev.stackviz.machine.trace.SiteCache.off() : dev.stackviz.machine.trace.SiteCache.in(cache)));
    }

    /**
     * Where the sites are kept unless told otherwise: $XDG_CACHE_HOME/stackviz/rsp-writers, else
     * ~/.cache/stackviz/rsp-writers.
     */
    public static java.nio.file.Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        java.nio.file.Path base = xdg != null && xdg.startsWith("/") ? java.nio.file.Path.of(xdg)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("stackviz").resolve("rsp-writers");
    }

    /** Where exhaustive stepping says how far it has come (about once a second). */
    public void onProgress(java.util.function.Consumer<dev.stackviz.model.Stepped> listener) {
        finder.onProgress(listener);
    }

    /** Whether stackviz's stderr is a terminal (a progress line can be rewritten in place there). */
    public static boolean stderrIsTerminal() {
        return dev.stackviz.machine.sys.Posix.isTerminal(2);
    }

    /** How far exhaustive stepping has come. */
    public dev.stackviz.model.Stepped stepped() {
        return finder.stepped();
    }

    public int pid() {
        return finder.pid();
    }

    /** How many instructions carry a breakpoint (the rsp writers of the code mapped at the entry). */
    public int sites() {
        return finder.sites();
    }

    /** How many files carry breakpoints, and how many of them had their sites from the cache. */
    public int[] files() {
        return finder.files();
    }

    /** Why every instruction is single-stepped and shown as its bytes (no objdump); null when objdump runs. */
    public String withoutDisassembler() {
        return finder.withoutDisassembler();
    }

    /** The program's output (stdout and stderr). */
    public InputStream output() {
        return finder.output();
    }

    /** Runs to the next switch; null once the program has ended or nothing came within {@code timeout}. */
    public StackSwitch next(Duration timeout) throws IOException, InterruptedException {
        return finder.next(timeout);
    }

    /** The fault the program stopped at (shown before it is delivered: it dies of it then); null if none. */
    public dev.stackviz.model.StackFault fault() {
        return finder.fault();
    }


    /** True while the program runs (to its next switch, or untraced after {@link #letGo}); false while held. */
    public boolean running() {
        return finder.running();
    }

    /** True once {@link #letGo} let it run on untraced. */
    public boolean detached() {
        return finder.detached();
    }

    /**
     * One instruction of the held thread, the registers after it from the CPU; null if it ended or
     * faulted ({@link #fault} says where). Held only.
     */
    public StackSwitch.Stepped step() throws IOException {
        return finder.stepOne();
    }

    /** Lets the program run on untraced at full speed: its breakpoints taken out, its threads detached. */
    public void letGo() {
        finder.letGo();
    }

    /** Stops (SIGSTOP) or continues (SIGCONT) a program let go untraced: Ctrl-Z pauses it with the view. */
    public void pauseUntraced(boolean stop) {
        if (finder.detached() && finder.end() == null) {
            dev.stackviz.machine.sys.Posix.kill(finder.pid(), stop ? dev.stackviz.machine.sys.Posix.SIGSTOP
                    : dev.stackviz.machine.sys.Posix.SIGCONT);
        }
    }

    /** Ends the program now with SIGKILL, from any thread: a wait in {@link #next} returns with its end. */
    public void kill() {
        ProcessHandle.of(finder.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * The two stacks of switch {@code s}, {@code around} bytes each side of each rsp, their mappings
     * and the heap chunk of the new rsp, as memory holds them now: read while it is held at the switch.
     */
    public dev.stackviz.model.SwitchMemory memory(StackSwitch s, int around) throws IOException {
        return finder.memory(s, around);
    }

    /** How the program ended; null while it runs. */
    public Fate fate() {
        WaitStatus end = finder.end();
        return end == null ? null : end.fate();
    }

    /** Ends the program with SIGKILL if it still runs. */
    @Override
    public void close() {
        finder.close();
    }
}
