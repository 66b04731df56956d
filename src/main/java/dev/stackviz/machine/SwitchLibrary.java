package dev.stackviz.machine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** Internal: libstackviz.so, built from asm/ and bundled at linux-x86-64/ in the jar. */
final class SwitchLibrary {

    private static volatile SwitchLibrary instance;

    private final NativeLibrary library;
    private final Function switchFunction;

    private SwitchLibrary(NativeLibrary library) {
        this.library = library;
        this.switchFunction = library.getFunction("sv_switch");
    }

    /** Loads the library once; throws UnsatisfiedLinkError if it is not there. */
    static SwitchLibrary load() {
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
    long switchTo(Pointer save, Pointer next) {
        return switchFunction.invokeLong(new Object[] {save, next});
    }

    /** sv_sched_run(sched): carries the fibers until they are done or stopped; returns the switches made. */
    long schedRun(Pointer sched) {
        return library.getFunction("sv_sched_run").invokeLong(new Object[] {sched});
    }

    /** sv_sched_run_checked(sched): 0 if the callee-saved registers came back intact, else a bit each. */
    long schedRunChecked(Pointer sched) {
        return library.getFunction("sv_sched_run_checked").invokeLong(new Object[] {sched});
    }

    /** sv_jump(next): the seed's one-way switch. Never returns. */
    void jump(Pointer next) {
        library.getFunction("sv_jump").invokeVoid(new Object[] {next});
        throw new IllegalStateException("sv_jump returned");
    }

    /** One run of a benchmark loop in asm/bench.c: nanoseconds per switch. */
    double bench(String symbol, long roundTrips) {
        double ns = library.getFunction(symbol).invokeDouble(new Object[] {roundTrips});
        if (ns < 0) {
            throw new IllegalStateException(symbol + " could not run");
        }
        return ns;
    }

    long address(String symbol) {
        return Pointer.nativeValue(library.getFunction(symbol));
    }

    /** The seed's line as the targets write it (sv_message, its newline included). */
    String message() {
        long length = library.getGlobalVariableAddress("sv_message_length").getLong(0);
        return new String(library.getGlobalVariableAddress("sv_message").getByteArray(0, (int) length),
                java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The library's own copy of the layout table (asm/sv_layout.h). */
    long[] layoutTable() {
        return library.getGlobalVariableAddress("sv_layout").getLongArray(0, NativeLayout.TABLE.length);
    }
}
