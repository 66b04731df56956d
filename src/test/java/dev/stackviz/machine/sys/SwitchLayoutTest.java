package dev.stackviz.machine.sys;

import dev.stackviz.machine.Machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.model.Experiment;
import dev.stackviz.model.Seed;
import dev.stackviz.model.TargetLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java side's offsets and message against the library's own copies, which the assembler made
 * from asm/sv_layout.h: the macros the switch and the targets are written with.
 */
class SwitchLayoutTest {

    @BeforeAll
    static void onlyWhereTheLibraryLoads() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
    }

    @Test
    void everyOffsetMatchesTheLibrarysTableByName() {
        long[] library = SwitchLibrary.load().layoutTable();
        assertEquals(NativeLayout.NAMES.length, NativeLayout.TABLE.length);
        for (int i = 0; i < NativeLayout.TABLE.length; i++) {
            assertEquals(library[i], NativeLayout.TABLE[i], NativeLayout.NAMES[i] + " in asm/sv_layout.h");
        }
    }

    @Test
    void experimentsWriteAndSpinWhereTheAssemblySays() {
        long[] library = SwitchLibrary.load().layoutTable();
        assertEquals(library[index("MISALIGNED_ENTRY_BELOW_TOP")], Experiment.MISALIGNED.entryBelowTop());
        assertEquals(library[index("MISALIGNED_HEARTBEAT_BELOW_TOP")], Experiment.MISALIGNED.heartbeatBelowTop());
        assertEquals(library[index("OVERFLOW_HEARTBEAT_BELOW_TOP")], Experiment.OVERFLOW.heartbeatBelowTop());
        assertEquals(library[index("OVERFLOW_PUSHES")], TargetLayout.OVERFLOW_PUSHES);
        for (Experiment e : new Experiment[] {Experiment.NONE, Experiment.OVERFLOW, Experiment.SEED_HELLO}) {
            assertEquals(library[index("ENTRY_BELOW_TOP")], e.entryBelowTop(), e.option());
        }
        for (Experiment e : new Experiment[] {Experiment.NONE, Experiment.SEED_HELLO}) {
            assertEquals(library[index("HELLO_HEARTBEAT_BELOW_TOP")], e.heartbeatBelowTop(), e.option());
        }
    }

    /** Loading checks the same, on whichever instruction set runs (the arm64 one under qemu in Arm64IT). */
    @Test
    void aTableThatDriftedIsNamedAtItsFirstDifference() {
        long[] drifted = NativeLayout.TABLE.clone();
        assertEquals(null, SwitchLibrary.drift(drifted, NativeLayout.TABLE, NativeLayout.NAMES));
        drifted[index("CTX_SIGMASK")] += 8;
        assertEquals("CTX_SIGMASK: 0x" + Long.toHexString(NativeLayout.CTX_SIGMASK + 8) + " in the library, 0x"
                + Long.toHexString(NativeLayout.CTX_SIGMASK) + " in NativeLayout",
                SwitchLibrary.drift(drifted, NativeLayout.TABLE, NativeLayout.NAMES));
    }

    @Test
    void theTargetsMessageIsTheOneTheJavaSideShows() {
        assertEquals(Seed.MESSAGE + "\n", SwitchLibrary.load().message());
    }

    private static int index(String name) {
        for (int i = 0; i < NativeLayout.NAMES.length; i++) {
            if (NativeLayout.NAMES[i].equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }
}
