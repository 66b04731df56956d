package dev.stackviz;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf("| key | does |");
        List<String> rows = new ArrayList<>();
        for (int i = header + 2; header >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        assertEquals(Keys.markdownRows(), rows);
    }
}
