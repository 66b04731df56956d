package dev.stackviz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Every @TempDir of the tests (junit-platform.properties makes this the default): named after this
 * test JVM, so that {@link Leftovers} can tell ours from those of another build sharing /tmp.
 */
public final class OwnTempDirs implements TempDirFactory {

    public static final String PREFIX = "stackviz-test-" + ProcessHandle.current().pid() + "-";

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
        // the JVM's temp folder need not exist yet: PIT's minions have one under target/ (see the pom)
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(PREFIX);
    }
}
