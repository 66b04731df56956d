package dev.stackviz.machine.sys;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory at a real address: a direct ByteBuffer (malloc'd, zeroed), whose address JNA
 * tells. Longs go through a VarHandle, so a heartbeat written by the target is read fresh every time.
 * The memory is freed when the buffer is unreachable; a stack that a lost target may still use is
 * kept reachable for good (inprocess.NativeMachine.PINNED).
 */
public final class RawMemory {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteBuffer buffer;
    private final long address;

    private RawMemory(int size) {
        this.buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        this.address = addressOf(buffer);
    }

    /** {@code size} zeroed bytes. */
    public static RawMemory allocate(long size) {
        return new RawMemory(Math.toIntExact(size));
    }

    public long address() {
        return address;
    }

    /** Reads {@code length} bytes at {@code at}, which must lie inside this block. */
    public byte[] read(long at, int length) {
        byte[] bytes = new byte[length];
        buffer.get(index(at, length), bytes);
        return bytes;
    }

    /** A 64-bit store, little-endian as on x86-64: the seed's ptr::write. */
    public void putLong(long at, long value) {
        LONGS.setVolatile(buffer, index(at, Long.BYTES), value);
    }

    public long getLong(long at) {
        return (long) LONGS.getVolatile(buffer, index(at, Long.BYTES));
    }

    /** An atomic add to the 32-bit word at {@code at} (which must be 4-byte aligned), as lock xadd does. */
    public int getAndAddInt(long at, int delta) {
        return (int) INTS.getAndAdd(buffer, index(at, Integer.BYTES), delta);
    }

    public void clear() {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) 0);
        }
    }

    private int index(long at, int length) {
        if (at < address || at + length > address + buffer.capacity()) {
            throw new IndexOutOfBoundsException(String.format("0x%x+%d is outside 0x%x+%d", at, length, address,
                    buffer.capacity()));
        }
        return (int) (at - address);
    }

    private static long addressOf(ByteBuffer buffer) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }
}
