package dev.stackviz.model;

/**
 * Where the targets keep things, in bytes below the aligned top: asm/sv_layout.h's numbers.
 * SwitchLayoutTest checks each against the library's sv_layout table.
 */
public final class TargetLayout {

    /** The seed writes the entry address here, so that `ret` leaves rsp = aligned - 8. */
    public static final int ENTRY_BELOW_TOP = 16;
    /** The misaligned experiment writes it 8 bytes lower: rsp = aligned - 16 after `ret`. */
    public static final int MISALIGNED_ENTRY_BELOW_TOP = 24;
    /** hello's one local, its heartbeat: aligned - 24 (rsp after `sub rsp, 16`). */
    public static final int HELLO_HEARTBEAT_BELOW_TOP = 24;
    /** The SSE target reserves this much, trusting the ABI's alignment. */
    public static final int SSE_FRAME = 24;
    public static final int MISALIGNED_HEARTBEAT_BELOW_TOP = MISALIGNED_ENTRY_BELOW_TOP - 8 + SSE_FRAME;
    /** The overflow target pushes this many 8-byte values from aligned - 8. */
    public static final int OVERFLOW_PUSHES = 6;
    public static final int OVERFLOW_HEARTBEAT_BELOW_TOP = ENTRY_BELOW_TOP - 8 + 8 * OVERFLOW_PUSHES;
    /** seed-hello goes this much lower around its calls, so that rsp % 16 == 0 at each call. */
    public static final int LIBC_CALL_PAD = 8;
    /** A fiber's stack: the finishing routine's address (sv_fiber_finish) here, above the entry. */
    public static final int FIBER_FINISH_BELOW_TOP = 8;
    /** The bytes a fiber's frames take: the finishing routine's address and one return address. */
    public static final int FIBER_FRAMES = 16;
    /** What the overflow target pushes: 'AAAAAAAA'. */
    public static final long OVERFLOW_PATTERN = 0x4141414141414141L;

    private TargetLayout() {
    }
}
