package dev.stackviz.machine;

import static dev.stackviz.machine.NativeLayout.BLK_BACK;
import static dev.stackviz.machine.NativeLayout.BLK_FD;
import static dev.stackviz.machine.NativeLayout.BLK_SIZE;
import static dev.stackviz.machine.NativeLayout.CTX_RBX;
import static dev.stackviz.machine.NativeLayout.CTX_RSP;
import static dev.stackviz.machine.NativeLayout.CTX_SIZE;

import dev.stackviz.model.StackLayout;
import dev.stackviz.model.StackSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The real thing: a stack in native memory, and the switch from asm/ through JNA. The memory is
 * there at once; the library (and JNA with it) loads on another thread, and is first needed when
 * the setup writes the target's address.
 */
public final class NativeMachine implements Machine {

    /** Memory a target that never came back may still be using: never freed. */
    private static final List<Object> PINNED = new ArrayList<>();
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final CompletableFuture<SwitchLibrary> library;
    private final RawMemory window;
    private final RawMemory context;
    private final StackLayout layout;
    private NativeRun run;

    private NativeMachine(CompletableFuture<SwitchLibrary> library, StackSpec spec) {
        this.library = library;
        // guard | up to 15 bytes to reach 16 | misalign | buffer | guard
        this.window = RawMemory.allocate(2L * GUARD + 2L * (StackLayout.ALIGNMENT - 1) + spec.size());
        this.context = RawMemory.allocate(CTX_SIZE);
        long aligned16 = (window.address() + GUARD + StackLayout.ALIGNMENT - 1) & -StackLayout.ALIGNMENT;
        this.layout = new StackLayout(aligned16 + spec.misalign(), spec.size());
    }

    /** Allocates a stack and starts loading the library; a library that fails to load fails here. */
    public static NativeMachine open(StackSpec spec) {
        NativeMachine machine = openLoading(spec);
        machine.library();
        return machine;
    }

    /** Allocates a stack now; the library loads meanwhile and {@link #entryAddress} waits for it. */
    public static NativeMachine openLoading(StackSpec spec) {
        return new NativeMachine(CompletableFuture.supplyAsync(SwitchLibrary::load), spec);
    }

    private SwitchLibrary library() {
        try {
            return library.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the native switch library did not load: " + e.getCause().getMessage(),
                    e.getCause());
        }
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
        return context.getLong(context.address() + CTX_RSP);
    }

    @Override
    public void writeEntry() {
        window.putLong(layout.entrySlot(), entryAddress());
    }

    @Override
    public void writeContext() {
        context.putLong(context.address() + CTX_RSP, layout.entrySlot());
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
        if (contextRsp() != layout.entrySlot() || readEntrySlot() != entryAddress()) {
            throw new IllegalStateException("the setup is not complete: write the entry and the context first");
        }
        RawMemory save = RawMemory.allocate(CTX_SIZE);
        RawMemory block = RawMemory.allocate(BLK_SIZE);
        Pipe pipe = Pipe.open(output);
        block.putLong(block.address() + BLK_FD, pipe.writeEnd());
        block.putLong(block.address() + BLK_BACK, save.address());
        context.putLong(context.address() + CTX_RBX, block.address());
        run = new NativeRun(library(), save, context, block, pipe, this::heartbeat);
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
        // the buffers are freed by their cleaners once unreachable; PINNED above keeps a lost target's
    }
}
