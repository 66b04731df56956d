package dev.stackviz.record;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits what a terminal sent into keys, each as the bytes the terminal sent for it: one UTF-8
 * character (an emoji too), a control byte (Ctrl-A is 0x01), an escape sequence (CSI, as ESC [ 5 ~
 * for PgUp or ESC [ 1 ; 5 D for Ctrl-Left; SS3, as ESC O P for F1; the Linux console's ESC [ [ A),
 * or ESC before any of these (Alt). A character cut by the end of a read is kept for the next.
 */
final class Keystrokes {

    private static final int ESC = 0x1b;

    private byte[] carry = new byte[0];

    /** The whole keys in {@code carry} + {@code bytes}; a character not yet whole waits for the next read. */
    List<byte[]> split(byte[] bytes, int off, int len) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(carry.length + len);
        joined.writeBytes(carry);
        joined.write(bytes, off, len);
        byte[] in = joined.toByteArray();
        List<byte[]> keys = new ArrayList<>();
        int at = 0;
        while (at < in.length) {
            int end = key(in, at);
            if (end < 0) {
                break;
            }
            keys.add(Arrays.copyOfRange(in, at, end));
            at = end;
        }
        carry = Arrays.copyOfRange(in, at, in.length);
        return keys;
    }

    /** Where the key that starts at {@code at} ends; -1 if its character is not whole yet. */
    private static int key(byte[] in, int at) {
        if ((in[at] & 0xff) != ESC || at + 1 == in.length) {
            return character(in, at);
        }
        int next = in[at + 1] & 0xff;
        if (next == '[') {
            return csi(in, at + 2);
        }
        if (next == 'O') {
            return Math.min(at + 3, in.length); // SS3 and one letter
        }
        return key(in, at + 1); // Alt: ESC, then the key as it would be alone
    }

    /** Parameters and intermediates (0x20-0x3f), then the final byte (0x40-0x7e). */
    private static int csi(byte[] in, int at) {
        if (at < in.length && in[at] == '[') {
            return Math.min(at + 2, in.length); // the Linux console's F1-F5: ESC [ [ A-E
        }
        int i = at;
        while (i < in.length && (in[i] & 0xff) >= 0x20 && (in[i] & 0xff) <= 0x3f) {
            i++;
        }
        return i < in.length ? i + 1 : i;
    }

    /** One UTF-8 character; a byte that starts none is a key of its own. */
    private static int character(byte[] in, int at) {
        int lead = in[at] & 0xff;
        int length = lead >= 0xf8 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        for (int i = 1; i < length; i++) {
            if (at + i == in.length) {
                return -1;
            }
            if ((in[at + i] & 0xc0) != 0x80) {
                return at + i; // malformed: the bytes so far are one key, and decode as U+FFFD
            }
        }
        return at + length;
    }
}
