package dev.stackviz.machine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tests' own programs: compiled from src/test/resources/programs, and what they print of themselves. */
final class Programs {

    private Programs() {
    }

    /** {@code cc FLAGS -o DIR/NAME src/test/resources/programs/SOURCE}. */
    static Path compile(Path dir, String source, String... flags) throws IOException, InterruptedException {
        Path exe = dir.resolve(source.replaceAll("\\.c$", ""));
        List<String> command = new ArrayList<>(List.of("cc"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", exe.toString(), Path.of("src/test/resources/programs", source).toString()));
        Process cc = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, cc.waitFor(), String.join(" ", command));
        return exe;
    }

    /**
     * {@code rustc FLAGS -o DIR/NAME src/test/resources/programs/SOURCE}: the rustc on PATH, else
     * Debian's (/usr/bin/rustc; .ci/run installs it). Fails, not skips, where there is none.
     */
    static Path rustc(Path dir, String source, String name, String... flags) throws IOException, InterruptedException {
        String rustc = null;
        for (String dirOnPath : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dirOnPath.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dirOnPath, "rustc"))) {
                rustc = Path.of(dirOnPath, "rustc").toString();
                break;
            }
        }
        if (rustc == null && java.nio.file.Files.isExecutable(Path.of("/usr/bin/rustc"))) {
            rustc = "/usr/bin/rustc";
        }
        if (rustc == null) {
            throw new AssertionError("no rustc on PATH nor /usr/bin/rustc: .ci/run installs Debian's (apt-get install rustc)");
        }
        Path exe = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(rustc));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", exe.toString(), Path.of("src/test/resources/programs", source).toString()));
        Process compile = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, compile.waitFor(), String.join(" ", command));
        return exe;
    }

    /** The first {@code lines} lines "NAME 0xHEX", read a byte at a time (what follows stays in the stream). */
    static Map<String, Long> printed(InputStream output, int lines) throws IOException {
        Map<String, Long> values = new HashMap<>();
        StringBuilder line = new StringBuilder();
        while (values.size() < lines) {
            int c = output.read();
            if (c == -1) {
                throw new AssertionError("the program said only " + values);
            }
            if (c == '\n') {
                String[] words = line.toString().split(" ");
                values.put(words[0], Long.parseUnsignedLong(words[1].substring(2), 16));
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        return values;
    }
}
