package dev.stackviz.machine.sys;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** libstackviz.so, built from asm/ and bundled at linux-x86-64/ in the jar. */
public final class SwitchLibrary {

    private static volatile SwitchLibrary instance;

    private final NativeLibrary library;
    private final Function switchFunction;

    private SwitchLibrary(NativeLibrary library) {
        this.library = library;
        this.switchFunction = library.getFunction("sv_switch");
        String drift = drift(layoutTable(), NativeLayout.TABLE, NativeLayout.NAMES);
        if (drift != null) { // the Java side would write the contexts where the assembly does not read them
            throw new IllegalStateException("the library's layout table differs from stackviz's: " + drift);
        }
    }

    /** The first entry where the library's sv_layout and Java's copy differ, as "NAME: 0x.. here, 0x.. there"; else null. */
    static String drift(long[] library, long[] java, String[] names) {
        for (int i = 0; i < java.length; i++) {
            if (library[i] != java[i]) {
                return names[i] + ": 0x" + Long.toHexString(library[i]) + " in the library, 0x"
                        + Long.toHexString(java[i]) + " in NativeLayout";
            }
        }
        return null;
    }

    /** Loads the library once; throws UnsatisfiedLinkError if it is not there. */
    public static SwitchLibrary load() {
        SwitchLibrary loaded = instance;
        if (loaded == null) {
            synchronized (SwitchLibrary.class) {
                loaded = instance;
                if (loaded == null) {
                    loaded = new SwitchLibrary(NativeLibrary.getInstance("stackviz"));
                    instance = loaded;
                }
            }
        }
        return loaded;
    }

    /** sv_switch(save, next): returns when someone resumes {@code save}, with their value. */
    public long switchTo(long save, long next) {
        return switchFunction.invokeLong(new Object[] {new Pointer(save), new Pointer(next)});
    }

    /** sv_sched_run(sched): carries the fibers until they are done or stopped; returns the switches made. */
    public long schedRun(long sched) {
        return library.getFunction("sv_sched_run").invokeLong(new Object[] {new Pointer(sched)});
    }

    /** sv_sched_run_checked(sched): 0 if the callee-saved registers came back intact, else a bit each. */
    public long schedRunChecked(long sched) {
        return library.getFunction("sv_sched_run_checked").invokeLong(new Object[] {new Pointer(sched)});
    }

    /** sv_jump(next): the seed's one-way switch. Never returns. */
    public void jump(long next) {
        library.getFunction("sv_jump").invokeVoid(new Object[] {new Pointer(next)});
        throw new IllegalStateException("sv_jump returned");
    }

    /** One run of a benchmark loop in asm/bench.c: nanoseconds per switch. */
    public double bench(String symbol, long roundTrips) {
        double ns = library.getFunction(symbol).invokeDouble(new Object[] {roundTrips});
        if (ns < 0) {
            throw new IllegalStateException(symbol + " could not run");
        }
        return ns;
    }

    public long address(String symbol) {
        return Pointer.nativeValue(library.getFunction(symbol));
    }

    /** The seed's line as the targets write it (sv_message, its newline included). */
    public String message() {
        long length = library.getGlobalVariableAddress("sv_message_length").getLong(0);
        return new String(library.getGlobalVariableAddress("sv_message").getByteArray(0, (int) length),
                java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The library's own copy of the layout table (asm/sv_layout.h). */
    public long[] layoutTable() {
        return library.getGlobalVariableAddress("sv_layout").getLongArray(0, NativeLayout.TABLE.length);
    }

    /**
     * The library's own listing, made by the build ({@code objdump -d -M intel}, bundled beside it at
     * linux-x86-64/libstackviz.objdump): what is at each offset, for the instruction walk.
     */
    public static String listing() {
        try (java.io.InputStream in = SwitchLibrary.class.getResourceAsStream("/linux-x86-64/libstackviz.objdump")) {
            if (in == null) {
                throw new IllegalStateException("no listing of the library in the jar (libstackviz.objdump)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the library's listing did not read: " + e.getMessage(), e);
        }
    }
}
