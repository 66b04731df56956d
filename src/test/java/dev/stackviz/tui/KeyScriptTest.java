package dev.stackviz.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.stackviz.model.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyScriptTest {

    @Test
    void keysAndPausesInOrder() {
        List<KeyScript.Item> items = KeyScript.parse(" n  right 500ms s 2s ctrl-c space ? 1.5s q ");
        assertEquals(10, items.size());
        assertEquals('n', items.get(0).key().getCharacter());
        assertEquals(KeyType.ArrowRight, items.get(1).key().getKeyType());
        assertEquals(Duration.ofMillis(500), items.get(2).pause());
        assertEquals(Duration.ofSeconds(2), items.get(4).pause());
        assertTrue(items.get(5).key().isCtrlDown());
        assertEquals("\u0003", KeyScript.typed(items.get(5).key()));
        assertEquals(' ', items.get(6).key().getCharacter());
        assertEquals(Duration.ofMillis(1500), items.get(8).pause());
        assertEquals('q', items.get(9).key().getCharacter());
        assertEquals('?', items.get(7).key().getCharacter());
    }

    @Test
    void everyScriptedKeyMapsToTheActionATypedOneWould() {
        List<KeyScript.Item> items = KeyScript.parse("n space right p left s k r ? q ctrl-c");
        List<Action> actions = items.stream().map(i -> KeyMap.of(i.key()).orElseThrow()).toList();
        assertEquals(List.of(Action.STEP_FORWARD, Action.STEP_FORWARD, Action.STEP_FORWARD, Action.STEP_BACK,
                Action.STEP_BACK, Action.SWITCH, Action.KILL, Action.RESET, Action.HELP, Action.QUIT, Action.QUIT),
                actions);
        assertEquals(List.of("n", " ", "\u001b[C", "p", "\u001b[D", "s", "k", "r", "?", "q", "\u0003"),
                items.stream().map(i -> KeyScript.typed(i.key())).toList(), "what a terminal would have sent");
    }

    @Test
    void sttySizeIsReadAsRowsThenColumns() {
        assertEquals(new com.googlecode.lanterna.TerminalSize(80, 24), SizedUnixTerminal.parse("24 80\n"));
        assertEquals(null, SizedUnixTerminal.parse("0 0"));
        assertEquals(null, SizedUnixTerminal.parse("stty: 'standard input': Inappropriate ioctl for device"));
    }

    @Test
    void aBadWordIsNamedWithWhatIsValid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyScript.parse("n n jump"));
        assertTrue(e.getMessage().contains("word 3 of the key script, 'jump', is neither a key nor a pause"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyScript.parse("   "));
        assertThrows(IllegalArgumentException.class, () -> KeyScript.parse("n 5 minutes"));
    }
}
