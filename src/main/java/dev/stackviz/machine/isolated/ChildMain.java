package dev.stackviz.machine.isolated;

import dev.stackviz.machine.Machine;
import dev.stackviz.machine.sys.NativeLayout;
import dev.stackviz.machine.sys.Posix;
import dev.stackviz.machine.sys.RawMemory;
import dev.stackviz.machine.sys.SwitchLibrary;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.StackLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The isolated child: a JVM of its own that sets up the seed's stack on the parent's commands
 * (one per line on stdin, {@link ChildProtocol}) and then makes the seed's one-way jump. The
 * target writes its line to the same stdout. Started by {@link IsolatedMachine}, never by hand.
 *
 * <p>Arguments: SIZE MISALIGN EXPERIMENT PARENT_PID [ignore-sigterm]
 */
public final class ChildMain {

    /** Memory the child owns below the buffer, so that an overflow lands somewhere harmless. */
    static final int MOAT = 64 * 1024;

    private final RawMemory region;
    private final RawMemory context = RawMemory.allocate(NativeLayout.CTX_SIZE);
    private final RawMemory block = RawMemory.allocate(NativeLayout.BLK_SIZE);
    private final StackLayout layout;
    private final Experiment experiment;
    private final long entry;
    private final SwitchLibrary library;
    private final PrintStream out = System.out;

    private ChildMain(int size, int misalign, Experiment experiment) {
        this.library = SwitchLibrary.load();
        this.experiment = experiment;
        // moat | guard | up to 15 bytes to reach 16 | misalign | buffer | guard
        this.region = RawMemory.allocate(MOAT + 2L * Machine.GUARD + 2L * StackLayout.ALIGNMENT + size);
        long base = ((region.address() + MOAT + Machine.GUARD + 15) & -16L) + misalign;
        this.layout = new StackLayout(base, size);
        this.entry = library.address(experiment.symbol());
    }

    public static void main(String[] args) throws IOException {
        Posix.dieWithParent(); // never outlive the app, even after kill -9
        if (Posix.parentPid() != Long.parseLong(args[3])) {
            System.exit(3); // the app died before the line above took effect
        }
        Posix.noCoreFiles(); // a crashing experiment leaves no core file
        if (args.length > 4 && args[4].equals("ignore-sigterm")) {
            Posix.ignoreSigterm(); // a test's stubborn child: only SIGKILL ends it
        }
        new ChildMain(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Experiment.parse(args[2])).serve();
    }

    private void serve() throws IOException {
        out.println(new ChildProtocol.Layout(layout.base(), layout.size(), entry, context.address(), block.address(),
                MOAT, Posix.tid(), library.address("sv_jump")).line());
        report(0);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.split(" ");
            long seq = words.length > 1 ? Long.parseLong(words[1]) : 0;
            ChildProtocol.Command command = ChildProtocol.Command.of(words[0]);
            if (command == null) {
                out.println(ChildProtocol.error("unknown command " + words[0]));
            } else {
                switch (command) {
                    case ENTRY -> region.putLong(entrySlot(), entry);
                    case CONTEXT -> {
                        context.putLong(context.address() + NativeLayout.CTX_SP, entrySlot());
                        context.putLong(context.address() + NativeLayout.CTX_BLOCK, block.address());
                    }
                    case CLEAR -> {
                        region.clear();
                        context.clear();
                    }
                    case SWITCH -> jump();
                }
            }
            report(seq);
        }
        System.exit(0); // the app closed our stdin: it is gone or done with us
    }

    private long entrySlot() {
        return layout.aligned() - experiment.entryBelowTop();
    }

    private void jump() {
        block.putLong(block.address() + NativeLayout.BLK_FD, 1); // the target writes to our stdout, as the seed's println! does
        out.println(ChildProtocol.PREFIX + ChildProtocol.SWITCHING);
        out.flush();
        library.jump(context.address());
    }

    /** The child's own view of its memory: the window and ctx.rsp, read before the parent looks. */
    private void report(long seq) {
        long start = Machine.windowStart(layout, experiment);
        byte[] window = region.read(start, (int) (layout.top() + Machine.GUARD - start));
        out.println(new ChildProtocol.Window(seq, window, context.getLong(context.address() + NativeLayout.CTX_SP))
                .line());
        out.flush();
    }
}
