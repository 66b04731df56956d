package dev.stackviz.session;

import dev.stackviz.machine.Machine;
import dev.stackviz.machine.Run;
import dev.stackviz.model.MachineKind;
import dev.stackviz.model.StackLayout;
import java.util.function.Consumer;

/** A machine that passes every call to another: a test overrides the calls it watches or breaks. */
class DelegatingMachine implements Machine {

    final Machine inner;

    DelegatingMachine(Machine inner) {
        this.inner = inner;
    }

    public MachineKind kind() {
        return inner.kind();
    }

    public StackLayout layout() {
        return inner.layout();
    }

    public long entryAddress() {
        return inner.entryAddress();
    }

    public long contextAddress() {
        return inner.contextAddress();
    }

    public byte[] read(long address, int length) {
        return inner.read(address, length);
    }

    public long contextRsp() {
        return inner.contextRsp();
    }

    public void writeEntry() {
        inner.writeEntry();
    }

    public void writeContext() {
        inner.writeContext();
    }

    public void clearSetup() {
        inner.clearSetup();
    }

    public Run switchTo(Consumer<String> output) {
        return inner.switchTo(output);
    }

    public void pause() {
        inner.pause();
    }

    public void resume() {
        inner.resume();
    }

    public void close() {
        inner.close();
    }
}
