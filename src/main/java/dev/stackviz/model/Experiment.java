package dev.stackviz.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What runs in the isolated child: the seed's hello as it is, or one of the rules broken on
 * purpose. Each names its target in asm/experiments_x86_64_sysv_elf_gas.S, where the setup writes
 * its address, and where its heartbeat lives.
 */
public enum Experiment {

    NONE("none", "sv_target_forever", 16, 24,
            "The seed exactly: a one-way jump into a target that never comes back. It spins until the "
            + "watchdog ends its process: SIGTERM, then SIGKILL.",
            "The child process ran the seed's forever loop on 48 bytes until it was ended from outside."),

    MISALIGNED("misaligned", "sv_target_sse", 24, 40,
            "Experiment misaligned: the address goes to aligned-24, so after ret rsp = aligned-16, a multiple "
            + "of 16 where the ABI promises (rsp + 8) % 16 == 0. The target then makes an aligned SSE store.",
            "movaps needs a 16-byte aligned address; the target reserved 24 bytes trusting the ABI, so [rsp] "
            + "was off by 8 and the CPU faulted: SIGSEGV. This is why the setup writes at aligned-16."),

    OVERFLOW("overflow", "sv_target_overflow", 16, 56,
            "Experiment overflow: from rsp = aligned-8 the target pushes 6 values (48 bytes), more than "
            + "the buffer holds below rsp. Watch the guard bytes below base.",
            "Nothing stops a push below base: the guard bytes below the buffer now hold 'AAAAAAAA' and the "
            + "heartbeat. On a real heap that memory belongs to someone else."),

    SEED_HELLO("seed-hello", "sv_target_libc_hello", 16, 24,
            "Experiment seed-hello: the target prints through the C library (puts, fflush), as the seed's "
            + "println! does, with 48 bytes of stack.",
            "puts and fflush ran with their frames far below the 48-byte buffer: stackviz gave the child a "
            + "64 KiB moat there, so the damage shows instead of corrupting the heap.");

    private final String option;
    private final String symbol;
    private final int entryBelowTop;
    private final int heartbeatBelowTop;
    private final String before;
    private final String after;

    Experiment(String option, String symbol, int entryBelowTop, int heartbeatBelowTop, String before, String after) {
        this.option = option;
        this.symbol = symbol;
        this.entryBelowTop = entryBelowTop;
        this.heartbeatBelowTop = heartbeatBelowTop;
        this.before = before;
        this.after = after;
    }

    public String option() {
        return option;
    }

    /** The target's symbol in the native library. */
    public String symbol() {
        return symbol;
    }

    /** Where the setup writes the target's address: aligned minus this. */
    public int entryBelowTop() {
        return entryBelowTop;
    }

    /** Where the target keeps its heartbeat while it spins: aligned minus this. */
    public int heartbeatBelowTop() {
        return heartbeatBelowTop;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }

    public Experiment next() {
        return values()[(ordinal() + 1) % values().length];
    }

    public static Experiment parse(String text) {
        for (Experiment e : values()) {
            if (e.option.equals(text.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an experiment: use one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Experiment::option).collect(Collectors.joining(", "));
    }
}
