package dev.stackviz.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a command printed, checked: a PrintWriter swallows a failed write (a full disk) and only remembers it. */
final class Printed {

    /** As a shell reports a process that SIGPIPE ended: 128 + 13. */
    static final int CLOSED_PIPE = 141;
    private static final String LOST = "cannot write standard output (a full disk, say): what it holds is incomplete";

    private Printed() {
    }

    /**
     * {@code code}, if every line reached standard output; else the failure, as one line. Standard
     * output a pipe whose reader has gone (`dump | head -1`) is the reader's choice, not a failure:
     * then the exit is quiet, 141, as if SIGPIPE had ended the process (the JVM ignores SIGPIPE, so
     * the write fails instead).
     */
    static int checked(PrintWriter out, int code) {
        boolean stdoutFailed = System.out.checkError();
        if (stdoutFailed && stdoutIsAPipe()) {
            return CLOSED_PIPE;
        }
        if (out.checkError() || stdoutFailed) {
            throw new StackvizException(LOST);
        }
        return code;
    }

    /**
     * For main, after any command (help and version included, which picocli prints before any
     * command runs): {@code code}, unless standard output lost something; then the same as above.
     */
    static int atExit(int code, PrintWriter err) {
        if (code != 0 || !System.out.checkError()) {
            return code;
        }
        if (stdoutIsAPipe()) {
            return CLOSED_PIPE;
        }
        err.println("stackviz: " + LOST);
        return 1;
    }

    private static boolean stdoutIsAPipe() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString().startsWith("pipe:");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
