package dev.stackviz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves behind a tmux server socket or a temp folder of this test JVM
 * (registered for every class through META-INF/services). It checks once the class is done, after
 * JUnit has removed the class's own @TempDir folders, then removes what it found, so that the next
 * class is judged on its own.
 */
public final class Leftovers implements BeforeAllCallback {

    /** The start of every tmux server socket's name that this test JVM makes (e2e.Tmux). */
    public static final String TMUX_PREFIX = "stackviz-e2e-" + ProcessHandle.current().pid() + "-";

    @Override
    public void beforeAll(ExtensionContext context) {
        // the store closes its values in the reverse order they were put: this one, put before any
        // @TempDir of the class, closes after them
        context.getStore(ExtensionContext.Namespace.create(Leftovers.class)).put("check",
                (ExtensionContext.Store.CloseableResource) () -> check(context.getDisplayName()));
    }

    private static void check(String testClass) throws IOException {
        List<Path> left = new ArrayList<>(ours(tmuxSockets(), TMUX_PREFIX));
        left.addAll(ours(Path.of(System.getProperty("java.io.tmpdir")), OwnTempDirs.PREFIX));
        for (Path path : left) {
            delete(path);
        }
        if (!left.isEmpty()) {
            throw new AssertionError(testClass + " left behind " + left);
        }
    }

    /** Where tmux puts a -L socket: $TMUX_TMPDIR (or /tmp), then tmux-UID. */
    public static Path tmuxSockets() {
        String tmp = System.getenv().getOrDefault("TMUX_TMPDIR", "");
        return Path.of(tmp.isEmpty() ? "/tmp" : tmp, "tmux-" + new com.sun.security.auth.module.UnixSystem().getUid());
    }

    private static List<Path> ours(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
