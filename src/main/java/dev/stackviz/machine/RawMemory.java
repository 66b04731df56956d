package dev.stackviz.machine;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Native memory from malloc, read and written at real addresses, without JNA: the first frame
 * shows the stack before JNA has finished loading (about 80 ms of start-up, done meanwhile on
 * another thread). sun.misc.Unsafe is in the jdk.unsupported module, open to class-path code.
 */
final class RawMemory implements AutoCloseable {

    private static final Unsafe UNSAFE = unsafe();

    private final long address;
    private final long size;
    private boolean freed;

    private RawMemory(long size) {
        this.size = size;
        this.address = UNSAFE.allocateMemory(size);
        UNSAFE.setMemory(address, size, (byte) 0);
    }

    /** {@code size} zeroed bytes. */
    static RawMemory allocate(long size) {
        return new RawMemory(size);
    }

    long address() {
        return address;
    }

    long size() {
        return size;
    }

    /** Reads {@code length} bytes at {@code at}, which must lie inside this block. */
    byte[] read(long at, int length) {
        check(at, length);
        byte[] bytes = new byte[length];
        UNSAFE.copyMemory(null, at, bytes, Unsafe.ARRAY_BYTE_BASE_OFFSET, length);
        return bytes;
    }

    /** A 64-bit store, little-endian on x86-64, as the seed's ptr::write. */
    void putLong(long at, long value) {
        check(at, Long.BYTES);
        UNSAFE.putLong(at, value);
    }

    long getLong(long at) {
        check(at, Long.BYTES);
        return UNSAFE.getLongVolatile(null, at);
    }

    void clear() {
        UNSAFE.setMemory(address, size, (byte) 0);
    }

    private void check(long at, int length) {
        if (freed || at < address || at + length > address + size) {
            throw new IndexOutOfBoundsException(String.format("0x%x+%d is outside 0x%x+%d", at, length, address, size));
        }
    }

    @Override
    public synchronized void close() {
        if (!freed) {
            freed = true;
            UNSAFE.freeMemory(address);
        }
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
