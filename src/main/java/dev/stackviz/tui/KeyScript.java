package dev.stackviz.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.stackviz.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The autopilot's script: keys and pauses separated by spaces, e.g. "n n n 500ms s 2s k q".
 * A key is one character, or a name: space, left, right, up, down, enter, esc, tab, ctrl-LETTER.
 * A pause is a number with ms or s.
 */
public final class KeyScript {

    /** The names a key may have besides its character; --help and the README say the same. */
    public static final String KEY_NAMES = "space, left, right, up, down, enter, esc, tab, ctrl-c (any ctrl-letter)";

    public static final String SYNTAX = "keys and pauses separated by spaces, e.g. \"n n n 500ms s 2s k q\": "
            + "a key is one character or " + KEY_NAMES + "; a pause is like 500ms or 2s";

    /** A key to press, or a pause. */
    public record Item(KeyStroke key, Duration pause) {
    }

    private KeyScript() {
    }

    /** Parses the script; throws IllegalArgumentException naming the bad word and what is valid. */
    public static List<Item> parse(String script) {
        List<Item> items = new ArrayList<>();
        String[] words = script.trim().split("\\s+");
        if (script.isBlank()) {
            throw new IllegalArgumentException("the key script is empty: " + SYNTAX);
        }
        for (int i = 0; i < words.length; i++) {
            items.add(item(words[i], i + 1));
        }
        return items;
    }

    private static Item item(String word, int position) {
        if (word.matches("\\d+(\\.\\d+)?(ms|s)")) {
            return new Item(null, Durations.parse(word));
        }
        if (word.length() == 1) {
            char c = word.charAt(0);
            return new Item(new KeyStroke(c, false, false), null);
        }
        String name = word.toLowerCase(Locale.ROOT);
        if (name.matches("(ctrl|c)-[a-z]")) {
            return new Item(new KeyStroke(name.charAt(name.length() - 1), true, false), null);
        }
        return switch (name) {
            case "space" -> new Item(new KeyStroke(' ', false, false), null);
            case "left" -> new Item(new KeyStroke(KeyType.ArrowLeft), null);
            case "right" -> new Item(new KeyStroke(KeyType.ArrowRight), null);
            case "up" -> new Item(new KeyStroke(KeyType.ArrowUp), null);
            case "down" -> new Item(new KeyStroke(KeyType.ArrowDown), null);
            case "enter" -> new Item(new KeyStroke(KeyType.Enter), null);
            case "esc" -> new Item(new KeyStroke(KeyType.Escape), null);
            case "tab" -> new Item(new KeyStroke(KeyType.Tab), null);
            default -> throw new IllegalArgumentException("word " + position + " of the key script, '" + word
                    + "', is neither a key nor a pause: " + SYNTAX);
        };
    }

    /** What a terminal sends for a key the user typed, for the cast's "i" events; null if unknown. */
    public static String typed(KeyStroke key) {
        return switch (key.getKeyType()) {
            case Character -> key.isCtrlDown() ? String.valueOf((char) (Character.toLowerCase(key.getCharacter()) - 'a' + 1))
                    : String.valueOf(key.getCharacter());
            case ArrowLeft -> "\u001b[D";
            case ArrowRight -> "\u001b[C";
            case ArrowUp -> "\u001b[A";
            case ArrowDown -> "\u001b[B";
            case Enter -> "\r";
            case Escape -> "\u001b";
            case Tab -> "\t";
            default -> null;
        };
    }
}
