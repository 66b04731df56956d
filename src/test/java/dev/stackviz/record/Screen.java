package dev.stackviz.record;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a VT100 to replay what Lanterna writes (cursor moves, clears, colours ignored),
 * so a test can look at a cast's screens as a person would see them.
 */
final class Screen {

    private static final Pattern CSI = Pattern.compile("\u001b\\[([0-9;?]*)([A-Za-z@])");

    private final int columns;
    private final int rows;
    private final char[][] cells;
    private int x;
    private int y;

    Screen(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        this.cells = new char[rows][columns];
        clear();
    }

    private void clear() {
        for (char[] row : cells) {
            java.util.Arrays.fill(row, ' ');
        }
    }

    void feed(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\u001b') {
                Matcher m = CSI.matcher(text).region(i, text.length());
                if (m.lookingAt()) {
                    control(m.group(1), m.group(2).charAt(0));
                    i = m.end();
                    continue;
                }
                i++;
                continue;
            }
            if (c == '\r') {
                x = 0;
            } else if (c == '\n') {
                y = Math.min(rows - 1, y + 1);
            } else if (c >= ' ') {
                if (y < rows && x < columns) {
                    cells[y][x] = c;
                }
                x++;
            }
            i++;
        }
    }

    private void control(String args, char command) {
        switch (command) {
            case 'H', 'f' -> {
                String[] parts = args.isEmpty() ? new String[0] : args.split(";");
                y = parts.length > 0 && !parts[0].isEmpty() ? Integer.parseInt(parts[0]) - 1 : 0;
                x = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) - 1 : 0;
            }
            case 'J' -> {
                if (args.equals("2")) {
                    clear();
                }
            }
            case 'h', 'l' -> {
                if (args.equals("?1049")) {
                    clear(); // entering or leaving the alternate screen: a fresh page either way
                }
            }
            default -> { }
        }
    }

    String text() {
        List<String> lines = new ArrayList<>();
        for (char[] row : cells) {
            lines.add(new String(row).stripTrailing());
        }
        return String.join("\n", lines);
    }
}
