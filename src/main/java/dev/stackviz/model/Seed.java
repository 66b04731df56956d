package dev.stackviz.model;

/** What the seed program ("A Rusty Stack Jump", stack_swap.rs) fixes, once. */
public final class Seed {

    /**
     * The target's line, without its newline. The assembly has it once (asm/sv_layout.h SV_MESSAGE,
     * exported as sv_message); SwitchLayoutTest checks this copy against the library's bytes.
     */
    public static final String MESSAGE = "I LOVE WAKING UP ON A NEW STACK!";

    /** The seed's SSIZE: the buffer that becomes the stack. */
    public static final int STACK_SIZE = 48;

    private Seed() {
    }
}
