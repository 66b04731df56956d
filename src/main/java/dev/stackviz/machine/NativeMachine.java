package dev.stackviz.machine;

import static dev.stackviz.machine.NativeLayout.BLK_BACK;
import static dev.stackviz.machine.NativeLayout.BLK_FD;
import static dev.stackviz.machine.NativeLayout.BLK_SIZE;
import static dev.stackviz.machine.NativeLayout.CTX_RBX;
import static dev.stackviz.machine.NativeLayout.CTX_RSP;
import static dev.stackviz.machine.NativeLayout.CTX_SIZE;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The real thing: a stack in native memory, and the switch from asm/ through JNA. */
public final class NativeMachine implements Machine {

    /** Memory a target that never came back may still be using: never freed. */
    private static final List<Object> PINNED = new ArrayList<>();
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final SwitchLibrary library;
    private final Memory window;
    private final Memory context;
    private final StackLayout layout;
    private final long entry;
    private NativeRun run;

    private NativeMachine(SwitchLibrary library, StackSpec spec) {
        this.library = library;
        // guard | up to 15 bytes to reach 16 | misalign | buffer | guard
        this.window = new Memory(2L * GUARD + 2L * (StackLayout.ALIGNMENT - 1) + spec.size());
        this.context = new Memory(CTX_SIZE);
        window.clear();
        context.clear();
        long aligned16 = (Pointer.nativeValue(window) + GUARD + StackLayout.ALIGNMENT - 1) & -StackLayout.ALIGNMENT;
        this.layout = new StackLayout(aligned16 + spec.misalign(), spec.size());
        this.entry = library.address("sv_target_hello");
    }

    /** Allocates a stack; throws UnsatisfiedLinkError if the native library cannot be loaded. */
    public static NativeMachine open(StackSpec spec) {
        return new NativeMachine(SwitchLibrary.load(), spec);
    }

    @Override
    public String kind() {
        return "native";
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public StackLayout layout() {
        return layout;
    }

    @Override
    public long entryAddress() {
        return entry;
    }

    @Override
    public long contextAddress() {
        return Pointer.nativeValue(context);
    }

    @Override
    public byte[] read(long address, int length) {
        long offset = address - Pointer.nativeValue(window);
        if (address < windowStart() || address + length > windowStart() + windowLength() || offset < 0) {
            throw new IndexOutOfBoundsException(String.format(
                    "0x%x+%d is outside the stack and its guards", address, length));
        }
        return window.getByteArray(offset, length);
    }

    @Override
    public long contextRsp() {
        return context.getLong(CTX_RSP);
    }

    @Override
    public void writeEntry() {
        window.setLong(layout.entrySlot() - Pointer.nativeValue(window), entry);
    }

    @Override
    public void writeContext() {
        context.setLong(CTX_RSP, layout.entrySlot());
    }

    @Override
    public synchronized void clearSetup() {
        requireIdle();
        window.clear();
        context.clear();
    }

    @Override
    public synchronized Run switchTo(Consumer<String> output) {
        requireIdle();
        if (run != null) {
            run.close();
            run = null;
        }
        if (contextRsp() != layout.entrySlot() || readEntrySlot() != entry) {
            throw new IllegalStateException("the setup is not complete: write the entry and the context first");
        }
        Memory save = new Memory(CTX_SIZE);
        save.clear();
        Memory block = new Memory(BLK_SIZE);
        block.clear();
        Pipe pipe = Pipe.open(output);
        block.setLong(BLK_FD, pipe.writeEnd());
        block.setLong(BLK_BACK, Pointer.nativeValue(save));
        context.setLong(CTX_RBX, Pointer.nativeValue(block));
        run = new NativeRun(library, save, context, block, pipe, this::heartbeat);
        run.start();
        return run;
    }

    private long readEntrySlot() {
        return StackLayout.fromLittleEndian(read(layout.entrySlot(), Long.BYTES), 0);
    }

    private void requireIdle() {
        if (run != null && !run.hasReturned()) {
            throw new IllegalStateException("the target is still running on this stack");
        }
    }

    @Override
    public synchronized void close() {
        if (run != null && !run.hasReturned()) {
            run.requestStop();
            try {
                run.awaitReturn(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!run.hasReturned()) {
                synchronized (PINNED) {
                    PINNED.add(this);
                    PINNED.add(run);
                }
                return;
            }
        }
        if (run != null) {
            run.close();
        }
        window.close();
        context.close();
    }
}
