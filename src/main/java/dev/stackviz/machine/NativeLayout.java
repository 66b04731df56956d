package dev.stackviz.machine;

/**
 * The offsets of asm/sv_layout.h, in the same order as the library's sv_layout table.
 * SwitchLayoutTest checks each against that table.
 */
final class NativeLayout {

    static final int CTX_RSP = 0x00;
    static final int CTX_R15 = 0x08;
    static final int CTX_R14 = 0x10;
    static final int CTX_R13 = 0x18;
    static final int CTX_R12 = 0x20;
    static final int CTX_RBX = 0x28;
    static final int CTX_RBP = 0x30;
    static final int CTX_SIGMASK = 0x38;
    static final int CTX_SIZE = 0x40;

    static final int BLK_STOP = 0x00;
    static final int BLK_WOKE_RSP = 0x08;
    static final int BLK_FD = 0x10;
    static final int BLK_BACK = 0x18;
    static final int BLK_WRITTEN = 0x20;
    static final int BLK_SIZE = 0x28;

    static final int HELLO_HEARTBEAT_BELOW_TOP = 0x18;

    /** The table above in sv_layout's order. */
    static final long[] TABLE = {
        CTX_RSP, CTX_R15, CTX_R14, CTX_R13, CTX_R12, CTX_RBX, CTX_RBP, CTX_SIGMASK, CTX_SIZE,
        BLK_STOP, BLK_WOKE_RSP, BLK_FD, BLK_BACK, BLK_WRITTEN, BLK_SIZE,
        HELLO_HEARTBEAT_BELOW_TOP,
    };

    private NativeLayout() {
    }
}
