package dev.stackviz.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Optional;

/** Keys to actions. Everything works without function keys. */
public final class KeyMap {

    public static final String BAR = "→/space/n step  ←/p back  s switch  k kill  r reset  e exp  ? help  q quit";
    public static final String BAR_ASCII = "n/space step  p back  s switch  k kill  r reset  e exp  ? help  q quit";

    private KeyMap() {
    }

    public static Optional<Action> of(KeyStroke key) {
        if (key == null) {
            return Optional.empty();
        }
        KeyType type = key.getKeyType();
        if (type == KeyType.ArrowRight) {
            return Optional.of(Action.STEP_FORWARD);
        }
        if (type == KeyType.ArrowLeft) {
            return Optional.of(Action.STEP_BACK);
        }
        if (type == KeyType.EOF) {
            return Optional.of(Action.QUIT);
        }
        if (type != KeyType.Character) {
            return Optional.empty();
        }
        char c = key.getCharacter();
        if (key.isCtrlDown()) {
            return c == 'c' || c == 'C' ? Optional.of(Action.QUIT) : Optional.empty();
        }
        return switch (Character.toLowerCase(c)) {
            case ' ', 'n' -> Optional.of(Action.STEP_FORWARD);
            case 'p' -> Optional.of(Action.STEP_BACK);
            case 's' -> Optional.of(Action.SWITCH);
            case 'k' -> Optional.of(Action.KILL);
            case 'r' -> Optional.of(Action.RESET);
            case 'e' -> Optional.of(Action.EXPERIMENT);
            case 'b' -> Optional.of(Action.BENCH);
            case '?', 'h' -> Optional.of(Action.HELP);
            case 'q' -> Optional.of(Action.QUIT);
            default -> Optional.empty();
        };
    }
}
