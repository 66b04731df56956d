package dev.stackviz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.record.Cast;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version is the pom's wherever stackviz runs: from the jar, from the app image (a module in a
 * runtime image, which has no manifest) and from target/classes, as here.
 */
class VersionTest {

    /** The pom's version, handed to the tests by Maven. */
    static final String POM = System.getProperty("stackviz.version");

    @Test
    void versionSaysThePomsVersion() {
        assertEquals("stackviz " + POM + "\n", CliTest.run("--version").out());
        assertEquals("stackviz " + POM + "\n", CliTest.run("dump", "--version").out());
    }

    @Test
    void aRecordingIsTitledWithTheVersion(@TempDir Path dir) throws Exception {
        Path cast = dir.resolve("view.cast");
        CliTest.Result result = CliTest.run("--simulate", "--headless", "--keys", "q", "--record", cast.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals("stackviz " + POM + " (SIMULATED)", Cast.read(cast).header().get("title").getAsString());
    }
}
