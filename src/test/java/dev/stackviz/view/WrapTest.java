package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the painter fits text to the columns it has: words, status parts, indented help lines, clipped lines. */
class WrapTest {

    @Test
    void wordsFillEachLineUpToItsLastColumn() {
        assertEquals(List.of("aaa bbb"), Painter.wrap("aaa bbb", 7), "exactly 7 columns");
        assertEquals(List.of("aaa", "bbb"), Painter.wrap("aaa bbb", 6), "one short");
        assertEquals(List.of(), Painter.wrap("", 10), "nothing to say takes no line");
    }

    @Test
    void aWordLongerThanTheLineIsCutIntoPieces() {
        assertEquals(List.of("ab", "abcd", "efgh"), Painter.wrap("ab abcdefgh", 4), "after a shorter word");
        assertEquals(List.of("abcd", "efgh", "ij", "xy"), Painter.wrap("abcdefghij xy", 4), "and before one");
    }

    @Test
    void noColumnsAtAllLeavesWordsWhole() {
        assertEquals(List.of("abc", "def"), Painter.wrap("abc def", 0));
    }

    static final String DOT = " • ";

    @Test
    void statusPartsStayWholeAndBreakOnlyBetweenParts() {
        assertEquals(List.of("watchdog: RUNNING 1.5 s", "heartbeat 1500 • k stops it"),
                Painter.wrapAt("watchdog: RUNNING 1.5 s • heartbeat 1500 • k stops it", DOT, 30));
        assertEquals(List.of("aaa • bbb"), Painter.wrapAt("aaa • bbb", DOT, 9), "exactly 9 columns");
        assertEquals(List.of("aaa", "bbb"), Painter.wrapAt("aaa • bbb", DOT, 8), "one short");
    }

    @Test
    void aStatusPartLongerThanTheLineIsWrappedByWords() {
        assertEquals(List.of("a very", "long part", "here", "b"), Painter.wrapAt("a very long part here • b", DOT, 10));
    }

    @Test
    void separatorsAtEitherEndLeaveNoEmptyPartBehind() {
        assertEquals(List.of("aaa"), Painter.wrapAt(" • aaa", DOT, 20), "a leading one is dropped");
        assertEquals(List.of("aaa •"), Painter.wrapAt("aaa • ", DOT, 20), "a trailing one stays, its space does not");
    }

    @Test
    void continuationLinesOfAHelpLineAlignWithItsDescription() {
        assertEquals(List.of("  s     let them run at full", "        speed, no waiting at", "        the gate"),
                Painter.wrapKeepingIndent("  s     let them run at full speed, no waiting at the gate", 30));
    }

    @Test
    void anIndentOfHalfTheWidthOrMoreIsNotKept() {
        assertEquals(List.of("s     let them", "run at full"), Painter.wrapKeepingIndent("  s     let them run at full",
                16), "8 columns of 16: wrapped as words");
        assertEquals(List.of("  s     let them run", "        at full"),
                Painter.wrapKeepingIndent("  s     let them run at full", 20), "8 columns of 20");
    }

    @Test
    void aLineWithoutAKeyColumnWrapsFromTheLeft() {
        assertEquals(List.of("one two", "three four", "five six"), Painter.wrapKeepingIndent("one two three four five six",
                10));
        assertEquals(List.of("short"), Painter.wrapKeepingIndent("short", 10), "a line that fits is left alone");
    }

    @Test
    void aLineTooLongEndsInAnEllipsisWithinTheWidth() {
        assertEquals("abcdefgh", Painter.clip("abcdefgh", 8), "exactly as wide");
        assertEquals("abcd...", Painter.clip("abcdefgh", 7));
        assertEquals("...", Painter.clip("abcdefgh", 2), "no room for any of it");
    }
}
