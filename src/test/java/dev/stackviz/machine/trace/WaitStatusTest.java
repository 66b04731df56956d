package dev.stackviz.machine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wait statuses the kernel writes (include/uapi/linux/wait.h, as glibc's W* macros read them). */
class WaitStatusTest {

    @Test
    void anExitHasItsCodeInTheSecondByte() {
        assertEquals(new WaitStatus.Exited(3), WaitStatus.of(0x0300));
        assertEquals(new WaitStatus.Exited(0), WaitStatus.of(0));
        assertFalse(WaitStatus.of(0x0300).stopped());
    }

    @Test
    void aDeathBySignalHasItInTheLowSevenBitsAndTheCoreFlagAbove() {
        assertEquals(new WaitStatus.Killed(9, false), WaitStatus.of(9));
        assertEquals(new WaitStatus.Killed(11, true), WaitStatus.of(0x80 | 11));
        assertFalse(WaitStatus.of(9).stopped());
    }

    @Test
    void aStopHas0x7fAndItsSignalAbove() {
        assertEquals(new WaitStatus.Stopped(WaitStatus.SIGTRAP), WaitStatus.of(0x057f));
        assertEquals(new WaitStatus.Stopped(11), WaitStatus.of(0x0b7f));
        assertTrue(WaitStatus.of(0x057f).stopped());
    }

    @Test
    void aPtraceEventStopHasTheEventInTheThirdByte() {
        int interrupt = (WaitStatus.EVENT_STOP << 16) | (WaitStatus.SIGTRAP << 8) | 0x7f;
        assertEquals(new WaitStatus.EventStop(WaitStatus.EVENT_STOP, WaitStatus.SIGTRAP), WaitStatus.of(interrupt));
        int groupStop = (WaitStatus.EVENT_STOP << 16) | (19 << 8) | 0x7f; // SIGSTOP
        assertEquals(new WaitStatus.EventStop(WaitStatus.EVENT_STOP, 19), WaitStatus.of(groupStop));
        assertTrue(WaitStatus.of(groupStop).stopped());
    }

    @Test
    void anEndSaysHowAndAStopSaysNothing() {
        assertEquals(dev.stackviz.model.Fate.exited(3), WaitStatus.of(0x0300).fate());
        assertEquals(dev.stackviz.model.Fate.killedBy(9, null), WaitStatus.of(9).fate());
        assertEquals(null, WaitStatus.of(0x057f).fate());
    }
}
