package dev.stackviz.frame;

import dev.stackviz.model.Cpu;
import dev.stackviz.model.StackFault;
import dev.stackviz.model.StackSwitch;
import dev.stackviz.model.SwitchMemory;
import dev.stackviz.model.TraceStep;
import java.util.Arrays;
import java.util.List;

/**
 * A traced program's frames made by hand, as the C seed's switch looks (a 48-byte malloc'd buffer,
 * hello's address at aligned-16), for the tests of the trace view's texts, grids and painter. The
 * tests against the real tracer are TraceSessionTest, TraceSizesTest and TraceViewIT.
 */
public final class TraceFrames {

    public static final long OLD_RSP = 0x7ffd_0000_1d50L;
    public static final long STACK_START = 0x7ffd_0000_0000L;
    public static final long STACK_END = 0x7ffd_0000_2000L;
    public static final long HEAP_START = 0x5555_0000_0000L;
    public static final long HEAP_END = 0x5555_0002_1000L;
    public static final long BUFFER = 0x5555_0000_02a0L;
    public static final long NEW_RSP = BUFFER + 32;
    public static final long HELLO = 0x5555_1234_5159L;
    public static final int AROUND = 256;

    private TraceFrames() {
    }

    public static Cpu cpu(long rsp, long rbx, long rip) {
        long[] values = new long[Cpu.NAMES.length];
        values[Arrays.asList(Cpu.NAMES).indexOf("rsp")] = rsp;
        values[Arrays.asList(Cpu.NAMES).indexOf("rbx")] = rbx;
        values[Arrays.asList(Cpu.NAMES).indexOf("rip")] = rip;
        return new Cpu(values);
    }

    static void put(byte[] window, long start, long address, long value) {
        for (int i = 0; i < 8; i++) {
            window[(int) (address - start) + i] = (byte) (value >>> (8 * i));
        }
    }

    /** The old stack's bytes: each 8-byte row holds its own offset from the window's start. */
    static byte[] oldWindow() {
        byte[] bytes = new byte[2 * AROUND];
        for (int row = 0; row < bytes.length; row += 8) {
            put(bytes, 0, row, row);
        }
        return bytes;
    }

    /** The heap around the new rsp: glibc's size field 0x41 below the buffer, hello at rsp, the next chunk's 0x411. */
    static byte[] newWindow() {
        byte[] bytes = new byte[2 * AROUND];
        long start = NEW_RSP - AROUND;
        put(bytes, start, BUFFER - 8, 0x41);
        put(bytes, start, NEW_RSP, HELLO);
        put(bytes, start, BUFFER + 56, 0x411);
        return bytes;
    }

    public static StackSwitch.Landing ret(String ripWhere, long rsp) {
        return new StackSwitch.Landing("main+0x52", "ret", HELLO, "hello+0x0", HELLO, ripWhere, rsp);
    }

    public static StackSwitch jump(StackSwitch.Landing landing, TraceStep.Fault fault) {
        byte[] window = Arrays.copyOfRange(newWindow(), AROUND - 48, AROUND + 48);
        return new StackSwitch(1, "", "main+0x4f", "mov rsp, qword ptr [rax]", cpu(OLD_RSP, 7, 0x1000),
                cpu(NEW_RSP, 7, 0x1003), "[stack]", "[heap]", NEW_RSP - 48, window, "hello+0x0",
                List.of(new StackSwitch.Stepped("main+0x52", "ret", cpu(NEW_RSP + 8, 7, HELLO))), landing, fault);
    }

    public static SwitchMemory memory() {
        return new SwitchMemory(new SwitchMemory.Region("[stack]", STACK_START, STACK_END),
                new SwitchMemory.Region("[heap]", HEAP_START, HEAP_END), OLD_RSP - AROUND, oldWindow(),
                NEW_RSP - AROUND, newWindow(), new SwitchMemory.Chunk(BUFFER - 8, 0x41));
    }

    public static TraceFrame.Seen seen() {
        return new TraceFrame.Seen(jump(ret("hello+0x0", NEW_RSP + 8), null), memory());
    }

    public static final String OUTPUT = "hello 0x555512345159\nrsp 0x5555000002c0\nbuffer 0x5555000002a0\n";
    public static final String SETUP = "189 instructions that can move rsp carry an int3, in 3 files";

    public static TraceFrame frame(TraceFrame.State state, List<TraceFrame.Seen> seen, int selected,
                                   List<StackSwitch.Stepped> stepped, StackFault fault) {
        return new TraceFrame("./seed_jump", 4321, state, seen, selected, false, stepped, fault, null, OUTPUT, SETUP,
                Frame.Overlay.NONE, "");
    }

    /** Held after the seed's switch, as n leaves it. */
    public static TraceFrame held() {
        return frame(TraceFrame.State.HELD, List.of(seen()), 0, List.of(), null);
    }

    /** The misaligned jump's fault: movaps at hello+0x4 with rsp % 16 = 8. */
    public static StackFault movaps() {
        byte[] window = new byte[96];
        put(window, 0, 48, HELLO);
        return new StackFault(new TraceStep.Fault(11, 0x80, 0, "general protection"), "hello+0x4",
                "movaps xmmword ptr [rsp], xmm0", cpu(NEW_RSP - 8, 7, HELLO + 4), "[heap]", NEW_RSP - 56, window, false);
    }
}
