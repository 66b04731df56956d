package dev.stackviz.cli;

/** A runtime failure the user should read as one line (exit code 1). */
public class StackvizException extends RuntimeException {

    public StackvizException(String message) {
        super(message);
    }
}
