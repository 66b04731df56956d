package dev.stackviz.view;

import com.googlecode.lanterna.TextColor;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Colours and glyphs. Every highlight also has a label or glyph, so the screen reads the same
 * without colour; NO_COLOR (https://no-color.org) turns colour off, and a terminal that is not
 * UTF-8 gets ASCII glyphs.
 *
 * <p>Every colour used for text reads on a dark and on a light background alike: its contrast is
 * at least 3:1 against black and against white (WCAG's formula, over the RGB the terminal shows:
 * xterm's palette for the 16 ANSI colours, the standard cube for 256). With 256 colours each mark
 * has its own; the 16 ANSI colours have only six such (red, magenta, grey, bright red, bright blue,
 * bright magenta), so there the heartbeat stays in the default colour, known by its label.
 *
 * @param colour    colours at all (NO_COLOR unset)
 * @param unicode   UTF-8 glyphs (else ASCII)
 * @param colours256 the terminal has the 256-colour palette (TERM *256color*, or COLORTERM set)
 */
public record Theme(boolean colour, boolean unicode, boolean colours256) {

    public Theme(boolean colour, boolean unicode) {
        this(colour, unicode, true);
    }

    public static Theme fromEnvironment() {
        return from(System::getenv, nativeEncoding());
    }

    /** The locale's encoding, as the JVM read it at start-up. */
    private static String nativeEncoding() {
        return System.getProperty("native.encoding", System.getProperty("sun.jnu.encoding"));
    }

    /**
     * The theme for an environment ({@code env} gives a variable's value or null) and the locale's
     * encoding: colour unless NO_COLOR is set and not empty (no-color.org), the 256-colour palette
     * where TERM says 256color or COLORTERM is set, UTF-8 glyphs only where the encoding is UTF-8.
     */
    static Theme from(java.util.function.UnaryOperator<String> env, String encoding) {
        String noColor = env.apply("NO_COLOR");
        String term = env.apply("TERM");
        String colorterm = env.apply("COLORTERM");
        boolean wide = term != null && term.contains("256color") || colorterm != null && !colorterm.isEmpty();
        return new Theme(noColor == null || noColor.isEmpty(), isUtf8(charset(encoding)), wide);
    }

    /** The charset the terminal is driven with: the JVM's view of the locale (native.encoding). */
    public static Charset terminalCharset() {
        return charset(nativeEncoding());
    }

    /** The named charset; the JVM's default for none, ASCII for one the JVM does not know. */
    static Charset charset(String encoding) {
        try {
            return encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }

    static boolean isUtf8(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8);
    }

    private TextColor pick(int indexed, TextColor ansi) {
        if (!colour) {
            return TextColor.ANSI.DEFAULT;
        }
        return colours256 ? new TextColor.Indexed(indexed) : ansi;
    }

    /** #008700 green. */
    public TextColor base() {
        return pick(28, TextColor.ANSI.BLUE_BRIGHT);
    }

    /** #af5f00 orange. */
    public TextColor top() {
        return pick(130, TextColor.ANSI.RED);
    }

    /** #0087af teal. */
    public TextColor aligned() {
        return pick(31, TextColor.ANSI.MAGENTA);
    }

    /** #d700af magenta. */
    public TextColor entry() {
        return pick(163, TextColor.ANSI.MAGENTA_BRIGHT);
    }

    /** #5f5fff blue. */
    public TextColor heartbeat() {
        return pick(63, TextColor.ANSI.DEFAULT);
    }

    /** #808080 grey. */
    public TextColor guard() {
        return pick(244, TextColor.ANSI.BLACK_BRIGHT);
    }

    /** #d70000 red. */
    public TextColor warning() {
        return pick(160, TextColor.ANSI.RED_BRIGHT);
    }

    public String pointer() {
        return unicode ? "◀ " : "< ";
    }

    /**
     * A separator. Not U+00B7: Lanterna 3.1.3 encodes each character with Charset.encode(..).array(),
     * which for a two-byte UTF-8 character also sends the buffer's spare byte, a NUL. Characters
     * of three bytes (like this one) fill the buffer exactly.
     */
    public String dot() {
        return unicode ? " • " : " - ";
    }
}
