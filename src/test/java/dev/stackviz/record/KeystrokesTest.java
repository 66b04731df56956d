package dev.stackviz.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where one key ends in what a terminal sent: UTF-8 by its lead byte, escape sequences by their final byte. */
class KeystrokesTest {

    /** The keys of one read, each as hex. */
    static List<String> keys(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return new Keystrokes().split(bytes, 0, bytes.length).stream().map(HexFormat.of()::formatHex).toList();
    }

    @Test
    void aCharactersLengthIsItsLeadBytes() {
        assertEquals(List.of("c380"), keys("c380"), "0xc0-0xdf: 2 bytes");
        assertEquals(List.of("c080"), keys("c080"), "0xc0 itself leads 2 (an overlong form, but one key)");
        assertEquals(List.of("e0a080"), keys("e0a080"), "0xe0: 3 bytes, U+0800");
        assertEquals(List.of("f09f9880"), keys("f09f9880"), "0xf0: 4 bytes, U+1F600");
        assertEquals(List.of("f8", "80", "80", "80"), keys("f8808080"), "0xf8 leads no UTF-8: a key of its own");
        assertEquals(List.of("bf", "7f"), keys("bf7f"), "a continuation byte or ASCII alone: one byte each");
    }

    @Test
    void aCharacterBrokenOffIsTheBytesSoFarThenTheNextKey() {
        assertEquals(List.of("c3", "61"), keys("c361"));
        assertEquals(List.of("e282", "78"), keys("e28278"));
        assertEquals(List.of("f09f", "1b5b41"), keys("f09f1b5b41"), "an arrow key after a broken emoji");
    }

    @Test
    void aCsiEndsAtItsFinalByteWhateverItsParametersAndIntermediates() {
        assertEquals(List.of("1b5b3f3168", "71"), keys("1b5b3f316871"), "? (0x3f) is a parameter");
        assertEquals(List.of("1b5b322071", "71"), keys("1b5b32207171"), "space (0x20) is an intermediate");
        assertEquals(List.of("1b5b40", "71"), keys("1b5b4071"), "@ (0x40) is a final byte");
        assertEquals(List.of("1b5b1f", "71"), keys("1b5b1f71"), "a control byte (0x1f) ends it too");
    }

    @Test
    void aSequenceCutByTheEndOfTheReadIsAKeyAsItCame() {
        assertEquals(List.of("1b5b"), keys("1b5b"));
        assertEquals(List.of("1b5b313b35"), keys("1b5b313b35"));
        assertEquals(List.of("1b5b5b"), keys("1b5b5b"), "the Linux console's F-key prefix");
        assertEquals(List.of("1b4f"), keys("1b4f"));
        assertEquals(List.of("1b"), keys("1b"));
    }

    @Test
    void onlyACharacterNotYetWholeWaitsForTheNextRead() {
        Keystrokes keys = new Keystrokes();
        byte[] emoji = HexFormat.of().parseHex("f09f9880");
        assertEquals(List.of(), keys.split(emoji, 0, 3));
        List<byte[]> rest = keys.split(emoji, 3, 1);
        assertEquals(List.of("f09f9880"), rest.stream().map(HexFormat.of()::formatHex).toList());
        assertEquals(List.of(), keys.split(emoji, 0, 0), "nothing carried over");
    }
}
