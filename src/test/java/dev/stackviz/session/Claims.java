package dev.stackviz.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a rendered screen states and checks each statement against facts read from memory.
 * The facts come from the machine's bytes and layout, never from the code that wrote the sentences,
 * so a sentence that says aligned-16 where the entry really is at aligned-24 is caught.
 *
 * <p>The grammar it understands is the claims stackviz makes: "aligned-N = 0x...", "base-N =
 * 0x...", "the target's address at aligned-N", "ctx.rsp = aligned-N", "N-byte buffer", "N KiB",
 * rows labelled "entry address" or "heartbeat", what is said to lie below base, and whether the
 * target can go back.
 */
final class Claims {

    /** What is true, read independently of the texts. */
    interface Facts {
        long base();

        int size();

        long aligned();

        long entryAddress();

        /** The u64 at {@code address}, or null where it was not read. */
        Long u64(long address);

        long contextRsp();

        boolean isolated();

        boolean switched();

        long wokeRsp();

        long callRsp();

        /** Bytes watched below base, or -1 where unknown. */
        int watchedBelow();

        /** How far below base the lowest non-zero byte is (0 if none), or -1 where unknown. */
        int lowestWrittenBelow();

        long heartbeatSlot();
    }

    private static final Pattern AT_ALIGNED = Pattern.compile("aligned-(\\d+) = (0x[0-9a-f]+)");
    private static final Pattern AT_BASE = Pattern.compile("base-(\\d+) = (0x[0-9a-f]+)");
    private static final Pattern ENTRY_AT = Pattern.compile("[Tt]he target's address (?:0x[0-9a-f]+ goes to|at) aligned-(\\d+)");
    private static final Pattern CTX_RSP = Pattern.compile("ctx\\.rsp = aligned-(\\d+)");
    private static final Pattern BUFFER_SIZE = Pattern.compile("(\\d+)-byte (?:buffer|stack)|buffer of (\\d+) bytes|on (\\d+) bytes");
    private static final Pattern KIB = Pattern.compile("(\\d+) KiB");
    private static final Pattern TOP_IS = Pattern.compile("top = base \\+ (\\d+) = (0x[0-9a-f]+)");
    private static final Pattern MOVES_DOWN = Pattern.compile("the top moves down (\\d+) bytes");
    private static final Pattern LEAVES_RSP = Pattern.compile("leave(?:s)? rsp = aligned-(\\d+)");
    private static final Pattern WOKE = Pattern.compile("woke(?: up in the target)? with rsp = (0x[0-9a-f]+)");
    private static final Pattern CALLED = Pattern.compile("puts was called with rsp = aligned-(\\d+)");
    private static final Pattern DOWN_TO_BASE = Pattern.compile("down to base-(\\d+)");
    private static final Pattern HOLDS = Pattern.compile("base-(\\d+) holds the heartbeat");
    private static final Pattern ROWS_INSIDE = Pattern.compile("(\\d+) rows? of 'AAAAAAAA' (?:is|are) inside the buffer");
    private static final Pattern PATTERN_BELOW = Pattern.compile("(?:guard|below)[^.;]*hold[^.;]*'AAAAAAAA'");
    private static final Pattern PUSHED_TO = Pattern.compile("down to aligned-(\\d+) \\((\\d+) bytes? (below|above) base\\)");
    private static final Pattern OVERWRITTEN = Pattern.compile("entry address at aligned-(\\d+) was overwritten");
    private static final Pattern LABEL_ROW = Pattern.compile("^(0x[0-9a-f]+)\\s.*(?:◀|<) (.*)$");

    private Claims() {
    }

    /** Every statement on {@code screen} that the facts contradict, one line each. */
    static List<String> violations(String screen, Facts facts) {
        List<String> wrong = new ArrayList<>();
        String text = screen.replaceAll("\\s+", " ");
        long aligned = facts.aligned();
        each(AT_ALIGNED, text, m -> check(wrong, aligned - num(m, 1) == hex(m.group(2)), m.group()
                + ": aligned is " + h(aligned)));
        each(AT_BASE, text, m -> check(wrong, facts.base() - num(m, 1) == hex(m.group(2)), m.group()
                + ": base is " + h(facts.base())));
        each(ENTRY_AT, text, m -> {
            Long there = facts.u64(aligned - num(m, 1));
            check(wrong, !facts.switched() && there != null && there == facts.entryAddress()
                    || facts.switched(), m.group() + ": memory there holds " + (there == null ? "?" : h(there))
                    + ", the entry is " + h(facts.entryAddress()) + " at " + where(facts, facts.entryAddress()));
        });
        each(CTX_RSP, text, m -> check(wrong, facts.contextRsp() == 0 || facts.contextRsp() == aligned - num(m, 1),
                m.group() + ": ctx.rsp is " + h(facts.contextRsp()) + " = aligned-" + (aligned - facts.contextRsp())));
        each(BUFFER_SIZE, text, m -> {
            long n = num(m, m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3);
            check(wrong, n == facts.size(), m.group() + ": the buffer has " + facts.size() + " bytes");
        });
        each(KIB, text, m -> check(wrong, facts.watchedBelow() == num(m, 1) * 1024, m.group()
                + ": " + facts.watchedBelow() + " bytes are watched below base"));
        each(TOP_IS, text, m -> check(wrong, num(m, 1) == facts.size() && hex(m.group(2)) == facts.base()
                + facts.size(), m.group()));
        each(MOVES_DOWN, text, m -> check(wrong, num(m, 1) == facts.base() + facts.size() - aligned, m.group()));
        each(LEAVES_RSP, text, m -> {
            long entrySlot = where(facts, facts.entryAddress());
            check(wrong, entrySlot == 0 || aligned - num(m, 1) == entrySlot + 8, m.group()
                    + ": ret pops the entry at " + h(entrySlot) + ", leaving rsp = aligned-" + (aligned - entrySlot - 8));
        });
        each(WOKE, text, m -> check(wrong, facts.wokeRsp() == hex(m.group(1)), m.group() + ": the target recorded "
                + h(facts.wokeRsp())));
        each(CALLED, text, m -> check(wrong, facts.callRsp() == aligned - num(m, 1), m.group()
                + ": it recorded " + h(facts.callRsp())));
        each(DOWN_TO_BASE, text, m -> check(wrong, facts.lowestWrittenBelow() == num(m, 1), m.group()
                + ": the lowest byte written is base-" + facts.lowestWrittenBelow()));
        each(HOLDS, text, m -> check(wrong, facts.base() - num(m, 1) == facts.heartbeatSlot()
                && facts.u64(facts.heartbeatSlot()) != null && facts.u64(facts.heartbeatSlot()) != 0, m.group()));
        each(ROWS_INSIDE, text, m -> check(wrong, num(m, 1) == patternRows(facts, true), m.group() + ": "
                + patternRows(facts, true) + " inside"));
        each(PATTERN_BELOW, text, m -> check(wrong, patternRows(facts, false) > 0, m.group()
                + ": no 'AAAAAAAA' row lies below base"));
        each(PUSHED_TO, text, m -> {
            long lowest = aligned - num(m, 1);
            long delta = Math.abs(lowest - facts.base());
            boolean below = lowest < facts.base();
            check(wrong, delta == num(m, 2) && below == m.group(3).equals("below"), m.group() + ": base is "
                    + h(facts.base()));
        });
        each(OVERWRITTEN, text, m -> {
            Long there = facts.u64(aligned - num(m, 1));
            check(wrong, there != null && there != facts.entryAddress(), m.group() + ": it is still there");
        });
        if (text.contains("k asks it to go back")) {
            check(wrong, !facts.isolated(), "'k asks it to go back': a child that jumped one way cannot go back");
        }
        if (text.contains("no way back")) {
            check(wrong, facts.isolated(), "'no way back': an in-process target goes back when asked");
        }
        for (String line : screen.split("\n")) {
            Matcher row = LABEL_ROW.matcher(line);
            if (row.matches()) {
                labels(wrong, facts, hex(row.group(1)), row.group(2));
            }
        }
        return wrong;
    }

    private static void labels(List<String> wrong, Facts facts, long row, String labels) {
        Long value = facts.u64(row);
        if (labels.contains("entry address") || labels.contains("entry (ctx.rsp)")
                || labels.matches("(.*, )?entry(, .*)?")) {
            check(wrong, value != null && value == facts.entryAddress(), "row " + h(row) + " is labelled the entry "
                    + "but holds " + (value == null ? "?" : h(value)));
        }
        if (labels.contains("heartbeat") || labels.contains("hbeat")) {
            check(wrong, row == facts.heartbeatSlot(), "row " + h(row) + " is labelled heartbeat");
        }
        if (labels.contains("'AAAAAAAA'") || labels.contains("'A'x8")) {
            check(wrong, value != null && value == 0x4141414141414141L, "row " + h(row) + " is labelled 'AAAAAAAA'");
        }
        if (labels.contains("rsp (woke)")) {
            check(wrong, row == (facts.wokeRsp() & -8L), "row " + h(row) + " is labelled rsp (woke)");
        }
    }

    private static int patternRows(Facts facts, boolean inside) {
        int count = 0;
        for (long slot = facts.aligned() - 8; slot >= facts.base() - 64; slot -= 8) {
            Long value = facts.u64(slot);
            boolean in = slot >= facts.base() && slot + 8 <= facts.base() + facts.size();
            if (value != null && value == 0x4141414141414141L && in == inside) {
                count++;
            }
        }
        return count;
    }

    /** Where {@code value} lies as a u64 near the top (the entry's real place); 0 if nowhere. */
    private static long where(Facts facts, long value) {
        for (long slot = facts.aligned() - 8; slot >= facts.aligned() - 64; slot -= 8) {
            Long there = facts.u64(slot);
            if (there != null && there == value) {
                return slot;
            }
        }
        return 0;
    }

    private static void each(Pattern pattern, String text, java.util.function.Consumer<Matcher> check) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            check.accept(m);
        }
    }

    private static void check(List<String> wrong, boolean ok, String what) {
        if (!ok) {
            wrong.add(what);
        }
    }

    private static long num(Matcher m, int group) {
        return Long.parseLong(m.group(group));
    }

    private static long hex(String text) {
        return Long.parseUnsignedLong(text.substring(2), 16);
    }

    private static String h(long value) {
        return "0x" + Long.toHexString(value);
    }
}
