package dev.stackviz.machine;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.stackviz.model.Experiment;
import dev.stackviz.model.StackLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The isolated child: a JVM of its own that sets up the seed's stack on the parent's commands
 * (one per line on stdin) and then makes the seed's one-way jump. Replies start with "@sv "; the
 * target writes its line to the same stdout. Started by {@link IsolatedMachine}, never by hand.
 *
 * <p>Arguments: SIZE MISALIGN EXPERIMENT PARENT_PID [ignore-sigterm]
 */
public final class ChildMain {

    /** Memory the child owns below the buffer, so that an overflow lands somewhere harmless. */
    static final int MOAT = 64 * 1024;

    private final Memory region;
    private final Memory context = new Memory(NativeLayout.CTX_SIZE);
    private final Memory block = new Memory(NativeLayout.BLK_SIZE);
    private final StackLayout layout;
    private final Experiment experiment;
    private final long entry;
    private final SwitchLibrary library;
    private final PrintStream out = System.out;

    private ChildMain(int size, int misalign, Experiment experiment) {
        this.library = SwitchLibrary.load();
        this.experiment = experiment;
        // moat | guard | up to 15 bytes to reach 16 | misalign | buffer | guard
        this.region = new Memory(MOAT + 2L * Machine.GUARD + 2L * StackLayout.ALIGNMENT + size);
        long base = ((Pointer.nativeValue(region) + MOAT + Machine.GUARD + 15) & -16L) + misalign;
        this.layout = new StackLayout(base, size);
        this.entry = library.address(experiment.symbol());
        region.clear();
        context.clear();
        block.clear();
    }

    public static void main(String[] args) throws IOException {
        Libc libc = Libc.INSTANCE;
        libc.prctl(Libc.PR_SET_PDEATHSIG, Libc.SIGKILL, 0, 0, 0); // never outlive the app, even after kill -9
        if (libc.getppid() != Long.parseLong(args[3])) {
            System.exit(3); // the app died before the line above took effect
        }
        libc.setrlimit(Libc.RLIMIT_CORE, new long[] {0, 0}); // a crashing experiment leaves no core file
        if (args.length > 4 && args[4].equals("ignore-sigterm")) {
            libc.signal(Libc.SIGTERM, Libc.SIG_IGN); // a test's stubborn child: only SIGKILL ends it
        }
        new ChildMain(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Experiment.parse(args[2])).serve();
    }

    /** Commands are "NAME SEQ"; each reply that follows one carries its SEQ ("@sv window SEQ ..."). */
    private void serve() throws IOException {
        out.printf("@sv layout %x %d %x %x %x %x %d %x%n", layout.base(), layout.size(), entry,
                Pointer.nativeValue(context), Pointer.nativeValue(block), MOAT, Libc.INSTANCE.gettid(),
                library.address("sv_jump"));
        report("0");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.split(" ");
            String command = words[0];
            String number = words.length > 1 ? words[1] : "0";
            switch (command) {
                case "entry" -> region.setLong(layout.aligned() - experiment.entryBelowTop() - peer(), entry);
                case "context" -> {
                    context.setLong(NativeLayout.CTX_RSP, layout.aligned() - experiment.entryBelowTop());
                    context.setLong(NativeLayout.CTX_RBX, Pointer.nativeValue(block));
                }
                case "clear" -> {
                    region.clear();
                    context.clear();
                }
                case "switch" -> jump();
                default -> out.println("@sv error unknown command " + command);
            }
            report(number);
        }
        System.exit(0); // the app closed our stdin: it is gone or done with us
    }

    private void jump() {
        block.setLong(NativeLayout.BLK_FD, 1); // the target writes to our stdout, as the seed's println! does
        out.println("@sv switching");
        out.flush();
        library.jump(context);
    }

    /** The child's own view of its memory: the window and ctx.rsp, read before the parent looks. */
    private void report(String number) {
        long start = Machine.windowStart(layout, experiment);
        byte[] window = region.getByteArray(start - peer(), (int) (layout.top() + Machine.GUARD - start));
        out.println("@sv window " + number + " " + HexFormat.of().formatHex(window) + " "
                + Long.toHexString(context.getLong(NativeLayout.CTX_RSP)));
        out.flush();
    }

    private long peer() {
        return Pointer.nativeValue(region);
    }
}
