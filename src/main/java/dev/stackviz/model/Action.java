package dev.stackviz.model;

/** What a key asks for. Which keys do it is written once, in {@link Keys}. */
public enum Action {
    STEP_FORWARD, STEP_BACK, SWITCH, STEP_INSTRUCTION, CONTINUE, KILL, RESET, EXPERIMENT, BENCH, NEXT_FIBER, HELP,
    REDRAW, SUSPEND, QUIT, EARLIER_SWITCH, LATER_SWITCH
}
