package dev.stackviz.cli;

import dev.stackviz.machine.Machines;
import dev.stackviz.model.MachineKind;
import dev.stackviz.session.FibersSession;
import dev.stackviz.tui.Scene;
import dev.stackviz.view.Theme;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Green threads: the seed's one-way jump, made into switches back and forth between fibers. */
@Command(name = "fibers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Green threads: step a round-robin scheduler switch by switch, on real memory.",
        description = "Open the full-screen view on N fibers (green threads), each on its own small heap stack "
            + "prepared as the seed prepares one, switched round robin by sv_swap; n makes one switch.")
public final class FibersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FibersOptions fibers;

    @Mixin
    ViewOptions view;

    @Override
    public Integer call() throws Exception {
        fibers.validate();
        view.validate();
        TuiCommand.requireTerminal(view, "'stackviz dump --fibers " + fibers.count + "' prints the fibers as text");
        Theme theme = Theme.fromEnvironment();
        return TuiCommand.show(view, spec.commandLine().getErr(), CompletableFuture.supplyAsync(() -> {
            Machines.FibersChoice first = fibers.open();
            boolean[] used = {false};
            FibersSession session = new FibersSession(() -> {
                if (!used[0]) {
                    used[0] = true;
                    return first.machine();
                }
                return fibers.open().machine();
            }, System::nanoTime, first.note());
            String kind = first.machine().kind() == MachineKind.SIMULATED ? "SIMULATED" : "native";
            return new TuiCommand.Viewed(Scene.of(session, theme), kind + ", green threads", session::onStep,
                    "fibers", session::ranEver);
        }));
    }
}
