package dev.stackviz.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.stackviz.model.Action;
import dev.stackviz.model.Keys;
import java.util.Optional;

/** Lanterna's key strokes to actions, through the one key table ({@link Keys}). */
public final class KeyMap {

    private KeyMap() {
    }

    public static Optional<Action> of(KeyStroke key) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.getKeyType() == KeyType.EOF) {
            return Optional.of(Action.QUIT);
        }
        String name = name(key);
        return name == null ? Optional.empty() : Keys.action(name);
    }

    /** The key's name as the table (and --keys) writes it: "n", "right", "ctrl-c"; null if it has none. */
    static String name(KeyStroke key) {
        return switch (key.getKeyType()) {
            case ArrowRight -> "right";
            case ArrowLeft -> "left";
            case Character -> {
                char c = key.getCharacter();
                if (key.isCtrlDown()) {
                    yield Character.isLetter(c) ? "ctrl-" + Character.toLowerCase(c) : null;
                }
                yield c == ' ' ? "space" : String.valueOf(c);
            }
            default -> null;
        };
    }
}
