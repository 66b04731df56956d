package dev.stackviz.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app image that mvn -Pdist packs: unpacked somewhere else, it runs with no Java on the PATH,
 * switches for real, loads stackviz's classes from its class-data archive, and opens the view.
 * (Runs under -Pdist only: the README's test command.)
 */
class DistIT {

    /** The pom's version, handed to the tests by Maven. */
    static final String VERSION = System.getProperty("stackviz.version");
    static final Path TARBALL = Path.of("target/stackviz-" + VERSION + "-linux-x86-64.tar.gz");
    static Path image;
    static Path bin;

    /** Unpacks the tarball into a fresh directory, and makes a PATH with only what the launcher uses. */
    @BeforeAll
    static void unpack(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(TARBALL), "mvn -Pdist package makes " + TARBALL);
        Path into = Files.createDirectories(dir.resolve("some/where else"));
        assertEquals(0, new ProcessBuilder("tar", "-C", into.toString(), "-xzf", TARBALL.toString()).inheritIO().start()
                .waitFor());
        image = into.resolve("stackviz");
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("sh", "readlink", "stty")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
        }
    }

    static String which(String tool) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), tool);
        return path;
    }

    record Result(int code, String out, String err) {
    }

    /** bin/stackviz with these arguments, with an environment that has no Java: no JAVA_HOME, and a PATH without java. */
    static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("env", "-i", "PATH=" + bin));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    /**
     * The arm64 image (linked by this jlink from the arm64 JDK's modules) makes the AArch64 switch for
     * real, run with no Java on the PATH by qemu-user: its launcher is the same script, but a guest
     * binary runs only through qemu here, so the test hands qemu the command line the launcher execs.
     */
    @Test
    void theArm64ImageSwitchesForRealUnderQemu(@TempDir Path dir) throws Exception {
        Path tarball = Path.of("target/stackviz-" + VERSION + "-linux-aarch64.tar.gz");
        if (System.getenv("CI") != null) {
            assertTrue(Files.isRegularFile(tarball), "CI builds the arm64 image: .ci/run installs the arm64 JDK");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(tarball) && Arm64IT.onPath(Arm64IT.QEMU),
                "no arm64 image (no arm64 JDK modules at build time) or no qemu");
        assertEquals(0, new ProcessBuilder("tar", "-C", dir.toString(), "-xzf", tarball.toString()).inheritIO().start()
                .waitFor());
        Path arm = dir.resolve("stackviz");
        assertEquals(Files.readString(image.resolve("bin/stackviz")), Files.readString(arm.resolve("bin/stackviz")));
        String launcher = Files.readString(arm.resolve("bin/stackviz"));
        assertTrue(launcher.contains("exec \"$image/bin/java\" -Djna.boot.library.path=\"$image/lib/native\" "
                + "-Djna.nounpack=true \\\n    -Djna.library.path=\"$image/lib/native\" -m stackviz/dev.stackviz.cli.Main"),
                "the command line below is the launcher's: " + launcher);
        String lib = arm.resolve("lib/native").toString();
        Result dump = run(which(Arm64IT.QEMU), arm.resolve("bin/java").toString(), "-Djna.boot.library.path=" + lib,
                "-Djna.nounpack=true", "-Djna.library.path=" + lib, "-m", "stackviz/dev.stackviz.cli.Main", "dump",
                "--timeout", "300ms");
        assertEquals(0, dump.code(), dump.err());
        assertFalse(dump.err().contains("SIMULATED"), dump.err());
        assertTrue(dump.out().endsWith("I LOVE WAKING UP ON A NEW STACK!\n"), dump.out());
        assertTrue(dump.err().contains("target woke with sp = ") && dump.err().contains(", equal to the predicted "),
                dump.err());
    }

    @Test
    void theImageSwitchesForRealWithNoJavaOnThePath() throws Exception {
        Result noJava = run("sh", "-c", "command -v java || echo none");
        assertEquals("none", noJava.out().trim(), "the environment has no java");
        Result dump = run(image.resolve("bin/stackviz").toString(), "dump", "--timeout", "100ms");
        assertEquals(0, dump.code(), dump.err());
        assertTrue(dump.out().endsWith("I LOVE WAKING UP ON A NEW STACK!\n"), dump.out());
        assertTrue(dump.err().contains(", equal to the predicted "), dump.err());
        Result isolated = run(image.resolve("bin/stackviz").toString(), "dump", "--isolate", "--timeout", "100ms");
        assertEquals(0, isolated.code(), isolated.err());
        assertTrue(isolated.err().contains("the child was killed by SIGTERM"), isolated.err());
    }

    /** A module in a runtime image has no jar manifest: the version and a recording's title still name it. */
    @Test
    void theImageSaysItsVersion(@TempDir Path dir) throws Exception {
        Result version = run(image.resolve("bin/stackviz").toString(), "--version");
        assertEquals(0, version.code(), version.err());
        assertEquals("stackviz " + VERSION + "\n", version.out());
        Path cast = dir.resolve("view.cast");
        Result recorded = run(image.resolve("bin/stackviz").toString(), "--simulate", "--headless", "--keys", "q",
                "--record", cast.toString());
        assertEquals(0, recorded.code(), recorded.err());
        String header = Files.readAllLines(cast).get(0);
        assertTrue(header.contains("\"title\": \"stackviz " + VERSION + " (SIMULATED)\""), header);
    }

    /** Every stackviz class a dump loads, except those generated at run time (lambdas, proxies), is archived. */
    @Test
    void stackvizsOwnClassesComeFromTheClassDataArchive() throws Exception {
        Result logged = run(image.resolve("bin/java").toString(), "-Xlog:class+load", "-m",
                "stackviz/dev.stackviz.cli.Main", "dump", "--timeout", "50ms");
        assertEquals(0, logged.code(), logged.err());
        List<String> ours = logged.out().lines().filter(l -> l.contains("[class,load] dev.stackviz."))
                .filter(l -> !l.contains("$$Lambda$") && !l.contains("$Proxy")).toList();
        List<String> notShared = ours.stream().filter(l -> !l.contains("source: shared objects file")).toList();
        assertTrue(ours.size() > 20, logged.out());
        assertEquals(List.of(), notShared, "of " + ours.size() + " stackviz classes");
    }

    @Test
    void theViewOpensFromTheImageAndQuits() throws Exception {
        String command = "env LC_ALL=C.UTF-8 PATH=" + bin + " '" + image.resolve("bin/stackviz")
                + "'; echo STACKVIZ-EXIT=$?; sleep 60";
        try (Tmux tmux = Tmux.start(80, 24, command)) {
            String screen = tmux.await(s -> s.contains("q quit"), Duration.ofSeconds(10), "the first frame");
            assertTrue(screen.startsWith("stackviz • native"), screen);
            tmux.keys("q");
            String after = tmux.await(Tmux.EXITED, Duration.ofSeconds(10), "the shell after q");
            assertTrue(after.contains("STACKVIZ-EXIT=0"), after);
        }
    }
}
