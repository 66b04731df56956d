package dev.stackviz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.model.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's key table is the one key table: a key added to the view without a row here fails. */
class ReadmeTest {

    @Test
    void theKeyTableListsEveryBindingAsTheViewDoes() throws Exception {
        assertEquals(Keys.markdownRows(), table("| key | does |"));
    }

    @Test
    void theFibersKeyTableListsEveryBindingAsTheirViewDoes() throws Exception {
        assertEquals(Keys.markdownRows(Keys.View.FIBERS), table("| fibers key | does |"));
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws Exception {
        String command = Files.readAllLines(Path.of("README.md")).stream().filter(l -> l.endsWith("# run all the tests"))
                .map(l -> l.substring(0, l.indexOf('#')).strip()).findFirst().orElse("(no test command in the README)");
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        assertEquals(command, ci.get(ci.size() - 1), ".ci/run ends with the README's test command");
    }

    /** The key names --keys takes, as the parser and --help give them: one list. */
    @Test
    void theKeyScriptsNamesAreTheParsersNames() throws Exception {
        String readme = Files.readString(Path.of("README.md")).replace("`", "").replaceAll("\\s+", " ");
        assertTrue(readme.contains("a key is one character or " + dev.stackviz.tui.KeyScript.KEY_NAMES),
                "README: a key is one character or " + dev.stackviz.tui.KeyScript.KEY_NAMES);
    }

    /** The rows of the README's table under {@code header}. */
    static List<String> table(String header) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int at = lines.indexOf(header);
        List<String> rows = new ArrayList<>();
        for (int i = at + 2; at >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }
}
