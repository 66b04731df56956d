package dev.stackviz.machine;

/** This system does not let stackviz trace the child (Yama, seccomp, a container); the message says why. */
public final class TraceRefused extends Exception {

    public TraceRefused(String message) {
        super(message);
    }
}
