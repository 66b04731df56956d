package dev.stackviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackviz.frame.Frame;
import dev.stackviz.frame.FrameBuilder;
import dev.stackviz.model.StackSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The overflow experiment on the smallest stacks stackviz accepts (--stack-size 32 and 40 pass
 * StackSpec's checks): the target's pushes leave the buffer by two rows, and the explanation names
 * each. Like every frame, it must be said whole at 80x24 (SizesTest, TruthTest).
 */
class OverflowSizesTest {

    /** The overflow target as it leaves a {@code size}-byte stack: 'AAAAAAAA' at aligned-16 to -48, its heartbeat at -56. */
    static Frame overflow(int size) {
        return FrameBuilder.overflowRunning(size).output("I LOVE WAKING UP ON A NEW STACK!\n").pushed().build();
    }

    @Test
    void theOverflowOnTheSmallestStacksIsToldWholeAt80x24() {
        List<String> wrong = new ArrayList<>();
        for (int size : new int[] {32, 40}) {
            assertEquals(null, new StackSpec(size, 0).problem(), "stackviz accepts --stack-size " + size);
            SizesTest.check(overflow(size), 80, 24, wrong);
        }
        assertEquals(List.of(), wrong);
    }
}
