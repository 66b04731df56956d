package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a cast's player reads back: every string a valid JSON literal, and valid UTF-8 once written. */
class JsonTest {

    @Test
    void quotesBackslashesAndTheShortEscapesAreEscaped() {
        assertEquals("\"say \\\"hi\\\" \\\\ now\"", Json.string("say \"hi\" \\ now"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", Json.string("\n\r\t\b\f"));
    }

    @Test
    void otherControlCharactersAndDeleteAreWrittenAsUnicodeEscapes() {
        assertEquals("\"\\u0000\\u001b[1m\\u001f\\u007f\"", Json.string("\u0000\u001b[1m\u001f\u007f"));
    }

    @Test
    void printableTextIsKeptAsItIs() {
        assertEquals("\" ~◀ é 😀\"", Json.string(" ~◀ é 😀"), "space, tilde, and characters beyond ASCII");
    }

    @Test
    void aSurrogateIsEscapedUnlessItIsHalfOfAPair() {
        assertEquals("\"\\ud83d\"", Json.string("\ud83d"), "a high surrogate at the very end");
        assertEquals("\"\\ude00x\"", Json.string("\ude00x"), "a low surrogate at the very start");
        assertEquals("\"\\ude00\\ud83d\"", Json.string("\ude00\ud83d"), "a pair in the wrong order is two lone halves");
        assertEquals("\"a\\ud83db\"", Json.string("a\ud83db"));
        assertEquals("\"x\\ude00\"", Json.string("x\ude00"), "a low surrogate after a non-surrogate");
    }
}
