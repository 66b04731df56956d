package dev.stackviz.view;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.frame.TraceFrame;
import dev.stackviz.frame.TraceFrame.State;
import dev.stackviz.frame.TraceViewTexts;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.ProgramTrace;
import dev.stackviz.model.Keys;
import dev.stackviz.session.TraceSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace view's real painter on Lanterna's virtual terminal, at every size the views support,
 * with frames of real programs under the real tracer: at the entry, at a switch, after i, an earlier
 * switch shown, at a fault, ended, the help. Nothing said is cut; both stacks from 160 columns.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TraceSizesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void needsTheTracer() {
        Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null, "x86-64 Linux");
    }

    static Path compile(Path dir, String source, String... flags) throws Exception {
        Path exe = dir.resolve(source.replace(".c", ""));
        List<String> cc = new ArrayList<>(List.of("cc", "-O1", "-masm=intel", "-Wl,-z,now", "-o", exe.toString()));
        cc.addAll(List.of(flags));
        cc.add("src/test/resources/programs/" + source);
        assertEquals(0, new ProcessBuilder(cc).inheritIO().start().waitFor());
        return exe;
    }

    static TraceSession open(Path exe) throws Exception {
        return new TraceSession("./" + exe.getFileName(), ProgramTrace.start(List.of(exe.toString()), false, null),
                () -> ProgramTrace.start(List.of(exe.toString()), false, null));
    }

    static TraceFrame reach(TraceSession session, State state) {
        await().atMost(WAIT).until(() -> session.frame().state() == state);
        return session.frame();
    }

    @Test
    void nothingIsCutAtAnySize(@TempDir Path dir) throws Exception {
        List<TraceFrame> frames = new ArrayList<>();
        try (TraceSession seed = open(compile(dir, "seed_jump.c"))) {
            frames.add(seed.frame());
            seed.press("n");
            frames.add(reach(seed, State.HELD));
            seed.press("i");
            seed.press("i");
            frames.add(seed.frame());
            seed.press("tab");
            frames.add(seed.frame());
            seed.press("k");
            frames.add(reach(seed, State.ENDED));
            seed.press("?");
            frames.add(seed.frame());
        }
        try (TraceSession pingpong = open(compile(dir, "swapcontext_pingpong.c"))) {
            for (int i = 0; i < 4; i++) {
                pingpong.press("n");
                reach(pingpong, State.HELD);
            }
            pingpong.press("left");
            pingpong.press("left");
            frames.add(pingpong.frame());
        }
        try (TraceSession misaligned = open(compile(dir, "misaligned_jump.c"))) {
            misaligned.press("n");
            reach(misaligned, State.HELD);
            misaligned.press("n");
            frames.add(reach(misaligned, State.FAULT));
        }
        List<String> wrong = new ArrayList<>();
        for (TraceFrame frame : frames) {
            for (int[] size : SizesTest.SIZES) {
                check(frame, size[0], size[1], wrong);
            }
        }
        assertEquals(List.of(), wrong);
    }

    static void check(TraceFrame frame, int columns, int rows, List<String> wrong) {
        String screen = Pictures.render(frame, columns, rows);
        String where = columns + "x" + rows + " " + frame.state() + " switch " + (frame.selected() + 1) + ": ";
        String flat = screen.replaceAll("[\\s░]+", " ");
        List<String> said = new ArrayList<>();
        if (frame.overlay() == dev.stackviz.frame.Frame.Overlay.HELP) {
            for (String line : TraceViewTexts.help()) {
                said.add(line.replaceAll("\\s+", " ").trim());
            }
        } else {
            said.addAll(List.of(TraceViewTexts.sentence(frame), TraceViewTexts.status(frame), frame.hint(),
                    Keys.bar(Keys.View.TRACE, true), TraceViewTexts.switches(frame, columns)));
            if (columns >= 96) {
                said.add(TraceViewTexts.title(frame, " • ")); // narrower, a long path is clipped with "..."
            }
            if (frame.shown() != null && frame.fault() == null) {
                said.add(TraceViewTexts.stackHeader(frame.shown(), columns < 160 && frame.oldStack()));
                if (columns >= 160) {
                    said.add(TraceViewTexts.stackHeader(frame.shown(), true));
                    said.add(TraceViewTexts.stackHeader(frame.shown(), false));
                }
            }
            if (frame.fault() != null) {
                said.add("fault: SIGSEGV (general protection) at hello+0x4: movaps xmmword ptr [rsp], xmm0");
                said.add("rsp (at the fault)");
            }
        }
        for (String text : said) {
            String words = text.replaceAll("\\s+", " ").trim();
            if (!words.isEmpty() && !flat.contains(words)) {
                wrong.add(where + "'" + words + "' is not whole on screen:\n" + screen);
            }
        }
        String[] lines = screen.split("\n", -1);
        if (frame.overlay() == dev.stackviz.frame.Frame.Overlay.NONE
                && !lines[rows - 1].startsWith(Keys.bar(Keys.View.TRACE, true))) {
            wrong.add(where + "the key bar is not on the last row:\n" + screen);
        }
    }
}
