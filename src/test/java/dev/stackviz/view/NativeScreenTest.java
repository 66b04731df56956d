package dev.stackviz.view;

import static dev.stackviz.frame.Texts.hex;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.frame.Frame;
import dev.stackviz.machine.Machines;
import dev.stackviz.machine.inprocess.NativeMachine;
import dev.stackviz.model.Action;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSpec;
import dev.stackviz.session.Session;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The screen on the real machine: the numbers it shows are the ones in memory. */
class NativeScreenTest {

    @Test
    void gridShowsTheLiveBytesAndTheHeartbeatMoves() throws Exception {
        assumeTrue(Machines.whyNoNativeSwitch() == null, Machines::whyNoNativeSwitch);
        try (Session session = new Session(() -> NativeMachine.open(StackSpec.defaults()), Duration.ofSeconds(60),
                Duration.ofSeconds(2), System::nanoTime)) {
            StackLayout layout = session.machine().layout();
            long entry = session.machine().entryAddress();
            session.handle(Action.SWITCH);
            ScreenPictureTest.until("the target's line", () -> !session.frame().output().isEmpty());
            String first = render(session);
            assertTrue(first.startsWith("stackviz • native • step 6/6 switch"), first);
            assertTrue(first.contains(hex(layout.base()) + "  00 00"), first);
            assertTrue(first.contains(hex(layout.entrySlot()) + "  " + bytes(entry) + " "
                    + String.format("0x%016x", entry) + " ◀ entry address"), first);
            assertTrue(first.contains(hex(layout.rspAtWake()) + "  00 00 00 00 00 00 00 00 0x0000000000000000 ◀ rsp (woke)"),
                    first);
            assertTrue(first.contains("target output: I LOVE WAKING UP ON A NEW STACK!"), first);
            String heartbeatRow = row(first, hex(layout.heartbeatSlot()));
            ScreenPictureTest.until("the heartbeat's row changes",
                    () -> !row(render(session), hex(layout.heartbeatSlot())).equals(heartbeatRow));
            session.handle(Action.KILL);
            ScreenPictureTest.until("the watchdog's report", () -> session.frame().report() != null);
            assertTrue(render(session).contains("watchdog: kill requested • ran "));
        }
    }

    private static String render(Session session) {
        return Pictures.render(session.frame(), 80, 24, new Theme(true, true));
    }

    private static String row(String screen, String address) {
        return screen.lines().filter(l -> l.startsWith(address)).findFirst().orElseThrow();
    }

    private static String bytes(long value) {
        StringBuilder text = new StringBuilder();
        for (byte b : StackLayout.littleEndian(value)) {
            text.append(text.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
        }
        return text.toString();
    }
}
