package dev.stackviz.model;

/** The seed's setup, one step at a time, then the switch. */
public enum Step {
    ALLOCATE("allocate", "a zeroed buffer becomes the stack"),
    TOP("top", "top = base + size"),
    ALIGN("align", "aligned = top & ~15"),
    WRITE_ENTRY("write", "the target's address at aligned-16"),
    SET_CONTEXT("context", "ctx.rsp = aligned-16"),
    SWITCH("switch", "mov rsp, [ctx]; ret");

    private final String label;
    private final String summary;

    Step(String label, String summary) {
        this.label = label;
        this.summary = summary;
    }

    public String label() {
        return label;
    }

    public String summary() {
        return summary;
    }

    public Step next() {
        return this == SWITCH ? SWITCH : values()[ordinal() + 1];
    }

    public Step previous() {
        return this == ALLOCATE ? ALLOCATE : values()[ordinal() - 1];
    }

    /** Steps whose effect is a write to memory: the others only compute. */
    public boolean writesMemory() {
        return this == WRITE_ENTRY || this == SET_CONTEXT;
    }
}
