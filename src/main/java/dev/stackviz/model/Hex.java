package dev.stackviz.model;

/** Fixed-width lower-case hex, without java.util.Formatter: the screen formats hundreds a frame. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** {@code value} as exactly {@code width} hex digits (the low ones). */
    public static String digits(long value, int width) {
        char[] text = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            text[i] = DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(text);
    }

    /** An x86-64 user-space address: 0x and 12 digits (47-bit addresses fit). */
    public static String address(long value) {
        return value >>> 48 == 0 ? "0x" + digits(value, 12) : "0x" + digits(value, 16);
    }
}
