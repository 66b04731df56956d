package dev.stackviz.model;

/**
 * One instruction, as the build's listing of stackviz's library (objdump -d -M intel) has it at
 * {@code address}, and whether the bytes really at that address in the traced process are these.
 *
 * @param symbol  the function it is in ("sv_jump"), or the mapping's name outside our library
 * @param offset  from the symbol's start
 * @param text    Intel syntax, e.g. "mov rsp, qword ptr [r9]"; empty when not known
 * @param length  its length in bytes (0 when not known)
 * @param matched the bytes in memory are the listing's
 */
public record Instruction(long address, String symbol, long offset, String text, int length, boolean matched) {

    /** "sv_jump+0x1c" */
    public String where() {
        return symbol + "+0x" + Long.toHexString(offset);
    }

    /** "mov", "ret", "syscall" ... */
    public String mnemonic() {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    /** "sv_jump+0x1c: mov rsp, qword ptr [r9]" */
    public String describe() {
        return where() + ": " + (text.isEmpty() ? "(not in the listing)" : text);
    }
}
