package dev.stackviz.frame;

import dev.stackviz.model.Durations;
import dev.stackviz.model.Isa;
import dev.stackviz.model.Keys;
import dev.stackviz.model.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines around the explanation: the watchdog's status line (and its report, for dump), the
 * output pane, and the panels that cover the view (the help, the benchmark's figures).
 */
public final class StatusTexts {

    private StatusTexts() {
    }

    // ---- the status line ------------------------------------------------------------------

    public static String status(Frame f, String dot) {
        Report report = f.report();
        String watchdog = f.simulated() ? "watchdog (SIMULATED target): " : "watchdog: ";
        return switch (f.phase()) {
            case SETUP -> watchdog + "idle; the target has not run";
            case RUNNING -> f.stepping() ? "watchdog: paused while stepping" + dot + "instruction " + f.trace().count()
                    + dot + "c runs it at full speed" + dot + "k ends it"
                    : f.run().stopped() ? "child " + f.pid() + " is STOPPED (SIGSTOP or a debugger): its "
                    + "heartbeat stands still" + dot + "kill -CONT " + f.pid() + " lets it go on" + dot + "k ends it"
                    : watchdog + "RUNNING " + Durations.tenths(f.now() - f.run().switchedAt() - f.run().paused()) + dot
                    + "heartbeat " + f.heartbeat() + dot + "k " + (f.isolated() ? "ends it" : "stops it") + dot
                    + "deadline " + Durations.human(f.deadline());
            case STOPPING -> f.isolated() ? "watchdog: sent SIGTERM; waiting for the child to go"
                    : watchdog + "asked the target to stop; waiting for it to come back";
            case RETURNED -> f.isolated() ? childStatus(report, dot)
                    : watchdog + cause(report) + dot + "ran " + Durations.human(report.ran()) + dot + "heartbeat "
                    + report.heartbeat() + dot + (f.simulated() ? "stopped in " : "back in ")
                    + Durations.human(report.stopTook());
            case LOST -> f.isolated() ? "watchdog: the child did not end, even after SIGKILL"
                    : watchdog + "the target did NOT come back within " + Durations.human(report.grace())
                    + "; its thread is lost";
        };
    }

    private static String childStatus(Report report, String dot) {
        String fate = report.fate() == null ? "ended" : report.fate().describe();
        if (report.cause() == Report.Cause.ENDED_BY_ITSELF) {
            return "child " + fate + (outside(report) ? " from outside" : " on its own") + dot + "seen gone "
                    + Durations.human(report.sinceSwitch()) + " after the jump"
                    + (report.held().isZero() ? "" : dot + "ran " + Durations.human(report.ran()));
        }
        return "child " + fate + dot + "ran " + Durations.human(report.ran())
                + (report.stopTook() == null ? "" : dot + "gone " + Durations.human(report.stopTook()) + " after "
                + (report.cause() == Report.Cause.DEADLINE ? "the deadline" : "k"));
    }

    /** Nobody here asked the child to stop, and the signal that ended it is none it raises itself. */
    private static boolean outside(Report report) {
        return report.cause() == Report.Cause.ENDED_BY_ITSELF && report.fate() != null && report.fate().fromOutside();
    }

    public static String cause(Report report) {
        return switch (report.cause()) {
            case KILL -> "kill requested";
            case DEADLINE -> "deadline of " + Durations.human(report.deadline()) + " reached";
            case ENDED_BY_ITSELF -> outside(report) ? "stackviz did not ask the target to stop"
                    : "nobody asked the target to stop";
        };
    }

    /** The watchdog's report as one line, for dump. */
    public static String report(Report report, boolean simulated, boolean child) {
        String tag = simulated ? " [SIMULATED]" : "";
        if (!report.returned()) {
            return child ? "watchdog: " + cause(report) + "; the child did not end, even after SIGKILL" + tag
                    : "watchdog: " + cause(report) + "; asked the target to stop, and it was NOT back within "
                    + Durations.human(report.grace()) + ": its thread is lost (heartbeat " + report.heartbeat() + ")"
                    + tag;
        }
        if (child) {
            String fate = report.fate() == null ? "ended" : report.fate().describe();
            if (report.cause() == Report.Cause.ENDED_BY_ITSELF) {
                return "watchdog: " + cause(report) + "; the child " + fate + (outside(report) ? " from outside" : "")
                        + "; the parent saw it gone " + Durations.human(report.sinceSwitch()) + " after the jump"
                        + (report.held().isZero() ? "" : ", of which it ran " + Durations.human(report.ran()))
                        + " (it died sooner: that is when the parent noticed)";
            }
            return "watchdog: " + cause(report) + "; the child " + fate + "; it ran " + Durations.human(report.ran())
                    + ", heartbeat " + report.heartbeat()
                    + (report.stopTook() == null ? "" : ", and took " + Durations.human(report.stopTook()) + " to die");
        }
        return "watchdog: " + cause(report) + "; the target ran " + Durations.human(report.ran()) + ", heartbeat "
                + report.heartbeat() + ", " + (simulated ? "the Java thread playing it stopped" : "back")
                + " in " + Durations.human(report.stopTook()) + tag;
    }

    // ---- the output pane, help and panels -------------------------------------------------

    /** The target's last line, or what to expect. */
    public static String output(Frame f) {
        if (f.output().isEmpty()) {
            return f.switched() ? "(waiting)" : "(nothing yet: it writes once it wakes up)";
        }
        String[] lines = f.output().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    /** The last {@code n} lines the target wrote (as many as there are). */
    public static List<String> outputLines(Frame f, int n) {
        return f.output().isEmpty() ? List.of(output(f)) : lastLines(f.output(), n);
    }

    /** The last {@code n} lines of {@code text} (as many as there are). */
    static List<String> lastLines(String text, int n) {
        List<String> lines = List.of(text.split("\n"));
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    public static List<String> help() {
        return help(Isa.host());
    }

    /** The help of a stack view whose switch runs on {@code isa}. */
    public static List<String> help(Isa isa) {
        List<String> lines = new ArrayList<>();
        lines.add("stackviz: keys");
        lines.add("");
        Keys.helpLines(Keys.View.STACK, isa).forEach(line -> lines.add("  " + line));
        lines.add("");
        lines.add("  Marks: base, top, aligned, " + isa.sp() + " are labelled at the row's right, with");
        lines.add("  +N for the byte's column; * marks bytes changed by the last step.");
        lines.add("");
        lines.add("  any key closes this help");
        return lines;
    }

    public static List<String> benchPanel(List<String> figures) {
        List<String> lines = new ArrayList<>();
        lines.add("switch costs, measured just now on this machine (stackviz bench --quick)");
        lines.add("");
        lines.addAll(figures);
        lines.add("");
        lines.add("any key closes this panel; 'stackviz bench' measures longer");
        return lines;
    }

    /** The benchmark's panel when the benchmark failed with {@code message}. */
    public static List<String> benchFailed(String message) {
        return List.of("the benchmark failed: " + message);
    }
}
