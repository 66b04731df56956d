package dev.stackviz.machine.simulated;

import dev.stackviz.machine.Run;

import dev.stackviz.model.Registers;
import dev.stackviz.model.Seed;
import dev.stackviz.model.StackLayout;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A Java thread that plays the target: says hello, then keeps a heartbeat until asked to stop.
 * The heartbeat counts milliseconds of the machine's clock since the switch, so that a test with
 * a fixed clock sees fixed numbers.
 */
final class SimulatedRun implements Run {

    static final String MESSAGE = Seed.MESSAGE + "\n";
    /** Made-up register values of a thread that switched, for the SIMULATED context panel. */
    private static final Registers SIMULATED_SAVED = new Registers(
            0x00007f3c_9b7f_e8a8L, 0x00007f3c_a800_1300L, 0x00007f3c_9b7f_e900L,
            0, 0x00007f3c_a800_12c0L, 0x00007f3c_a800_1280L, 0x00007f3c_9b7f_ea10L, 0);

    private final SimulatedMachine machine;
    private final long wokeRsp;
    private final Consumer<String> output;
    private final LongSupplier clock;
    private final Thread thread;
    private volatile boolean stop;
    private volatile long switchedAt;
    private volatile long stopRequestedAt;
    private volatile long returnedAt;
    private volatile long written;

    SimulatedRun(SimulatedMachine machine, long wokeRsp, Consumer<String> output, LongSupplier clock) {
        this.machine = machine;
        this.clock = clock;
        this.wokeRsp = wokeRsp;
        this.output = output;
        this.thread = new Thread(this::play, "stackviz-simulated-target");
        thread.setDaemon(true);
    }

    void start() {
        switchedAt = clock.getAsLong();
        thread.start();
    }

    private void play() {
        long slot = machine.heartbeatSlot();
        output.accept(MESSAGE);
        written = MESSAGE.length();
        while (!stop) {
            beat(slot);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                break;
            }
        }
        beat(slot);
        returnedAt = Math.max(clock.getAsLong(), 1);
    }

    private void beat(long slot) {
        long millis = (clock.getAsLong() - switchedAt) / 1_000_000L;
        machine.write(slot, StackLayout.littleEndian(Math.max(1, millis)));
    }

    @Override
    public long heartbeat() {
        return machine.heartbeat();
    }

    @Override
    public long wokeRsp() {
        return wokeRsp;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void requestStop() {
        if (stopRequestedAt == 0) {
            stopRequestedAt = clock.getAsLong();
        }
        stop = true;
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
        return SIMULATED_SAVED;
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
        return -1;
    }
}
