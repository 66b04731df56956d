package dev.stackviz.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.stackviz.model.Action;
import dev.stackviz.model.Keys;
import java.util.Locale;
import java.util.Optional;

/** Lanterna's key strokes to key names, and through the one key table ({@link Keys}) to actions. */
public final class KeyMap {

    private KeyMap() {
    }

    /** The key's action in the stack view. */
    public static Optional<Action> of(KeyStroke key) {
        return of(Keys.View.STACK, key);
    }

    public static Optional<Action> of(Keys.View view, KeyStroke key) {
        if (key == null) {
            return Optional.empty();
        }
        String name = name(key);
        return name.equals("eof") ? Optional.of(Action.QUIT) : Keys.action(view, name);
    }

    /**
     * The key's name as the key table and --keys write it: "n", "space", "right", "ctrl-c", "enter",
     * "esc", "tab", "eof" (the terminal closed), ... Every key has one, so that any key can close the help.
     */
    public static String name(KeyStroke key) {
        KeyType type = key.getKeyType();
        return switch (type) {
            case ArrowRight -> "right";
            case ArrowLeft -> "left";
            case ArrowUp -> "up";
            case ArrowDown -> "down";
            case Escape -> "esc";
            case EOF -> "eof";
            case Character -> {
                char c = key.getCharacter();
                if (key.isCtrlDown()) {
                    yield "ctrl-" + Character.toLowerCase(c);
                }
                yield c == ' ' ? "space" : String.valueOf(c);
            }
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }
}
