package dev.stackviz.machine;

import dev.stackviz.model.StackLayout;
import java.time.Duration;
import java.util.function.Consumer;

/** A Java thread that plays the target: says hello, then counts a heartbeat until asked to stop. */
final class SimulatedRun implements Run {

    static final String MESSAGE = "I LOVE WAKING UP ON A NEW STACK!\n";
    /** Made-up register values of a thread that switched, for the SIMULATED context panel. */
    private static final Registers SIMULATED_SAVED = new Registers(
            0x00007f3c_9b7f_e8a8L, 0x00007f3c_a800_1300L, 0x00007f3c_9b7f_e900L,
            0, 0x00007f3c_a800_12c0L, 0x00007f3c_a800_1280L, 0x00007f3c_9b7f_ea10L, 0);

    private final SimulatedMachine machine;
    private final long wokeRsp;
    private final Consumer<String> output;
    private final Thread thread;
    private volatile boolean stop;
    private volatile long switchedAt;
    private volatile long stopRequestedAt;
    private volatile long returnedAt;
    private volatile long written;

    SimulatedRun(SimulatedMachine machine, long wokeRsp, Consumer<String> output) {
        this.machine = machine;
        this.wokeRsp = wokeRsp;
        this.output = output;
        this.thread = new Thread(this::play, "stackviz-simulated-target");
        thread.setDaemon(true);
    }

    void start() {
        switchedAt = System.nanoTime();
        thread.start();
    }

    private void play() {
        long slot = machine.layout().heartbeatSlot();
        output.accept(MESSAGE);
        written = MESSAGE.length();
        long beat = 0;
        while (!stop) {
            machine.write(slot, StackLayout.littleEndian(++beat));
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                break;
            }
        }
        returnedAt = System.nanoTime();
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
            stopRequestedAt = System.nanoTime();
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
