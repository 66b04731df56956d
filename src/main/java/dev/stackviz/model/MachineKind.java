package dev.stackviz.model;

/** Which machine produced the numbers: every screen says so. */
public enum MachineKind {
    /** The real switch, in this process. */
    NATIVE,
    /** The real switch, in a child process (the seed's one-way jump). */
    ISOLATED,
    /** Pure Java with made-up addresses: nothing switches stacks. */
    SIMULATED
}
