package dev.stackviz.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.model.StackLayout;
import org.junit.jupiter.api.Test;

class SwitchLayoutTest {

    @Test
    void javaOffsetsMatchTheLibrarysTable() {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        assertArrayEquals(NativeLayout.TABLE, SwitchLibrary.load().layoutTable());
    }

    @Test
    void modelAndAssemblyAgreeWhereTheHeartbeatLives() {
        assertEquals(StackLayout.HEARTBEAT_BELOW_TOP, NativeLayout.HELLO_HEARTBEAT_BELOW_TOP);
    }
}
