package dev.stackviz.view;

import com.googlecode.lanterna.TextColor;
import dev.stackviz.model.Keys;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Colours and glyphs. Every highlight also has a label or glyph, so the screen reads the same
 * without colour; NO_COLOR (https://no-color.org) turns colour off, and a terminal that is not
 * UTF-8 gets ASCII glyphs.
 */
public record Theme(boolean colour, boolean unicode) {

    public static Theme fromEnvironment() {
        String noColor = System.getenv("NO_COLOR");
        return new Theme(noColor == null || noColor.isEmpty(), isUtf8(terminalCharset()));
    }

    /** The charset the terminal is driven with: the JVM's view of the locale (native.encoding). */
    public static Charset terminalCharset() {
        String encoding = System.getProperty("native.encoding", System.getProperty("sun.jnu.encoding"));
        try {
            return encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }

    static boolean isUtf8(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8);
    }

    public TextColor base() {
        return colour ? TextColor.ANSI.GREEN_BRIGHT : TextColor.ANSI.DEFAULT;
    }

    public TextColor top() {
        return colour ? TextColor.ANSI.YELLOW_BRIGHT : TextColor.ANSI.DEFAULT;
    }

    public TextColor aligned() {
        return colour ? TextColor.ANSI.CYAN_BRIGHT : TextColor.ANSI.DEFAULT;
    }

    public TextColor entry() {
        return colour ? TextColor.ANSI.MAGENTA_BRIGHT : TextColor.ANSI.DEFAULT;
    }

    public TextColor heartbeat() {
        return colour ? TextColor.ANSI.GREEN : TextColor.ANSI.DEFAULT;
    }

    public TextColor guard() {
        return colour ? TextColor.ANSI.BLACK_BRIGHT : TextColor.ANSI.DEFAULT;
    }

    public TextColor warning() {
        return colour ? TextColor.ANSI.RED_BRIGHT : TextColor.ANSI.DEFAULT;
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

    /** The key bar, from the one key table. */
    public String keyBar() {
        return Keys.bar(unicode);
    }
}
