package dev.stackviz.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.stackviz.model.Action;
import dev.stackviz.model.Keys;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lanterna's key strokes, named as the key table and --keys write them, and mapped to actions. */
class KeyMapTest {

    @Test
    void everyKindOfKeyHasTheNameTheKeyTableUses() {
        assertEquals("right", KeyMap.name(new KeyStroke(KeyType.ArrowRight)));
        assertEquals("left", KeyMap.name(new KeyStroke(KeyType.ArrowLeft)));
        assertEquals("up", KeyMap.name(new KeyStroke(KeyType.ArrowUp)));
        assertEquals("down", KeyMap.name(new KeyStroke(KeyType.ArrowDown)));
        assertEquals("esc", KeyMap.name(new KeyStroke(KeyType.Escape)));
        assertEquals("eof", KeyMap.name(new KeyStroke(KeyType.EOF)));
        assertEquals("enter", KeyMap.name(new KeyStroke(KeyType.Enter)));
        assertEquals("tab", KeyMap.name(new KeyStroke(KeyType.Tab)));
        assertEquals("space", KeyMap.name(new KeyStroke(' ', false, false)));
        assertEquals("n", KeyMap.name(new KeyStroke('n', false, false)));
        assertEquals("ctrl-c", KeyMap.name(new KeyStroke('C', true, false)), "Ctrl keys by their lower case");
    }

    @Test
    void keysMapToTheActionsOfTheirView() {
        assertEquals(Optional.of(Action.STEP_FORWARD), KeyMap.of(new KeyStroke(KeyType.ArrowRight)));
        assertEquals(Optional.of(Action.STEP_FORWARD), KeyMap.of(new KeyStroke(' ', false, false)));
        assertEquals(Optional.of(Action.QUIT), KeyMap.of(new KeyStroke('c', true, false)));
        assertEquals(Optional.of(Action.KILL), KeyMap.of(new KeyStroke('k', false, false)));
        assertEquals(Optional.empty(), KeyMap.of(new KeyStroke('z', false, false)), "z does nothing");
        assertEquals(Optional.of(Action.NEXT_FIBER), KeyMap.of(Keys.View.FIBERS, new KeyStroke(KeyType.Tab)));
        assertEquals(Keys.action(Keys.View.FIBERS, "s"), KeyMap.of(Keys.View.FIBERS, new KeyStroke('s', false, false)));
    }

    @Test
    void aClosedTerminalQuitsAndNoKeyDoesNothing() {
        assertEquals(Optional.of(Action.QUIT), KeyMap.of(new KeyStroke(KeyType.EOF)), "the terminal closed");
        assertEquals(Optional.of(Action.QUIT), KeyMap.of(Keys.View.FIBERS, new KeyStroke(KeyType.EOF)));
        assertEquals(Optional.empty(), KeyMap.of(null), "no key read");
    }
}
