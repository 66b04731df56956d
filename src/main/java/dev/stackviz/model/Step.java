package dev.stackviz.model;

/** The seed's setup, one step at a time, then the switch. */
public enum Step {
    ALLOCATE("allocate"),
    TOP("top"),
    ALIGN("align"),
    WRITE_ENTRY("write"),
    SET_CONTEXT("context"),
    SWITCH("switch");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** What the step does, for a title; the entry's place is where this setup really writes it. */
    public String summary(int entryBelowTop) {
        return summary(entryBelowTop, Isa.X86_64);
    }

    /** The same, for a switch on {@code isa}. */
    public String summary(int entryBelowTop, Isa isa) {
        return switch (this) {
            case ALLOCATE -> "a zeroed buffer becomes the stack";
            case TOP -> "top = base + size";
            case ALIGN -> "aligned = top & ~15";
            case WRITE_ENTRY -> "the target's address at aligned-" + entryBelowTop;
            case SET_CONTEXT -> "ctx." + isa.sp() + " = aligned-" + entryBelowTop;
            case SWITCH -> isa.shortJump();
        };
    }

    /** "step 4/6 write" */
    public String marker() {
        return "step " + (ordinal() + 1) + "/" + values().length + " " + label;
    }

    public Step next() {
        return this == SWITCH ? SWITCH : values()[ordinal() + 1];
    }

    public Step previous() {
        return this == ALLOCATE ? ALLOCATE : values()[ordinal() - 1];
    }
}
