package dev.stackviz.tui;

/** What a key asks for. */
public enum Action {
    STEP_FORWARD, STEP_BACK, SWITCH, KILL, RESET, EXPERIMENT, BENCH, HELP, QUIT
}
