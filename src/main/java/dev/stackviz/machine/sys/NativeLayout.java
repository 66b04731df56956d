package dev.stackviz.machine.sys;

import dev.stackviz.model.Fiber;
import dev.stackviz.model.TargetLayout;

/**
 * The offsets of asm/sv_layout.h, in the same order as the library's sv_layout table.
 * SwitchLayoutTest checks each against that table; the targets' offsets are the model's
 * ({@link TargetLayout}), so the screen's arithmetic and the assembly's are checked as one.
 */
public final class NativeLayout {

    public static final int CTX_RSP = 0x00;
    public static final int CTX_R15 = 0x08;
    public static final int CTX_R14 = 0x10;
    public static final int CTX_R13 = 0x18;
    public static final int CTX_R12 = 0x20;
    public static final int CTX_RBX = 0x28;
    public static final int CTX_RBP = 0x30;
    public static final int CTX_SIGMASK = 0x38;
    public static final int CTX_SIZE = 0x40;

    public static final int BLK_STOP = 0x00;
    public static final int BLK_WOKE_RSP = 0x08;
    public static final int BLK_FD = 0x10;
    public static final int BLK_BACK = 0x18;
    public static final int BLK_WRITTEN = 0x20;
    public static final int BLK_CALL_RSP = 0x28;
    public static final int BLK_SIZE = 0x30;

    public static final int FIB_CTX = 0x00;
    public static final int FIB_INDEX = 0x40;
    public static final int FIB_COUNTER = 0x48;
    public static final int FIB_ROUNDS = 0x50;
    public static final int FIB_STATE = 0x58;
    public static final int FIB_LINE = 0x60;
    public static final int FIB_LINE_SIZE = 0x20;
    public static final int FIB_SIZE = 0x80;

    public static final int SCHED_MAIN = 0x00;
    public static final int SCHED_COUNT = 0x40;
    public static final int SCHED_CURRENT = 0x48;
    public static final int SCHED_FD = 0x50;
    public static final int SCHED_MODE = 0x58;
    public static final int SCHED_GATE = 0x60;
    public static final int SCHED_WAITING = 0x68;
    public static final int SCHED_SWITCHES = 0x70;
    public static final int SCHED_FROM = 0x78;
    public static final int SCHED_TO = 0x80;
    public static final int SCHED_QUIET = 0x88;
    public static final int SCHED_MASK = 0x90;
    public static final int SCHED_NEXT = 0x98;
    public static final int SCHED_FIBERS = 0xC0;
    public static final int SCHED_MAX = 4;
    public static final int SCHED_SIZE = SCHED_FIBERS + SCHED_MAX * FIB_SIZE;

    /** The scheduler's modes (SCHED_MODE). A fiber's state (FIB_STATE) is a {@link Fiber.Status}'s ordinal. */
    public static final long SCHED_STEP = 0;
    public static final long SCHED_RUN = 1;
    public static final long SCHED_STOP = 2;

    /** The table above in sv_layout's order, with each entry's name in asm/sv_layout.h. */
    public static final String[] NAMES = {
        "CTX_RSP", "CTX_R15", "CTX_R14", "CTX_R13", "CTX_R12", "CTX_RBX", "CTX_RBP", "CTX_SIGMASK", "CTX_SIZE",
        "BLK_STOP", "BLK_WOKE_RSP", "BLK_FD", "BLK_BACK", "BLK_WRITTEN", "BLK_CALL_RSP", "BLK_SIZE",
        "ENTRY_BELOW_TOP", "HELLO_HEARTBEAT_BELOW_TOP",
        "MISALIGNED_ENTRY_BELOW_TOP", "MISALIGNED_HEARTBEAT_BELOW_TOP", "SSE_FRAME",
        "OVERFLOW_PUSHES", "OVERFLOW_HEARTBEAT_BELOW_TOP", "LIBC_CALL_PAD",
        "FIB_CTX", "FIB_INDEX", "FIB_COUNTER", "FIB_ROUNDS", "FIB_STATE", "FIB_LINE", "FIB_LINE_SIZE", "FIB_SIZE",
        "SCHED_MAIN", "SCHED_COUNT", "SCHED_CURRENT", "SCHED_FD", "SCHED_MODE", "SCHED_GATE", "SCHED_WAITING",
        "SCHED_SWITCHES", "SCHED_FROM", "SCHED_TO", "SCHED_QUIET", "SCHED_MASK", "SCHED_NEXT", "SCHED_FIBERS",
        "SCHED_MAX", "SCHED_SIZE", "FIBER_FINISH_BELOW_TOP", "FIBER_FRAMES",
        "SCHED_STEP", "SCHED_RUN", "SCHED_STOP", "FIBER_READY", "FIBER_RUNNING", "FIBER_DONE",
    };

    public static final long[] TABLE = {
        CTX_RSP, CTX_R15, CTX_R14, CTX_R13, CTX_R12, CTX_RBX, CTX_RBP, CTX_SIGMASK, CTX_SIZE,
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
    };

    private NativeLayout() {
    }
}
