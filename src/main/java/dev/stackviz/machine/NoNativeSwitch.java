package dev.stackviz.machine;

/** The native switch cannot run here after all (its library did not load): use the simulated machine. */
public final class NoNativeSwitch extends IllegalStateException {

    public NoNativeSwitch(String message, Throwable cause) {
        super(message, cause);
    }
}
