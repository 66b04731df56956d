package dev.stackviz.machine.inprocess;

import dev.stackviz.machine.Machine;
import dev.stackviz.machine.NoNativeSwitch;
import dev.stackviz.machine.Run;
import dev.stackviz.machine.sys.Pipe;
import dev.stackviz.machine.sys.RawMemory;
import dev.stackviz.machine.sys.SwitchLibrary;

import static dev.stackviz.machine.sys.NativeLayout.BLK_BACK;
import static dev.stackviz.machine.sys.NativeLayout.BLK_FD;
import static dev.stackviz.machine.sys.NativeLayout.BLK_SIZE;
import static dev.stackviz.machine.sys.NativeLayout.CTX_BLOCK;
import static dev.stackviz.machine.sys.NativeLayout.CTX_SP;
import static dev.stackviz.machine.sys.NativeLayout.CTX_SIZE;

import dev.stackviz.model.MachineKind;
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
    private final RawMemory window;
    private final RawMemory context;
    private final StackLayout layout;
    private NativeRun run;

    private NativeMachine(SwitchLibrary library, StackSpec spec) {
        this.library = library;
        // guard | up to 15 bytes to reach 16 | misalign | buffer | guard
        this.window = RawMemory.allocate(2L * GUARD + 2L * (StackLayout.ALIGNMENT - 1) + spec.size());
        this.context = RawMemory.allocate(CTX_SIZE);
        long aligned16 = (window.address() + GUARD + StackLayout.ALIGNMENT - 1) & -StackLayout.ALIGNMENT;
        this.layout = new StackLayout(aligned16 + spec.misalign(), spec.size());
    }

    /**
     * Loads the library and allocates a stack. A library (or JNA's own stub) that does not load
     * fails here, with why: NoNativeSwitch.
     */
    public static NativeMachine open(StackSpec spec) {
        SwitchLibrary library;
        try {
            library = SwitchLibrary.load();
        } catch (RuntimeException | LinkageError e) {
            throw new NoNativeSwitch("the native switch library did not load: " + e.getMessage(), e);
        }
        return new NativeMachine(library, spec);
    }

    private SwitchLibrary library() {
        return library;
    }

    @Override
    public MachineKind kind() {
        return MachineKind.NATIVE;
    }

    @Override
    public StackLayout layout() {
        return layout;
    }

    @Override
    public long entryAddress() {
        return library().address("sv_target_hello");
    }

    @Override
    public long contextAddress() {
        return context.address();
    }

    @Override
    public byte[] read(long address, int length) {
        if (address < windowStart() || address + length > windowStart() + windowLength()) {
            throw new IndexOutOfBoundsException(String.format(
                    "0x%x+%d is outside the stack and its guards", address, length));
        }
        return window.read(address, length);
    }

    @Override
    public long contextRsp() {
        return context.getLong(context.address() + CTX_SP);
    }

    @Override
    public void writeEntry() {
        window.putLong(entrySlot(), entryAddress());
    }

    @Override
    public void writeContext() {
        context.putLong(context.address() + CTX_SP, entrySlot());
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
        if (contextRsp() != entrySlot() || readEntrySlot() != entryAddress()) {
            throw new IllegalStateException("the setup is not complete: write the entry and the context first");
        }
        RawMemory save = RawMemory.allocate(CTX_SIZE);
        RawMemory block = RawMemory.allocate(BLK_SIZE);
        Pipe pipe = Pipe.open(output);
        block.putLong(block.address() + BLK_FD, pipe.writeEnd());
        block.putLong(block.address() + BLK_BACK, save.address());
        context.putLong(context.address() + CTX_BLOCK, block.address());
        run = new NativeRun(library(), save, context, block, pipe, this::heartbeat);
        run.start();
        return run;
    }

    private long readEntrySlot() {
        return StackLayout.fromLittleEndian(read(entrySlot(), Long.BYTES), 0);
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
        // the buffers are freed by their cleaners once unreachable; PINNED above keeps a lost target's
    }
}
