package dev.stackviz.model;

/**
 * How far exhaustive stepping of a traced program has come: {@code steps} instructions in
 * {@code nanos} of stepping; {@code gaveUp} once the program made a second thread (from there
 * breakpoints find the switches).
 */
public record Stepped(long steps, long nanos, boolean gaveUp) {

    /** Instructions a second. */
    public long perSecond() {
        return nanos == 0 ? 0 : steps * 1_000_000_000L / nanos;
    }
}
