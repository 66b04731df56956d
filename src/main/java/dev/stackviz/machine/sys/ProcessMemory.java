package dev.stackviz.machine.sys;

import java.io.IOException;
import java.io.RandomAccessFile;

/** Another process's memory, read through /proc/PID/mem (allowed for a parent by Yama's rules). */
public final class ProcessMemory implements AutoCloseable {

    private final RandomAccessFile mem;

    private ProcessMemory(RandomAccessFile mem) {
        this.mem = mem;
    }

    public static ProcessMemory open(long pid) throws IOException {
        return new ProcessMemory(new RandomAccessFile("/proc/" + pid + "/mem", "r"));
    }

    public synchronized byte[] read(long address, int length) throws IOException {
        byte[] bytes = new byte[length];
        mem.seek(address);
        mem.readFully(bytes);
        return bytes;
    }

    @Override
    public synchronized void close() {
        try {
            mem.close();
        } catch (IOException e) {
            // nothing to keep
        }
    }
}
