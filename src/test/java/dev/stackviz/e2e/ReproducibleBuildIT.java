package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds of the same sources, in two directories of different depth and at different times,
 * give byte-identical jars and native libraries (mvn -o: the outer build has fetched every plugin).
 */
class ReproducibleBuildIT {

    @Test
    void twoBuildsAreByteIdentical(@TempDir Path dir) throws Exception {
        Path first = copy(dir.resolve("one/stackviz"));
        Path second = copy(dir.resolve("two/and/deeper/stackviz"));
        build(first);
        Thread.sleep(1500); // another second on every clock that could leak into the output
        build(second);
        for (String file : List.of("target/stackviz.jar", "target/classes/linux-x86-64/libstackviz.so",
                "target/classes/linux-aarch64/libstackviz.so")) {
            byte[] a = Files.readAllBytes(first.resolve(file));
            byte[] b = Files.readAllBytes(second.resolve(file));
            assertTrue(Arrays.equals(a, b), file + " differs between the two builds: " + differences(first, second));
        }
    }

    /** The project's files (those git tracks, and new ones it does not ignore), without target/. */
    static Path copy(Path to) throws IOException, InterruptedException {
        Process ls = new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard").start();
        List<String> files = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, ls.waitFor(), "git ls-files");
        for (String file : files) {
            Path source = Path.of(file);
            if (Files.isRegularFile(source)) {
                Path target = to.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    static void build(Path project) throws IOException, InterruptedException {
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-o", "package", "-DskipTests").directory(project.toFile())
                .redirectErrorStream(true).start();
        String out = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "the build ends");
        assertEquals(0, mvn.exitValue(), out);
    }

    /** Which jar entries differ, for the failure message. */
    static String differences(Path first, Path second) throws IOException {
        List<String> differ = new ArrayList<>();
        try (ZipFile a = new ZipFile(first.resolve("target/stackviz.jar").toFile());
             ZipFile b = new ZipFile(second.resolve("target/stackviz.jar").toFile())) {
            for (ZipEntry entry : java.util.Collections.list(a.entries())) {
                ZipEntry other = b.getEntry(entry.getName());
                if (other == null || other.getCrc() != entry.getCrc() || other.getTime() != entry.getTime()) {
                    differ.add(entry.getName());
                }
            }
        }
        return differ.isEmpty() ? "(same entries: the order or the headers differ)"
                : differ.size() + " entries, e.g. " + differ.subList(0, Math.min(8, differ.size()));
    }
}
