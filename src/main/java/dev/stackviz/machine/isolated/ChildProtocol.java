package dev.stackviz.machine.isolated;

import java.util.HexFormat;

/**
 * What the app and its isolated child say to each other, written and read here only, so that the
 * two sides cannot disagree on a field. The app sends one command per line on the child's stdin,
 * "NAME SEQ"; the child answers on its stdout with lines that start with {@link #PREFIX} (the
 * target's own output shares that stdout, without the prefix). Each reply to a command carries its
 * SEQ; the child's first report is SEQ 0.
 */
final class ChildProtocol {

    static final String PREFIX = "@sv ";

    private ChildProtocol() {
    }

    /** The app's commands. */
    enum Command {
        /** The seed's write: the target's address at the entry slot. */
        ENTRY,
        /** ctx.rsp = the entry slot, ctx.rbx = the target's block. */
        CONTEXT,
        /** Zeroes the buffer, the guards and the context. */
        CLEAR,
        /** The one-way jump: answered by {@link #SWITCHING}, then never again. */
        SWITCH;

        String line(long seq) {
            return name().toLowerCase(java.util.Locale.ROOT) + " " + seq;
        }

        /** The command a line names, or null. */
        static Command of(String word) {
            for (Command command : values()) {
                if (command.name().toLowerCase(java.util.Locale.ROOT).equals(word)) {
                    return command;
                }
            }
            return null;
        }
    }

    /** The child's first line: where everything is, so that the app can read it through /proc/PID/mem. */
    record Layout(long base, int size, long entry, long context, long block, long moat, int tid, long jump) {

        static final String KIND = "layout";

        String line() {
            return PREFIX + KIND + " " + hex(base) + " " + size + " " + hex(entry) + " " + hex(context) + " "
                    + hex(block) + " " + hex(moat) + " " + tid + " " + hex(jump);
        }

        static Layout parse(String fields) {
            String[] f = fields.split(" ");
            return new Layout(unhex(f[0]), Integer.parseInt(f[1]), unhex(f[2]), unhex(f[3]), unhex(f[4]), unhex(f[5]),
                    Integer.parseInt(f[6]), unhex(f[7]));
        }
    }

    /** The child's own view of its memory after a command: the window and ctx.rsp, read before the app looks. */
    record Window(long seq, byte[] bytes, long contextRsp) {

        static final String KIND = "window";

        String line() {
            return PREFIX + KIND + " " + seq + " " + HexFormat.of().formatHex(bytes) + " " + hex(contextRsp);
        }

        /** The reply's kind and SEQ, as the app waits for it. */
        static String kind(long seq) {
            return KIND + " " + seq;
        }

        /** The fields after "window SEQ". */
        static Window parse(long seq, String fields) {
            String[] f = fields.split(" ");
            return new Window(seq, HexFormat.of().parseHex(f[0]), unhex(f[1]));
        }
    }

    /** Sent just before the jump: from here on, the child's stdout is the target's. */
    static final String SWITCHING = "switching";

    /** A command the child does not know. */
    static String error(String what) {
        return PREFIX + "error " + what;
    }

    private static String hex(long value) {
        return Long.toHexString(value);
    }

    private static long unhex(String text) {
        return Long.parseUnsignedLong(text, 16);
    }
}
