package dev.stackviz.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** When the watchdog stops the target, and how long it gives it to come back. */
public final class WatchdogOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The watchdog stops the target after this long (e.g. 500ms, 3s, 1m; default: 3s for dump, 60s in the TUI).")
    Duration timeout;

    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the target has to come back once asked to stop (default: 1s).")
    Duration grace = Duration.ofSeconds(1);

    public Duration timeout(Duration fallback) {
        Duration value = timeout == null ? fallback : timeout;
        if (value.isZero() || value.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be longer than 0, e.g. 3s");
        }
        return value;
    }

    public Duration grace() {
        if (grace.toMillis() < 1) {
            throw new ParameterException(spec.commandLine(), "--grace must be at least 1ms, e.g. 1s");
        }
        return grace;
    }
}
