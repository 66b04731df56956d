package dev.stackviz.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.model.Experiment;
import org.junit.jupiter.api.Test;

/** The hints that depend on where the key was pressed (the session's tests check each one where it appears). */
class HintTextsTest {

    @Test
    void steppingInProcessPointsAtTheChildAndAtEWhereThereAreExperiments() {
        assertEquals("instruction stepping needs the isolated child: press e, or run stackviz --isolate",
                HintTexts.steppingNeedsTheChild(true));
        assertEquals("instruction stepping needs the isolated child: run stackviz --isolate",
                HintTexts.steppingNeedsTheChild(false));
    }

    @Test
    void aRefusedTraceIsToldOnceAtTheFirstIAndAgainAfter() {
        assertEquals("stepping is not possible here: EPERM; s switches without it", HintTexts.traceRefused("EPERM"));
        assertEquals("the target has ended, and stepping is not possible here: EPERM",
                HintTexts.traceRefusedBefore(true, "EPERM"));
        assertEquals("this switch ran at full speed, and stepping is not possible here: EPERM",
                HintTexts.traceRefusedBefore(false, "EPERM"));
    }

    @Test
    void withoutTheBenchmarkTheHintSaysWhy() {
        assertEquals("the benchmark measures the native switch: this view runs the simulated machine",
                HintTexts.noBench(true));
        assertEquals("the benchmark measures the native switch: it is not available here", HintTexts.noBench(false));
    }

    @Test
    void eSaysWhatItOpened() {
        assertEquals("in-process: the two-way switch, sv_switch (e for the next)", HintTexts.experimentOpened(null));
        assertEquals("isolated child, experiment overflow (e for the next)",
                HintTexts.experimentOpened(Experiment.OVERFLOW));
        assertEquals("stackviz: the child died", HintTexts.failed("the child died"));
    }
}
