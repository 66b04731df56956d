package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepTest {

    @Test
    void theTitleNumbersTheStepAndSaysWhatItDoes() {
        assertEquals("step 1/6 allocate", Step.ALLOCATE.marker());
        assertEquals("step 4/6 write", Step.WRITE_ENTRY.marker());
        assertEquals("step 6/6 switch", Step.SWITCH.marker());
        assertEquals(List.of("allocate", "top", "align", "write", "context", "switch"),
                Arrays.stream(Step.values()).map(Step::label).toList(), "the README's names for the steps");
        assertEquals("a zeroed buffer becomes the stack", Step.ALLOCATE.summary(16));
        assertEquals("top = base + size", Step.TOP.summary(16));
        assertEquals("aligned = top & ~15", Step.ALIGN.summary(16));
        assertEquals("mov rsp, [ctx]; ret", Step.SWITCH.summary(16));
    }

    @Test
    void theEntrysPlaceIsWhereThisSetupWritesIt() {
        assertEquals("the target's address at aligned-24", Step.WRITE_ENTRY.summary(24));
        assertEquals("ctx.rsp = aligned-16", Step.SET_CONTEXT.summary(16));
    }

    @Test
    void stepsGoForwardAndBackAndStopAtEitherEnd() {
        assertEquals(Step.TOP, Step.ALLOCATE.next());
        assertEquals(Step.SWITCH, Step.SET_CONTEXT.next());
        assertEquals(Step.SWITCH, Step.SWITCH.next());
        assertEquals(Step.WRITE_ENTRY, Step.SET_CONTEXT.previous());
        assertEquals(Step.ALLOCATE, Step.TOP.previous());
        assertEquals(Step.ALLOCATE, Step.ALLOCATE.previous());
    }

    @Test
    void theGridHeaderNamesWhereItsBytesCameFrom() {
        assertEquals("live memory", Origin.LIVE.label());
        assertEquals("/proc/mem", Origin.PROC_MEM.label());
        assertEquals("made-up", Origin.MADE_UP.label());
    }
}
