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

    static final String OBJDUMP = """

            libstackviz.so:     file format elf64-x86-64


            Disassembly of section .text:

            00000000000011d0 <sv_jump>:
                11d0:\t49 89 f9             \tmov    r9,rdi
                11dd:\t48 8d 35 1c 0e 00 00 \tlea    rsi,[rip+0xe1c]        # 2000 <all_signals>
                11f2:\t49 8b 21             \tmov    rsp,QWORD PTR [r9]
                11f5:\tc3                   \tret
                11f6:\t66 2e 0f 1f 84 00 00 \tcs nop WORD PTR [rax+rax*1+0x0]
                11fd:\t00 00 00\s

            0000000000001300 <sv_target_overflow>:
                1300:\te8 1b fd ff ff       \tcall   1020 <puts@plt>
                1305:\teb 01                \tjmp    1308 <sv_target_overflow+0x8>
            """;

    /** A call's or jump's target is an address in the process, as every other address on screen, not a file offset. */
    @Test
    void branchTargetsAreTheProcesssAddresses() {
        Listing listing = Listing.parse(OBJDUMP);
        long base = 0x7f9a_bc02_8000L;
        assertEquals("call 0x7f9abc029020 <puts@plt>", listing.instruction(base + 0x1300, base, null).text());
        assertEquals("jmp 0x7f9abc029308 <sv_target_overflow+0x8>", listing.instruction(base + 0x1305, base, null).text());
    }

    @Test
    void instructionsAreFoundByOffsetWithTheirFunctionAndTidyText() {
        Listing listing = Listing.parse(OBJDUMP);
        assertEquals(0x11d0, listing.offsetOf("sv_jump"));
        Instruction mov = listing.instruction(0x7000_0000L + 0x11f2, 0x7000_0000L, new byte[] {0x49, (byte) 0x8b, 0x21});
        assertEquals("sv_jump+0x22: mov rsp, qword ptr [r9]", mov.describe());
        assertEquals(3, mov.length());
        assertTrue(mov.matched());
        assertEquals("lea rsi, [rip+0xe1c] ; all_signals", listing.at(0x11dd).text());
    }

    @Test
    void bytesThatDifferFromTheListingAreSaid() {
        Listing listing = Listing.parse(OBJDUMP);
        assertFalse(listing.instruction(0x11f5, 0, new byte[] {(byte) 0xcc}).matched(), "an int3 where ret should be");
    }

    @Test
    void aLongInstructionKeepsTheBytesOfItsContinuationLine() {
        Listing listing = Listing.parse(OBJDUMP);
        assertArrayEquals(new byte[] {0x66, 0x2e, 0x0f, 0x1f, (byte) 0x84, 0, 0, 0, 0, 0}, listing.at(0x11f6).bytes());
    }

    @Test
    void theBundledListingHasTheSeedsJump() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Machines.whyNoNativeSwitch() == null);
        Listing listing = Listing.parse(dev.stackviz.machine.sys.SwitchLibrary.listing());
        long jump = listing.offsetOf("sv_jump");
        assertEquals("mov r9, rdi", listing.at(jump).text());
    }
}
