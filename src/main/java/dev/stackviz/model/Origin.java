package dev.stackviz.model;

/** Where the bytes on screen come from, as the grid's header says it. */
public enum Origin {
    LIVE("live memory"),
    PROC_MEM("/proc/mem"),
    CHILD_REPORT("child report"),
    LAST_READ("last read"),
    MADE_UP("made-up");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
