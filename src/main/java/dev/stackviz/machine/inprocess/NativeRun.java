package dev.stackviz.machine.inprocess;

import dev.stackviz.machine.Run;
import dev.stackviz.machine.sys.NativeLayout;
import dev.stackviz.machine.sys.Pipe;
import dev.stackviz.machine.sys.Posix;
import dev.stackviz.machine.sys.RawMemory;
import dev.stackviz.machine.sys.SwitchLibrary;

import static dev.stackviz.machine.sys.NativeLayout.BLK_STOP;
import static dev.stackviz.machine.sys.NativeLayout.BLK_WOKE_RSP;
import static dev.stackviz.machine.sys.NativeLayout.BLK_WRITTEN;

import dev.stackviz.model.Registers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/** A thread that calls sv_switch and blocks in it until the target resumes it. */
final class NativeRun implements Run {

    private final SwitchLibrary library;
    private final RawMemory save;
    private final RawMemory next;
    private final RawMemory block;
    private final Pipe pipe;
    private final LongSupplier heartbeat;
    private final Thread thread;
    private final CountDownLatch left = new CountDownLatch(1);
    private volatile int tid = -1;
    private volatile long switchedAt;
    private volatile long stopRequestedAt;
    private volatile long returnedAt;

    NativeRun(SwitchLibrary library, RawMemory save, RawMemory next, RawMemory block, Pipe pipe,
              LongSupplier heartbeat) {
        this.library = library;
        this.save = save;
        this.next = next;
        this.block = block;
        this.pipe = pipe;
        this.heartbeat = heartbeat;
        this.thread = new Thread(this::runOnTarget, "stackviz-switch");
        thread.setDaemon(true); // a target that never comes back must not keep the JVM alive
    }

    void start() {
        thread.start();
        try {
            left.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runOnTarget() {
        tid = Posix.tid();
        switchedAt = System.nanoTime();
        left.countDown();
        library.switchTo(save.address(), next.address());
        returnedAt = System.nanoTime();
        pipe.closeWriteEnd();
    }


    @Override
    public long heartbeat() {
        return heartbeat.getAsLong();
    }

    @Override
    public long wokeRsp() {
        return block.getLong(block.address() + BLK_WOKE_RSP);
    }

    @Override
    public long written() {
        return block.getLong(block.address() + BLK_WRITTEN);
    }

    @Override
    public void requestStop() {
        if (stopRequestedAt == 0) {
            stopRequestedAt = System.nanoTime();
        }
        block.putLong(block.address() + BLK_STOP, 1);
    }

    @Override
    public boolean awaitReturn(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return hasReturned();
    }

    @Override
    public boolean hasReturned() {
        return returnedAt != 0;
    }

    @Override
    public Registers saved() {
        return NativeLayout.registers(this::saved, true);
    }

    private long saved(int offset) {
        return save.getLong(save.address() + offset);
    }

    @Override
    public long switchedAt() {
        return switchedAt;
    }

    @Override
    public long stopRequestedAt() {
        return stopRequestedAt;
    }

    @Override
    public long returnedAt() {
        return returnedAt;
    }

    @Override
    public int threadId() {
        return tid;
    }

    /** After the target is back: waits for the switching thread and the pipe's reader to end. */
    void close() {
        try {
            thread.join(1000);
            pipe.awaitDrained(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
