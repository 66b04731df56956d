package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExperimentTest {

    @Test
    void eKeyGoesThroughEveryExperimentAndBackToTheSeed() {
        assertSame(Experiment.MISALIGNED, Experiment.NONE.next());
        assertSame(Experiment.OVERFLOW, Experiment.MISALIGNED.next());
        assertSame(Experiment.SEED_HELLO, Experiment.OVERFLOW.next());
        assertSame(Experiment.NONE, Experiment.SEED_HELLO.next(), "the last one wraps around");
    }

    @Test
    void theCycleStartsFromTheInProcessViewWithTheFirstExperiment() {
        assertEquals("misaligned, overflow, seed-hello, none, in-process", Experiment.cycle());
        assertEquals("none, misaligned, overflow, seed-hello", Experiment.names());
    }

    @Test
    void parseTakesTheOptionInAnyCase() {
        assertSame(Experiment.NONE, Experiment.parse("none"));
        assertSame(Experiment.MISALIGNED, Experiment.parse("Misaligned"));
        assertSame(Experiment.OVERFLOW, Experiment.parse("OVERFLOW"));
        assertSame(Experiment.SEED_HELLO, Experiment.parse("seed-hello"));
    }

    @Test
    void parseNamesTheChoicesWhenItDoesNotKnowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiment.parse("seed_hello"));
        assertEquals("'seed_hello' is not an experiment: use one of none, misaligned, overflow, seed-hello",
                e.getMessage());
    }

    @Test
    void eachExperimentPlacesItsEntryAndHeartbeatWhereItsTargetExpectsThem() {
        assertEquals(16, Experiment.entryBelowTop(null), "in-process: the seed's aligned-16");
        assertEquals(24, Experiment.heartbeatBelowTop(null));
        assertEquals(24, Experiment.lowestBelowTop(null));
        assertEquals(24, Experiment.entryBelowTop(Experiment.MISALIGNED), "8 bytes lower than the seed");
        assertEquals(40, Experiment.heartbeatBelowTop(Experiment.MISALIGNED), "below its 24-byte SSE frame");
        assertEquals(40, Experiment.lowestBelowTop(Experiment.MISALIGNED));
        assertEquals(16, Experiment.entryBelowTop(Experiment.OVERFLOW));
        assertEquals(56, Experiment.lowestBelowTop(Experiment.OVERFLOW), "six pushes from aligned-8");
        assertEquals(24, Experiment.lowestBelowTop(Experiment.SEED_HELLO));
        assertEquals(24, Experiment.MISALIGNED.entryBelowTop());
        assertEquals(40, Experiment.MISALIGNED.heartbeatBelowTop());
        assertEquals("sv_target_sse", Experiment.MISALIGNED.symbol());
        assertEquals("the entry goes 8 bytes lower, so rsp breaks the 16-byte rule", Experiment.MISALIGNED.summary());
        assertEquals("the target pushes 48 bytes from aligned-8", Experiment.OVERFLOW.summary());
    }
}
