package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the environment makes of the theme: NO_COLOR, TERM and COLORTERM, and the locale's encoding. */
class ThemeEnvironmentTest {

    static Theme from(Map<String, String> env, String encoding) {
        return Theme.from(env::get, encoding);
    }

    @Test
    void noColorTurnsColourOffUnlessItIsEmpty() {
        assertTrue(from(Map.of(), "UTF-8").colour());
        assertFalse(from(Map.of("NO_COLOR", "1"), "UTF-8").colour(), "no-color.org: any value turns colour off");
        assertTrue(from(Map.of("NO_COLOR", ""), "UTF-8").colour(), "an empty NO_COLOR is as if unset");
    }

    @Test
    void the256ColourPaletteWhereTermOrColortermSaySo() {
        assertTrue(from(Map.of("TERM", "xterm-256color"), "UTF-8").colours256());
        assertTrue(from(Map.of("TERM", "screen-256color"), "UTF-8").colours256());
        assertFalse(from(Map.of("TERM", "xterm"), "UTF-8").colours256(), "xterm alone: the 16 colours");
        assertFalse(from(Map.of(), "UTF-8").colours256(), "no TERM at all");
        assertTrue(from(Map.of("TERM", "xterm", "COLORTERM", "truecolor"), "UTF-8").colours256());
        assertFalse(from(Map.of("TERM", "xterm", "COLORTERM", ""), "UTF-8").colours256(), "an empty COLORTERM says nothing");
    }

    @Test
    void utf8GlyphsOnlyWhereTheLocaleIsUtf8() {
        assertTrue(from(Map.of(), "UTF-8").unicode());
        assertFalse(from(Map.of(), "ANSI_X3.4-1968").unicode(), "LANG=C: ASCII drawing");
        assertFalse(from(Map.of(), "ISO-8859-1").unicode());
        assertFalse(from(Map.of(), "no-such-charset").unicode(), "an encoding the JVM does not know: ASCII");
        assertEquals(Charset.defaultCharset(), Theme.charset(null), "none said: the JVM's default");
        assertEquals(StandardCharsets.US_ASCII, Theme.charset("no-such-charset"));
    }
}
