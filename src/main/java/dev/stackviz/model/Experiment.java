package dev.stackviz.model;

import static dev.stackviz.model.TargetLayout.ENTRY_BELOW_TOP;
import static dev.stackviz.model.TargetLayout.HELLO_HEARTBEAT_BELOW_TOP;
import static dev.stackviz.model.TargetLayout.MISALIGNED_ENTRY_BELOW_TOP;
import static dev.stackviz.model.TargetLayout.MISALIGNED_HEARTBEAT_BELOW_TOP;
import static dev.stackviz.model.TargetLayout.OVERFLOW_HEARTBEAT_BELOW_TOP;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What runs in the isolated child: the seed's hello as it is, or one of the rules broken on
 * purpose. Each names its target in asm/experiments_x86_64_sysv_elf_gas.S, where the setup writes
 * its address, and where its heartbeat lives (offsets from asm/sv_layout.h, via TargetLayout).
 * What the screen says about each is in dev.stackviz.frame.ExperimentTexts, computed from what happened.
 */
public enum Experiment {

    NONE("none", "sv_target_forever", ENTRY_BELOW_TOP, HELLO_HEARTBEAT_BELOW_TOP,
            "the seed's forever loop"),
    MISALIGNED("misaligned", "sv_target_sse", MISALIGNED_ENTRY_BELOW_TOP, MISALIGNED_HEARTBEAT_BELOW_TOP,
            "the entry goes " + (MISALIGNED_ENTRY_BELOW_TOP - ENTRY_BELOW_TOP) + " bytes lower, so rsp breaks the 16-byte rule"),
    OVERFLOW("overflow", "sv_target_overflow", ENTRY_BELOW_TOP, OVERFLOW_HEARTBEAT_BELOW_TOP,
            "the target pushes " + 8 * TargetLayout.OVERFLOW_PUSHES + " bytes from aligned-" + (ENTRY_BELOW_TOP - 8)),
    SEED_HELLO("seed-hello", "sv_target_libc_hello", ENTRY_BELOW_TOP, HELLO_HEARTBEAT_BELOW_TOP,
            "the target prints through the C library, as the seed's println! does");

    private final String option;
    private final String symbol;
    private final int entryBelowTop;
    private final int heartbeatBelowTop;
    private final String summary;

    Experiment(String option, String symbol, int entryBelowTop, int heartbeatBelowTop, String summary) {
        this.option = option;
        this.symbol = symbol;
        this.entryBelowTop = entryBelowTop;
        this.heartbeatBelowTop = heartbeatBelowTop;
        this.summary = summary;
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

    /** A few words on what it does. */
    public String summary() {
        return summary;
    }

    /** Where the setup writes the entry for {@code experiment}; null means in-process (the seed's hello). */
    public static int entryBelowTop(Experiment experiment) {
        return experiment == null ? ENTRY_BELOW_TOP : experiment.entryBelowTop;
    }

    public static int heartbeatBelowTop(Experiment experiment) {
        return experiment == null ? HELLO_HEARTBEAT_BELOW_TOP : experiment.heartbeatBelowTop;
    }

    /** The lowest slot below the aligned top that the target uses, for {@code experiment} (null: in-process). */
    public static int lowestBelowTop(Experiment experiment) {
        return Math.max(entryBelowTop(experiment), heartbeatBelowTop(experiment));
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

    /** What the e key opens after {@code current}: the experiments in turn, then (null) the in-process switch again. */
    public static Experiment after(Experiment current) {
        return current == null ? MISALIGNED : current.next() == MISALIGNED ? null : current.next();
    }

    /** The order e goes through them, from the in-process view and back: "misaligned, ..., none, in-process". */
    public static String cycle() {
        StringBuilder text = new StringBuilder();
        for (Experiment e = after(null); e != null; e = after(e)) {
            text.append(e.option).append(", ");
        }
        return text.append("in-process").toString();
    }
}
