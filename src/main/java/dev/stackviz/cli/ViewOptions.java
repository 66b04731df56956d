package dev.stackviz.cli;

import com.googlecode.lanterna.TerminalSize;
import dev.stackviz.tui.KeyScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How the full-screen view runs: recorded, scripted, headless. */
public final class ViewOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--record", paramLabel = "FILE.cast",
            description = "Record the session as an asciicast v2 file (play it with: asciinema play FILE.cast).")
    Path record;

    @Option(names = "--overwrite", description = "Let --record replace an existing file.")
    boolean overwrite;

    @Option(names = "--record-input", description = "Also record the keys (\"i\" events); needs --record.")
    boolean recordInput;

    @Option(names = "--keys", paramLabel = "SCRIPT",
            description = {"Autopilot: press these keys, e.g. \"n n n 500ms s 2s k q\".",
                "A key is one character or " + KeyScript.KEY_NAMES + "; a pause is like 500ms or 2s.",
                "Keys typed on the terminal still work; with --headless the view quits when the script ends."})
    String keys;

    @Option(names = "--headless",
            description = "Render into a terminal of --size with no TTY (needs --keys); with --record, CI can make casts.")
    boolean headless;

    @Option(names = "--size", paramLabel = "COLSxROWS", description = "The --headless terminal's size (default: 80x24).")
    String size;

    List<KeyScript.Item> script() {
        if (keys == null) {
            return List.of();
        }
        try {
            return KeyScript.parse(keys);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--keys: " + e.getMessage());
        }
    }

    TerminalSize headlessSize() {
        String text = size == null ? "80x24" : size;
        String[] parts = text.toLowerCase().split("x");
        try {
            if (parts.length == 2) {
                int columns = Integer.parseInt(parts[0]);
                int rows = Integer.parseInt(parts[1]);
                if (columns >= 20 && columns <= 500 && rows >= 5 && rows <= 300) {
                    return new TerminalSize(columns, rows);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(),
                "--size must be COLSxROWS with 20-500 columns and 5-300 rows, e.g. 80x24, not '" + text + "'");
    }

    /** True if any of these options was given (a command with a text mode refuses them there). */
    boolean given() {
        return record != null || overwrite || recordInput || keys != null || headless || size != null;
    }

    /** Checks the combinations, so that a mistake is a usage error before anything starts. */
    void validate() {
        if (recordInput && record == null) {
            throw new ParameterException(spec.commandLine(), "--record-input needs --record FILE.cast");
        }
        if (overwrite && record == null) {
            throw new ParameterException(spec.commandLine(), "--overwrite goes with --record FILE.cast");
        }
        if (headless && keys == null) {
            throw new ParameterException(spec.commandLine(), "--headless needs --keys: there is nobody to type");
        }
        if (size != null && !headless) {
            throw new ParameterException(spec.commandLine(), "--size goes with --headless; a real terminal has its own");
        }
        if (headless) {
            headlessSize();
        }
        script();
        if (record != null) {
            if (record.toString().isBlank()) {
                throw new ParameterException(spec.commandLine(), "--record needs a file name, e.g. --record session.cast");
            }
            Path parent = record.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new ParameterException(spec.commandLine(), "--record: no directory " + parent);
            }
            if (Files.exists(record) && !overwrite) {
                throw new ParameterException(spec.commandLine(), "--record: " + record
                        + " exists; choose another name, or add --overwrite to replace it");
            }
            if (Files.isDirectory(record)) {
                throw new ParameterException(spec.commandLine(), "--record: " + record + " is a directory");
            }
            if (!Files.isWritable(Files.exists(record) ? record : parent)) {
                throw new ParameterException(spec.commandLine(), "--record: cannot write " + record
                        + ": permission denied");
            }
        }
    }
}
