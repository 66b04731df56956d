package dev.stackviz.machine.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What EPERM from ptrace is told as: what to do about it depends on Yama's scope. */
class PtraceTest {

    @Test
    void eachYamaScopeIsToldWhatItMeans() {
        assertTrue(Ptrace.whyNotPermitted(3).contains("ptrace_scope is 3 here: no process may trace another"));
        assertTrue(Ptrace.whyNotPermitted(2).contains("only a tracer with CAP_SYS_PTRACE (root)"));
        assertTrue(Ptrace.whyNotPermitted(1).startsWith("a seccomp filter or a container forbids ptrace"));
        assertTrue(Ptrace.whyNotPermitted(1).endsWith("; kernel.yama.ptrace_scope is 1"));
        assertTrue(!Ptrace.whyNotPermitted(-1).contains("yama"), "no Yama: not named");
        assertTrue(Ptrace.errnoText(1).startsWith("operation not permitted (EPERM: "));
        assertEquals("no such thread (ESRCH)", Ptrace.errnoText(3));
    }
}
