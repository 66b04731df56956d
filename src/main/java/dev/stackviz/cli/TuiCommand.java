package dev.stackviz.cli;

import com.googlecode.lanterna.terminal.Terminal;
import dev.stackviz.machine.Machines;
import dev.stackviz.tui.Session;
import dev.stackviz.tui.Terminals;
import dev.stackviz.tui.Theme;
import dev.stackviz.tui.TuiApp;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** The full-screen view: what `stackviz` with no subcommand runs. */
final class TuiCommand {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private TuiCommand() {
    }

    static int run(CommandSpec spec, StackOptions stack, WatchdogOptions watchdog) throws Exception {
        Duration deadline = watchdog.timeout(DEFAULT_TIMEOUT);
        Duration grace = watchdog.grace();
        stack.stackSpec();
        String noTerminal = Terminals.whyNoTerminal();
        if (noTerminal != null) {
            throw new StackvizException(noTerminal + "; 'stackviz dump' prints the same stack as text");
        }
        Machines.Choice first = stack.openMachine();
        boolean[] used = {false};
        Session session = new Session(() -> {
            if (!used[0]) {
                used[0] = true;
                return first.machine();
            }
            return stack.openMachine().machine();
        }, deadline, grace, System::nanoTime);
        if (first.note() != null) {
            session.note(first.note());
        }
        Terminal terminal = Terminals.open(Terminals.stdout());
        try {
            new TuiApp(terminal, session, Theme.fromEnvironment()).run(true);
        } finally {
            terminal.close(); // restores the tty mode saved at start
        }
        return 0;
    }
}
