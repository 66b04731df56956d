package dev.stackviz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FateTest {

    @Test
    void anExitSaysItsStatus() {
        assertEquals("exited with status 3", Fate.exited(3).describe());
        assertEquals("exited with status 0", Fate.exited(0).describe());
        assertFalse(Fate.exited(3).bySignal());
    }

    @Test
    void aSignalIsNamedAndNumbered() {
        assertEquals("was killed by SIGTERM (signal 15)", Fate.killedBy(Fate.SIGTERM, null).describe());
        assertEquals("was killed by SIGSEGV (signal 11)", Fate.killedBy(Fate.SIGSEGV, Duration.ofSeconds(1)).describe(),
                "only SIGKILL comes after SIGTERM");
        assertEquals("was killed by SIGHUP (signal 1)", Fate.killedBy(1, null).describe());
        assertTrue(Fate.killedBy(1, null).bySignal());
    }

    @Test
    void aSigkillAfterSigtermSaysHowLongTheChildRanOn() {
        assertEquals("was killed by SIGKILL (signal 9) after SIGTERM left it running for 1.50 s",
                Fate.killedBy(Fate.SIGKILL, Duration.ofMillis(1500)).describe());
        assertEquals("was killed by SIGKILL (signal 9)", Fate.killedBy(Fate.SIGKILL, null).describe(),
                "a SIGKILL from someone else");
    }

    @Test
    void signalsWithoutANameInTheTableAreGivenByNumber() {
        assertEquals("SIGHUP", Fate.signalName(1));
        assertEquals("SIGTERM", Fate.signalName(15));
        assertEquals("signal 16", Fate.signalName(16));
        assertEquals("signal 0", Fate.signalName(0));
        assertEquals("signal -1", Fate.signalName(-1));
    }

    @Test
    void onlyAChildsReportCarriesAFate() {
        Duration d = Duration.ofSeconds(1);
        assertTrue(new Report(Report.Cause.KILL, d, d, 0, d, true, d, Fate.exited(0)).child());
        assertFalse(new Report(Report.Cause.KILL, d, d, 0, d, true, d, null).child(), "in-process: no fate");
    }
}
