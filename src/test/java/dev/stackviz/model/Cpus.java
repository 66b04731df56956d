package dev.stackviz.model;

import java.util.Arrays;

/** Registers for tests: every field of user_regs_struct zero except the ones named. */
public final class Cpus {

    private Cpus() {
    }

    /** {@code namesAndValues}: "rip", 0x401000L, "rsp", 0x7ffc...L, ... */
    public static Cpu of(Object... namesAndValues) {
        return with(new Cpu(new long[Cpu.NAMES.length]), namesAndValues);
    }

    /** A copy of {@code cpu} with the named registers set. */
    public static Cpu with(Cpu cpu, Object... namesAndValues) {
        long[] values = cpu.values().clone();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            int field = Arrays.asList(Cpu.NAMES).indexOf((String) namesAndValues[i]);
            if (field < 0) {
                throw new IllegalArgumentException("no register " + namesAndValues[i]);
            }
            values[field] = (Long) namesAndValues[i + 1];
        }
        return new Cpu(values);
    }
}
