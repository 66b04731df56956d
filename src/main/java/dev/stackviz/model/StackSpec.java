package dev.stackviz.model;

/** What the user asked for: a stack of {@code size} bytes starting {@code misalign} bytes past 16. */
public record StackSpec(int size, int misalign) {

    public static final int DEFAULT_SIZE = 48;

    public static StackSpec defaults() {
        return new StackSpec(DEFAULT_SIZE, 0);
    }

    /** Null if the spec can be built, else one sentence saying what is wrong and what is valid. */
    public String problem() {
        if (misalign < 0 || misalign >= StackLayout.ALIGNMENT) {
            return "--misalign must be 0 to 15 (bytes past a 16-byte boundary), not " + misalign;
        }
        int minimum = StackLayout.minimumSize(misalign);
        if (size < StackLayout.MIN_SIZE || size > StackLayout.MAX_SIZE) {
            return "--stack-size must be " + minimum + " to " + StackLayout.MAX_SIZE + " bytes"
                    + (misalign == 0 ? "" : " at --misalign " + misalign) + ", not " + size;
        }
        if (size < minimum) {
            return "--stack-size " + size + " cannot hold the target's frame ("
                    + StackLayout.HEARTBEAT_BELOW_TOP + " bytes below the aligned top) at --misalign "
                    + misalign + ": use at least " + minimum;
        }
        return null;
    }
}
