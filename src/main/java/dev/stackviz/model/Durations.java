package dev.stackviz.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them ("500ms", "3s", "1.5s", "2m") and read them ("4.1 ms"). */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    private Durations() {
    }

    /** Parses a duration; a bare number means seconds. Throws IllegalArgumentException saying what is valid. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use e.g. 500ms, 3s, 1.5s, 2m");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        if (millis > Duration.ofDays(1).toMillis()) {
            throw new IllegalArgumentException("'" + text + "' is longer than a day");
        }
        return Duration.ofNanos(Math.round(millis * 1e6));
    }

    /** A duration the way a person reads it: 840 ns, 12.3 us, 4.1 ms, 3.00 s. */
    public static String human(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000L) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** Whole tenths of a second, for a clock that ticks on screen: "1.5 s". */
    public static String tenths(long nanos) {
        long tenths = Math.max(0, nanos) / 100_000_000L;
        return tenths / 10 + "." + tenths % 10 + " s";
    }
}
