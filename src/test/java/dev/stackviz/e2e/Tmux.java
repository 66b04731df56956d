package dev.stackviz.e2e;

import dev.stackviz.Leftovers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A tmux session on its own server socket, driven the way a person would: keys in, screen out. */
final class Tmux implements AutoCloseable {

    /**
     * The shell's report of the app's exit status, on a line of its own. Never the typed command that prints it:
     * a command line wrapped at the pane's width shows {@code echo STACKVIZ-EXIT=$?} before the app has ended.
     */
    static final Predicate<String> EXITED = Pattern.compile("^STACKVIZ-EXIT=\\d+$", Pattern.MULTILINE).asPredicate();

    private final String socket;
    private final String name = "stackviz";

    private Tmux(String socket) {
        this.socket = socket;
    }

    /** Starts {@code command} in a detached 80x24 (or other) pane. */
    static Tmux start(int columns, int rows, String command) throws IOException, InterruptedException {
        Tmux tmux = new Tmux(Leftovers.TMUX_PREFIX + System.nanoTime());
        try {
            tmux.run("new-session", "-d", "-s", tmux.name, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                    command);
        } catch (IOException | RuntimeException e) {
            tmux.close();
            throw e;
        }
        return tmux;
    }

    static String jar() {
        String jar = System.getProperty("stackviz.jar", "target/stackviz.jar");
        if (!Path.of(jar).toFile().isFile()) {
            throw new IllegalStateException("no jar at " + jar + ": run mvn package first");
        }
        return Path.of(jar).toAbsolutePath().toString();
    }

    static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", name));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    void resize(int columns, int rows) throws IOException, InterruptedException {
        run("resize-window", "-t", name, "-x", String.valueOf(columns), "-y", String.valueOf(rows));
    }

    /** The pid of the pane's process: the app itself when the command starts with exec. */
    long panePid() throws IOException, InterruptedException {
        return Long.parseLong(run("display-message", "-p", "-t", name, "#{pane_pid}").trim());
    }

    /** Sets a window option of the pane, e.g. alternate-screen off (as GNU screen has it by default). */
    void windowOption(String option, String value) throws IOException, InterruptedException {
        run("set-window-option", "-t", name, option, value);
    }

    /** Writes {@code text} to the pane's terminal from outside, as a stray process writing to the tty would. */
    void writeToTerminal(String text) throws IOException, InterruptedException {
        String tty = run("display-message", "-p", "-t", name, "#{pane_tty}").trim();
        java.nio.file.Files.writeString(Path.of(tty), text);
    }

    String capture() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-t", name);
    }

    /** Polls the screen until {@code condition} holds; returns the screen, or fails after the timeout. */
    String await(Predicate<String> condition, Duration timeout, String what) {
        String[] last = {""};
        try {
            return org.awaitility.Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10)).until(() -> last[0] = capture(), condition::test);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("waited " + timeout + " for " + what + "; the screen is:\n" + last[0], e);
        }
    }

    /**
     * The text a shell command writes into {@code file} ({@code stty -g > F}), once its line is whole: the shell
     * creates the file before the command has started, so that the file exists says nothing of its text.
     */
    static String line(Path file, Duration timeout) {
        return org.awaitility.Awaitility.await("a whole line in " + file).atMost(timeout).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).until(
                        () -> java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "",
                        text -> text.endsWith("\n"));
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Ends the server and removes its socket, which tmux (3.3a) leaves behind when its server exits. */
    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
        java.nio.file.Files.deleteIfExists(Leftovers.tmuxSockets().resolve(socket));
    }
}
