package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parseReadsEachUnitAndABareNumberAsSeconds() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(3), Durations.parse("3s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofSeconds(7), Durations.parse("7"), "a bare number is seconds");
        assertEquals(Duration.ofMillis(250), Durations.parse(" 250ms "), "spaces around it are ignored");
        assertEquals(Duration.ofNanos(1_500), Durations.parse("0.0015ms"), "fractions down to nanoseconds");
    }

    @Test
    void parseAcceptsUpToADayAndNoMore() {
        assertEquals(Duration.ofDays(1), Durations.parse("1440m"));
        assertEquals(Duration.ofDays(1), Durations.parse("86400s"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("86400.5s"));
        assertEquals("'86400.5s' is longer than a day", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("1441m"));
    }

    @Test
    void parseRejectsWhatIsNotADurationAndSaysWhatIs() {
        for (String text : new String[] {"", "3h", "-1s", "1.s", "s", "five"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text), text);
            assertEquals("'" + text + "' is not a duration: use e.g. 500ms, 3s, 1.5s, 2m", e.getMessage());
        }
    }

    @Test
    void humanPicksTheUnitAPersonReads() {
        assertEquals("0 ns", Durations.human(Duration.ZERO));
        assertEquals("840 ns", Durations.human(Duration.ofNanos(840)));
        assertEquals("999 ns", Durations.human(Duration.ofNanos(999)));
        assertEquals("1.0 us", Durations.human(Duration.ofNanos(1_000)));
        assertEquals("12.3 us", Durations.human(Duration.ofNanos(12_340)));
        assertEquals("999.9 us", Durations.human(Duration.ofNanos(999_900)));
        assertEquals("1.0 ms", Durations.human(Duration.ofMillis(1)));
        assertEquals("4.1 ms", Durations.human(Duration.ofNanos(4_100_000)));
        assertEquals("999.9 ms", Durations.human(Duration.ofNanos(999_900_000)));
        assertEquals("1.00 s", Durations.human(Duration.ofSeconds(1)));
        assertEquals("3.25 s", Durations.human(Duration.ofMillis(3_250)));
        assertEquals("90.00 s", Durations.human(Duration.ofMinutes(1).plusSeconds(30)));
    }

    @Test
    void tenthsTickInWholeTenthsAndNeverGoBelowZero() {
        assertEquals("0.0 s", Durations.tenths(0));
        assertEquals("0.0 s", Durations.tenths(99_999_999), "a tenth is shown once it is whole");
        assertEquals("0.1 s", Durations.tenths(100_000_000));
        assertEquals("1.5 s", Durations.tenths(1_599_999_999));
        assertEquals("12.3 s", Durations.tenths(12_300_000_000L));
        assertEquals("0.0 s", Durations.tenths(-5_000_000_000L), "a clock read before the switch");
    }
}
