package dev.stackviz.frame;

import static dev.stackviz.frame.Texts.fromBase;
import static dev.stackviz.frame.Texts.hex;
import static dev.stackviz.frame.Texts.kib;
import static dev.stackviz.frame.Texts.relative;

import dev.stackviz.model.Fate;
import dev.stackviz.model.Report;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.TargetLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * What the isolated child's experiments say: how each introduces itself, what it shows while it
 * runs, and how it ended. The bytes' facts come from the frame ({@link Written}); this only words them.
 */
final class ExperimentTexts {

    private ExperimentTexts() {
    }

    /** The first step in a child: what the experiment will do, with this stack's numbers. */
    static String intro(Frame f) {
        StackLayout layout = f.layout();
        String in = "Experiment " + f.experiment().option() + ", in child " + f.pid() + ": ";
        return switch (f.experiment()) {
            case NONE -> "Child " + f.pid() + ": the seed exactly, on a zeroed buffer of " + layout.size()
                    + " bytes at base = " + hex(layout.base()) + ". After the setup, a one-way jump (sv_jump) into a "
                    + "target that never comes back; k (or the watchdog) ends the child: SIGTERM, then SIGKILL.";
            case MISALIGNED -> in + "the entry will go to aligned-" + f.entryBelowTop()
                    + " instead of aligned-" + TargetLayout.ENTRY_BELOW_TOP + ", so that after ret rsp = aligned-"
                    + (f.entryBelowTop() - 8) + ", a multiple of 16, where the ABI promises a function (rsp + 8) % 16 "
                    + "== 0. The target then makes an aligned SSE store (movaps).";
            case OVERFLOW -> {
                long lowest = f.predictedRsp() - 8L * TargetLayout.OVERFLOW_PUSHES;
                yield in + "from rsp = aligned-" + (f.entryBelowTop() - 8) + " the target pushes "
                        + TargetLayout.OVERFLOW_PUSHES + " values (" + 8 * TargetLayout.OVERFLOW_PUSHES
                        + " bytes), down to aligned-" + (layout.aligned() - lowest) + ", which is "
                        + fromBase(layout, lowest) + " of this " + layout.size() + "-byte buffer.";
            }
            case SEED_HELLO -> in + "the target prints through the C library (puts, fflush), as the seed's println! "
                    + "does, on a " + layout.size() + "-byte stack. " + moat(f);
        };
    }

    private static String moat(Frame f) {
        if (f.below() == null) {
            return "The memory below base cannot be read here, so where libc writes will not show.";
        }
        return "The child keeps " + kib(f.below().watched()) + " of zeros below base, so what libc writes there "
                + "shows instead of doing harm.";
    }

    /** The child after its jump, while it runs. */
    static String running(Frame f) {
        return switch (f.experiment()) {
            case NONE -> "The child jumped one way and woke in the target with rsp = " + woke(f) + ". Its heartbeat "
                    + "at aligned-" + f.heartbeatBelowTop() + " = " + hex(f.heartbeatSlot()) + " counts; there is no "
                    + "way back.";
            case MISALIGNED -> misaligned(f) + " Waiting to see how the child ends.";
            case OVERFLOW -> overflow(f);
            case SEED_HELLO -> seedHello(f);
        };
    }

    /** The child gone: how, and what that says about the experiment. */
    static String ended(Frame f) {
        Report report = f.report();
        if (!report.returned()) {
            return "The child did not end even after SIGKILL: it is stuck in the kernel.";
        }
        String fate = report.fate() == null ? "ended" : report.fate().describe();
        return switch (f.experiment()) {
            case NONE -> "The child ran the seed's forever loop on " + f.layout().size() + " bytes until it was ended "
                    + "from outside: it " + fate + ".";
            case MISALIGNED -> report.fate() != null && report.fate().signal() == Fate.SIGSEGV
                    ? misaligned(f) + " The CPU faulted: the child " + fate + ". This is why the setup writes at "
                    + "aligned-" + TargetLayout.ENTRY_BELOW_TOP + "."
                    : misaligned(f) + " The child " + fate + ".";
            case OVERFLOW -> overflow(f);
            case SEED_HELLO -> seedHello(f);
        };
    }

    /** rsp at wake-up as the target recorded it, or the prediction, labelled as such. */
    private static String woke(Frame f) {
        long woke = f.run().wokeRsp();
        if (woke == 0) {
            return hex(f.predictedRsp()) + " (predicted: the child ended before its report was read)";
        }
        return hex(woke) + " " + Texts.verdict(f, woke);
    }

    private static String misaligned(Frame f) {
        long woke = f.run().wokeRsp() != 0 ? f.run().wokeRsp() : f.predictedRsp();
        String how = f.run().wokeRsp() != 0 ? "woke with" : "was to wake with (predicted)";
        long store = woke - TargetLayout.SSE_FRAME;
        return "movaps needs a 16-byte aligned address. The target " + how + " rsp = "
                + relative(f.layout(), woke) + " (rsp % 16 = " + Math.floorMod(woke, 16) + "), reserved "
                + TargetLayout.SSE_FRAME + " bytes trusting the ABI, and stored to [rsp] = "
                + relative(f.layout(), store) + ", " + Math.floorMod(store, 16) + " off a multiple of 16.";
    }

    /** The overflow as the bytes show it: where the pushes' pattern is, what lies below base. */
    static String overflow(Frame f) {
        StackLayout layout = f.layout();
        Written.Pushes pushes = f.written().pushes();
        String from = relative(layout, pushes.from());
        String lowest = relative(layout, pushes.lowest()) + " (" + fromBase(layout, pushes.lowest()) + ")";
        if (pushes.found() == 0 && f.heartbeat() == 0) {
            // the bytes were read before the target's first push (or the child died before a read after it)
            return "From " + from + " the target pushes " + TargetLayout.OVERFLOW_PUSHES + " 'AAAAAAAA' down to "
                    + lowest + ", then puts its heartbeat in the lowest slot; the bytes read so far show none of it "
                    + "yet.";
        }
        int inside = pushes.inside();
        StringBuilder text = new StringBuilder("From ").append(from).append(" the target pushed ")
                .append(TargetLayout.OVERFLOW_PUSHES).append(" 'AAAAAAAA' down to ").append(lowest)
                .append(", then put its heartbeat in the lowest slot. ");
        text.append(inside == 0 ? "No rows" : rows(inside)).append(" of 'AAAAAAAA' ").append(inside == 1 ? "is" : "are")
                .append(" inside the buffer");
        if (pushes.across() > 0) {
            text.append(", ").append(pushes.across()).append(" across base");
        }
        text.append("; ").append(belowBase(f)).append('.');
        if (!f.entryInPlace()) {
            text.append(" The entry address at aligned-").append(f.entryBelowTop()).append(" was overwritten.");
        }
        return text.toString();
    }

    private static String rows(int n) {
        return n == 1 ? "1 row" : n + " rows";
    }

    /**
     * What the window's rows below base hold: nothing, the heartbeat, or other bytes. Rows that follow
     * each other with the same contents are named together: "base-8 and base-16 hold 'AAAAAAAA'".
     */
    private static String belowBase(Frame f) {
        List<String> found = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        String held = null;
        for (Written.BelowRow row : f.written().belowBase()) {
            String what = switch (row.holds()) {
                case HEARTBEAT -> "the heartbeat";
                case PATTERN -> "'AAAAAAAA'";
                case OTHER -> Texts.value(row.value());
            };
            if (!what.equals(held)) {
                holding(rows, held, found);
                rows.clear();
                held = what;
            }
            rows.add("base-" + row.below());
        }
        holding(rows, held, found);
        if (found.isEmpty()) {
            return "below base, nothing was written";
        }
        return "below base, " + String.join(", ", found);
    }

    /** "base-8 holds X", "base-8 and base-16 hold X", "base-8, base-16 and base-24 hold X". */
    private static void holding(List<String> rows, String what, List<String> found) {
        if (rows.isEmpty()) {
            return;
        }
        String last = rows.get(rows.size() - 1);
        found.add(rows.size() == 1 ? last + " holds " + what
                : String.join(", ", rows.subList(0, rows.size() - 1)) + " and " + last + " hold " + what);
    }

    static String seedHello(Frame f) {
        StackLayout layout = f.layout();
        StringBuilder text = new StringBuilder();
        if (f.below() == null) {
            text.append("puts and fflush ran on this ").append(layout.size()).append("-byte stack; the memory below "
                    + "base cannot be read here.");
        } else if (f.below().untouched()) {
            long lowest = f.written().lowestInBuffer();
            text.append("puts and fflush ran inside the ").append(layout.size()).append("-byte buffer");
            if (lowest != 0) {
                text.append(", down to ").append(relative(layout, lowest));
            }
            text.append("; nothing below base was written (").append(kib(f.below().watched())).append(" watched).");
        } else {
            int depth = f.below().lowestWritten();
            text.append("puts and fflush wrote below the ").append(layout.size()).append("-byte buffer, down to base-")
                    .append(depth).append(" = ").append(hex(layout.base() - depth)).append(", in the ")
                    .append(kib(f.below().watched())).append(" the child keeps below base.");
        }
        long call = f.run().callRsp();
        if (call != 0) {
            boolean rule = Math.floorMod(call, 16) == 0;
            text.append(" puts was called with rsp = ").append(relative(layout, call)).append(", ")
                    .append(rule ? "a multiple of 16, as the ABI asks." : "NOT a multiple of 16, as the ABI asks.");
        }
        return text.toString();
    }
}
