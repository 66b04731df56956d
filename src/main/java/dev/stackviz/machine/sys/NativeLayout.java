package dev.stackviz.machine.sys;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.Isa;
import dev.stackviz.model.Registers;
import dev.stackviz.model.TargetLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The offsets of asm/sv_layout.h, in the same order as the library's sv_layout table, for the
 * instruction set this JVM runs on (struct sv_context is x86-64's or AArch64's; what follows it moves with it).
 * SwitchLayoutTest checks each against that table; the targets' offsets are the model's
 * ({@link TargetLayout}), so the screen's arithmetic and the assembly's are checked as one.
 */
public final class NativeLayout {

    /** The switch's instruction set: the layout of struct sv_context is its own. */
    private static final boolean AARCH64 = Isa.host() == Isa.AARCH64;

    /** The stack pointer's slot: rsp, or sp on AArch64. */
    public static final int CTX_SP = 0x00;
    /** The slots of {@link Isa#calleeSaved()}, in that order (x86-64: rbx, rbp, r12-r15). */
    private static final int[] CTX_SAVED = AARCH64
            ? new int[] {0x08, 0x10, 0x18, 0x20, 0x28, 0x30, 0x38, 0x40, 0x48, 0x50, 0x58, 0x60}
            : new int[] {0x28, 0x30, 0x20, 0x18, 0x10, 0x08};
    /** The slot the target's block pointer travels in: rbx, or x19 on AArch64. */
    public static final int CTX_BLOCK = CTX_SAVED[0];
    /** The slot the scheduler's pointer travels in, in a fiber: r12, or x20 on AArch64. */
    public static final int CTX_SCHED = CTX_SAVED[AARCH64 ? 1 : 2];
    /** AArch64 only: x30, where sv_swap's ret goes; a fresh fiber's holds sv_start. */
    public static final int CTX_X30 = CTX_SAVED[CTX_SAVED.length - 1];
    /** AArch64 only: d8, the first of d8-d15. */
    private static final int CTX_D8 = 0x68;
    public static final int CTX_SIGMASK = AARCH64 ? 0xA8 : 0x38;
    public static final int CTX_SIZE = AARCH64 ? 0xB0 : 0x40;

    public static final int BLK_STOP = 0x00;
    public static final int BLK_WOKE_RSP = 0x08;
    public static final int BLK_FD = 0x10;
    public static final int BLK_BACK = 0x18;
    public static final int BLK_WRITTEN = 0x20;
    public static final int BLK_CALL_RSP = 0x28;
    public static final int BLK_SIZE = 0x30;

    public static final int FIB_CTX = 0x00;
    public static final int FIB_INDEX = CTX_SIZE;
    public static final int FIB_COUNTER = CTX_SIZE + 0x08;
    public static final int FIB_ROUNDS = CTX_SIZE + 0x10;
    public static final int FIB_STATE = CTX_SIZE + 0x18;
    public static final int FIB_LINE = CTX_SIZE + 0x20;
    public static final int FIB_LINE_SIZE = 0x20;
    public static final int FIB_SIZE = CTX_SIZE + 0x40;

    public static final int SCHED_MAIN = 0x00;
    public static final int SCHED_COUNT = CTX_SIZE;
    public static final int SCHED_CURRENT = CTX_SIZE + 0x08;
    public static final int SCHED_FD = CTX_SIZE + 0x10;
    public static final int SCHED_MODE = CTX_SIZE + 0x18;
    public static final int SCHED_GATE = CTX_SIZE + 0x20;
    public static final int SCHED_WAITING = CTX_SIZE + 0x28;
    public static final int SCHED_SWITCHES = CTX_SIZE + 0x30;
    public static final int SCHED_FROM = CTX_SIZE + 0x38;
    public static final int SCHED_TO = CTX_SIZE + 0x40;
    public static final int SCHED_QUIET = CTX_SIZE + 0x48;
    public static final int SCHED_MASK = CTX_SIZE + 0x50;
    public static final int SCHED_NEXT = CTX_SIZE + 0x58;
    public static final int SCHED_FIBERS = CTX_SIZE + 0x80;
    public static final int SCHED_MAX = 4;
    public static final int SCHED_SIZE = SCHED_FIBERS + SCHED_MAX * FIB_SIZE;

    /** The scheduler's modes (SCHED_MODE). A fiber's state (FIB_STATE) is a {@link Fiber.Status}'s ordinal. */
    public static final long SCHED_STEP = 0;
    public static final long SCHED_RUN = 1;
    public static final long SCHED_STOP = 2;

    /** The table above in sv_layout's order, with each entry's name in asm/sv_layout.h. */
    public static final String[] NAMES = concat(AARCH64
            ? new String[] {"CTX_SP", "CTX_X19", "CTX_X20", "CTX_X21", "CTX_X22", "CTX_X23", "CTX_X24", "CTX_X25",
                "CTX_X26", "CTX_X27", "CTX_X28", "CTX_X29", "CTX_X30", "CTX_D8", "CTX_SIGMASK", "CTX_SIZE"}
            : new String[] {"CTX_RSP", "CTX_R15", "CTX_R14", "CTX_R13", "CTX_R12", "CTX_RBX", "CTX_RBP",
                "CTX_SIGMASK", "CTX_SIZE"}, new String[] {
        "BLK_STOP", "BLK_WOKE_RSP", "BLK_FD", "BLK_BACK", "BLK_WRITTEN", "BLK_CALL_RSP", "BLK_SIZE",
        "ENTRY_BELOW_TOP", "HELLO_HEARTBEAT_BELOW_TOP",
        "MISALIGNED_ENTRY_BELOW_TOP", "MISALIGNED_HEARTBEAT_BELOW_TOP", "SSE_FRAME",
        "OVERFLOW_PUSHES", "OVERFLOW_HEARTBEAT_BELOW_TOP", "LIBC_CALL_PAD",
        "FIB_CTX", "FIB_INDEX", "FIB_COUNTER", "FIB_ROUNDS", "FIB_STATE", "FIB_LINE", "FIB_LINE_SIZE", "FIB_SIZE",
        "SCHED_MAIN", "SCHED_COUNT", "SCHED_CURRENT", "SCHED_FD", "SCHED_MODE", "SCHED_GATE", "SCHED_WAITING",
        "SCHED_SWITCHES", "SCHED_FROM", "SCHED_TO", "SCHED_QUIET", "SCHED_MASK", "SCHED_NEXT", "SCHED_FIBERS",
        "SCHED_MAX", "SCHED_SIZE", "FIBER_FINISH_BELOW_TOP", "FIBER_FRAMES",
        "SCHED_STEP", "SCHED_RUN", "SCHED_STOP", "FIBER_READY", "FIBER_RUNNING", "FIBER_DONE",
    });

    public static final long[] TABLE = concat(AARCH64
            ? new long[] {CTX_SP, CTX_SAVED[0], CTX_SAVED[1], CTX_SAVED[2], CTX_SAVED[3], CTX_SAVED[4], CTX_SAVED[5],
                CTX_SAVED[6], CTX_SAVED[7], CTX_SAVED[8], CTX_SAVED[9], CTX_SAVED[10], CTX_SAVED[11], CTX_D8,
                CTX_SIGMASK, CTX_SIZE}
            : new long[] {CTX_SP, CTX_SAVED[5], CTX_SAVED[4], CTX_SAVED[3], CTX_SAVED[2], CTX_SAVED[0], CTX_SAVED[1],
                CTX_SIGMASK, CTX_SIZE}, new long[] {
        BLK_STOP, BLK_WOKE_RSP, BLK_FD, BLK_BACK, BLK_WRITTEN, BLK_CALL_RSP, BLK_SIZE,
        TargetLayout.ENTRY_BELOW_TOP, TargetLayout.HELLO_HEARTBEAT_BELOW_TOP,
        TargetLayout.MISALIGNED_ENTRY_BELOW_TOP, TargetLayout.MISALIGNED_HEARTBEAT_BELOW_TOP, TargetLayout.SSE_FRAME,
        TargetLayout.OVERFLOW_PUSHES, TargetLayout.OVERFLOW_HEARTBEAT_BELOW_TOP, TargetLayout.LIBC_CALL_PAD,
        FIB_CTX, FIB_INDEX, FIB_COUNTER, FIB_ROUNDS, FIB_STATE, FIB_LINE, FIB_LINE_SIZE, FIB_SIZE,
        SCHED_MAIN, SCHED_COUNT, SCHED_CURRENT, SCHED_FD, SCHED_MODE, SCHED_GATE, SCHED_WAITING,
        SCHED_SWITCHES, SCHED_FROM, SCHED_TO, SCHED_QUIET, SCHED_MASK, SCHED_NEXT, SCHED_FIBERS,
        SCHED_MAX, SCHED_SIZE, TargetLayout.FIBER_FINISH_BELOW_TOP, TargetLayout.FIBER_FRAMES,
        SCHED_STEP, SCHED_RUN, SCHED_STOP,
        Fiber.Status.READY.ordinal(), Fiber.Status.RUNNING.ordinal(), Fiber.Status.DONE.ordinal(),
    });

    private NativeLayout() {
    }

    /**
     * The registers a context holds, each read by {@code slot} from its offset in struct sv_context;
     * the signal mask too if {@code withMask} (else 0).
     */
    public static Registers registers(IntToLongFunction slot, boolean withMask) {
        List<Long> values = new ArrayList<>(CTX_SAVED.length);
        for (int offset : CTX_SAVED) {
            values.add(slot.applyAsLong(offset));
        }
        return new Registers(Isa.host(), slot.applyAsLong(CTX_SP), values, withMask ? slot.applyAsLong(CTX_SIGMASK) : 0);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
