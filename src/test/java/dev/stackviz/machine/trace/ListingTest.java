package dev.stackviz.machine.trace;

import dev.stackviz.machine.Machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackviz.model.Instruction;
import org.junit.jupiter.api.Test;

/** The build's objdump listing, read back: symbols, offsets, bytes (continuation lines too), Intel text. */
class ListingTest {

    /** Lines of this build's listing (objdump -d -M intel), a few per function. */
    static final String OBJDUMP = """

            libstackviz.so:     file format elf64-x86-64


            Disassembly of section .text:

            00000000000011e0 <sv_jump>:
                11e0:\tf3 0f 1e fa          \tendbr64
                11e4:\t49 89 f9             \tmov    r9,rdi
                11f1:\t48 8d 35 08 1e 00 00 \tlea    rsi,[rip+0x1e08]        # 3000 <all_signals>
                1206:\t49 8b 21             \tmov    rsp,QWORD PTR [r9]
                1209:\tc3                   \tret

            0000000000001210 <sv_target_hello>:
                1254:\t66 2e 0f 1f 84 00 00 \tcs nop WORD PTR [rax+rax*1+0x0]
                125b:\t00 00 00\s

            00000000000012e0 <sv_target_overflow>:
                131f:\teb f7                \tjmp    1318 <sv_target_overflow+0x38>

            0000000000001330 <sv_target_libc_hello>:
                134f:\te8 cc fc ff ff       \tcall   1020 <puts@plt>
            """;

    /** A call's or jump's target is an address in the process, as every other address on screen, not a file offset. */
    @Test
    void branchTargetsAreTheProcesssAddresses() {
        Listing listing = Listing.parse(OBJDUMP);
        long base = 0x7f9a_bc02_8000L;
        assertEquals("call 0x7f9abc029020 <puts@plt>", listing.instruction(base + 0x134f, base, null).text());
        assertEquals("jmp 0x7f9abc029318 <sv_target_overflow+0x38>", listing.instruction(base + 0x131f, base, null).text());
    }

    @Test
    void instructionsAreFoundByOffsetWithTheirFunctionAndTidyText() {
        Listing listing = Listing.parse(OBJDUMP);
        assertEquals(0x11e0, listing.offsetOf("sv_jump"));
        Instruction mov = listing.instruction(0x7000_0000L + 0x1206, 0x7000_0000L, new byte[] {0x49, (byte) 0x8b, 0x21});
        assertEquals("sv_jump+0x26: mov rsp, qword ptr [r9]", mov.describe());
        assertEquals(3, mov.length());
        assertTrue(mov.matched());
        assertEquals("lea rsi, [rip+0x1e08] ; all_signals", listing.at(0x11f1).text());
        assertEquals("endbr64", listing.at(0x11e0).text());
    }

    @Test
    void bytesThatDifferFromTheListingAreSaid() {
        Listing listing = Listing.parse(OBJDUMP);
        assertFalse(listing.instruction(0x1209, 0, new byte[] {(byte) 0xcc}).matched(), "an int3 where ret should be");
    }

    @Test
    void aLongInstructionKeepsTheBytesOfItsContinuationLine() {
        Listing listing = Listing.parse(OBJDUMP);
        assertArrayEquals(new byte[] {0x66, 0x2e, 0x0f, 0x1f, (byte) 0x84, 0, 0, 0, 0, 0}, listing.at(0x1254).bytes());
    }

    @Test
    void theBundledListingHasTheSeedsJump() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null);
        Listing listing = Listing.parse(dev.stackviz.machine.sys.SwitchLibrary.listing());
        long jump = listing.offsetOf("sv_jump");
        assertEquals("endbr64", listing.at(jump).text(), "JNA calls sv_jump through a pointer: SV_FUNC's entry=indirect");
        assertEquals("mov r9, rdi", listing.at(jump + 4).text());
    }
}
