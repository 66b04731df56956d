package dev.stackviz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.model.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's key table is the one key table: a key added to the view without a row here fails. The README and
 * its notes in src/doc/ link to each other, and no link leads nowhere.
 */
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
    void theTraceKeyTableListsEveryBindingAsItsViewDoes() throws Exception {
        assertEquals(Keys.markdownRows(Keys.View.TRACE), table("| trace key | does |"));
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

    /**
     * The README links to src/doc/ for what moved there (design, reliability, performance): every relative link in
     * the README and in those notes names a file that exists and, after '#', a heading in it.
     */
    @Test
    void everyLinkBetweenTheReadmeAndItsNotesLeadsSomewhere() throws Exception {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> notes = Files.list(Path.of("src", "doc"))) {
            notes.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : documents) {
            Matcher link = Pattern.compile("\\]\\(([^)\\s]+)\\)").matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // https://...: not ours to check
                }
                links++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.isEmpty() ? document : document.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(document + ": " + target + " (no such file)");
                } else if (target.contains("#") && !anchors(resolved).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(document + ": " + target + " (no such heading in " + resolved + ")");
                }
            }
        }
        assertEquals(List.of(), broken, "links checked: " + links);
        assertTrue(links >= documents.size(), "the README and each note link somewhere: " + links + " links");
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as '-'. */
    static List<String> anchors(Path markdown) throws Exception {
        List<String> anchors = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(markdown)) {
            code ^= line.startsWith("```"); // a '#' in a fenced block is a shell comment, not a heading
            if (!code && line.startsWith("#")) {
                anchors.add(line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
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
