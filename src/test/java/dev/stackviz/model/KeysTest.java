package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.model.Keys.View;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void eachViewHasItsOwnKeyBar() {
        assertEquals("→/n step  ←/p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit", Keys.bar(true));
        assertEquals("→/n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit", Keys.bar(View.FIBERS, true));
    }

    @Test
    void anAsciiBarLeavesTheArrowsOut() {
        assertEquals("n step  p back  s switch  i instr  k kill  r reset  e exp  ? help  q quit", Keys.bar(false));
        assertEquals("n switch  s full speed  k stop  r again  Tab fiber  ? help  q quit", Keys.bar(View.FIBERS, false));
    }

    @Test
    void aBindingOnTheBarShowsItsFirstKeysAndItsWord() {
        Keys.Binding step = Keys.table(View.STACK).get(0);
        assertEquals("→/n step", step.bar(true));
        assertEquals("n step", step.bar(false), "the arrow left out, without a stray slash");
        Keys.Binding back = Keys.table(View.STACK).get(1);
        assertEquals("←/p back", back.bar(true));
        Keys.Binding fiber = Keys.binding(Action.NEXT_FIBER);
        assertEquals("Tab fiber", fiber.bar(false), "a named key is kept in ASCII");
    }

    @Test
    void aKeyDoesWhatItsViewsTableSays() {
        assertEquals(Optional.of(Action.STEP_FORWARD), Keys.action("right"));
        assertEquals(Optional.of(Action.STEP_FORWARD), Keys.action("space"));
        assertEquals(Optional.of(Action.STEP_INSTRUCTION), Keys.action(View.STACK, "i"));
        assertEquals(Optional.of(Action.NEXT_FIBER), Keys.action(View.FIBERS, "f"));
        assertEquals(Optional.of(Action.SWITCH), Keys.action(View.FIBERS, "s"));
        assertEquals(Optional.of(Action.QUIT), Keys.action(View.FIBERS, "ctrl-c"));
        assertEquals(Optional.empty(), Keys.action(View.STACK, "tab"), "no fibers to show in the stack view");
        assertEquals(Optional.empty(), Keys.action(View.FIBERS, "i"), "nothing to trace in the fibers view");
        assertEquals(Optional.empty(), Keys.action("x"));
    }

    @Test
    void lettersAreCaseInsensitiveButNamedKeysAreNot() {
        assertEquals(Optional.of(Action.STEP_FORWARD), Keys.action("N"));
        assertEquals(Optional.of(Action.QUIT), Keys.action(View.FIBERS, "Q"));
        assertEquals(Optional.empty(), Keys.action("Right"));
    }

    @Test
    void theHelpListsEveryBindingOfTheViewWithTheKeysInOneColumn() {
        assertEquals(List.of(
                "right, space, n   one switch: the next fiber runs up to its yield",
                "s                 let them run at full speed (no waiting at the gate)",
                "k                 stop them: the scheduler returns to its thread's stack",
                "r                 fresh fibers, from the start",
                "Tab, f            show the next fiber's stack (where one fits at a time)",
                "?, h              this help; any key closes it",
                "Ctrl-L            redraw the whole screen",
                "Ctrl-Z            suspend; fg resumes (a running target pauses too)",
                "q, Ctrl-C         quit (stops the target first)"), Keys.helpLines(View.FIBERS));
        List<String> stack = Keys.helpLines();
        assertEquals(Keys.table(View.STACK).size(), stack.size());
        assertEquals("right, space, n   next step of the setup", stack.get(0));
        assertEquals("e                 next experiment: misaligned, overflow, seed-hello, none, in-process", stack.get(7));
    }

    @Test
    void theReadmesTablesAreMadeFromTheSameBindings() {
        List<String> rows = Keys.markdownRows();
        assertEquals("| → / space / n | next step of the setup |", rows.get(0));
        assertEquals("| ← / p | previous step: the setup replayed from zero |", rows.get(1));
        assertEquals("| q / Ctrl-C | quit (stops the target first) |", rows.get(rows.size() - 1));
        assertEquals("| Tab / f | show the next fiber's stack (where one fits at a time) |",
                Keys.markdownRows(View.FIBERS).get(4));
    }

    @Test
    void everyActionHasOneBindingToLookUp() {
        for (Action action : Action.values()) {
            assertEquals(action, Keys.binding(action).action());
        }
        assertEquals("q, Ctrl-C", Keys.binding(Action.QUIT).names());
        assertTrue(Keys.binding(Action.HELP).inBar());
        assertTrue(!Keys.binding(Action.REDRAW).inBar(), "redraw is in the help only");
    }

    /** On AArch64 the stack view offers no i, c or e: their isolated child runs x86-64 code. */
    @Test
    void onAarch64TheStackViewLeavesOutTheX86OnlyKeys() {
        String bar = Keys.bar(Keys.View.STACK, true, Isa.AARCH64);
        assertEquals("→/n step  ←/p back  s switch  k kill  r reset  ? help  q quit", bar);
        assertEquals(Keys.bar(Keys.View.STACK, true), Keys.bar(Keys.View.STACK, true, Isa.X86_64));
        List<Action> arm = Keys.table(Keys.View.STACK, Isa.AARCH64).stream().map(Keys.Binding::action).toList();
        assertFalse(arm.contains(Action.STEP_INSTRUCTION) || arm.contains(Action.CONTINUE)
                || arm.contains(Action.EXPERIMENT), arm.toString());
        assertTrue(arm.contains(Action.BENCH) && arm.contains(Action.SWITCH));
        List<Action> x86 = Keys.table(Keys.View.STACK, Isa.X86_64).stream().map(Keys.Binding::action).toList();
        assertTrue(x86.contains(Action.STEP_INSTRUCTION) && x86.contains(Action.EXPERIMENT));
        assertEquals(Keys.table(Keys.View.FIBERS, Isa.X86_64), Keys.table(Keys.View.FIBERS, Isa.AARCH64),
                "the other views are the same");
        assertEquals(arm.size(), Keys.helpLines(Keys.View.STACK, Isa.AARCH64).size());
        assertTrue(Keys.helpLines(Keys.View.STACK, Isa.AARCH64).stream()
                .noneMatch(l -> l.startsWith("i ") || l.startsWith("e ") || l.startsWith("c ")));
    }
}
