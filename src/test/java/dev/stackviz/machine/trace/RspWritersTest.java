package dev.stackviz.machine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackviz.machine.trace.RspWriters.Kind;
import dev.stackviz.machine.trace.RspWriters.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rsp writers of objdump's listing: each kind, each exclusion, then this machine's libc and a program of our own. */
class RspWritersTest {

    /** objdump -d -M intel --no-show-raw-insn, as binutils 2.40 prints it: a tab after the address, spaces after the mnemonic. */
    static final String LISTING = """

            a.out:     file format elf64-x86-64


            Disassembly of section .text:

            0000000000001139 <switch_to>:
                1139:\tendbr64
                113d:\tmov    rsp,rdi
                1140:\tmov    rsp,QWORD PTR [rip+0x2ec9]        # 4010 <saved_rsp>
                1147:\tret

            0000000000001148 <epilogue>:
                1148:\tpush   rbp
                1149:\tmov    rbp,rsp
                114c:\tsub    rsp,0x10
                1150:\tleave
                1151:\tret
                1152:\tcs nop WORD PTR [rax+rax*1+0x0]
            """;

    @Test
    void aSiteHasItsAddressItsFunctionItsTextAndItsKind() {
        RspWriters writers = RspWriters.parse(LISTING);
        assertEquals(List.of(
                new Site(0x113d, "switch_to", 4, "mov rsp,rdi", Kind.SWITCH_CANDIDATE),
                new Site(0x1140, "switch_to", 7, "mov rsp,QWORD PTR [rip+0x2ec9] # 4010 <saved_rsp>",
                        Kind.SWITCH_CANDIDATE),
                new Site(0x1150, "epilogue", 8, "leave", Kind.FRAME)), writers.sites());
        assertEquals(writers.sites().subList(0, 2), writers.candidates());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mov    rsp,rdi", "mov    rsp,QWORD PTR [rdx+0xa0]", "mov    esp,eax",
        "xchg   rsp,rax", "xchg   rax,rsp", "xchg   QWORD PTR [rdi],rsp", "pop    rsp",
        "and    rsp,0xfffffffffffffff0", "add    rsp,rax", "add    rsp,QWORD PTR [rbp-0x8]", "sub    rsp,rax",
        "sub    rsp,QWORD PTR [rdi]", "cmove  rsp,rdx", "cmovne rsp,QWORD PTR [rbx+0x8]", "lea    rsp,[rdi+0x10]",
        "lea    rsp,[rsp+rax*1]", "movabs rsp,0x7fff00000000", "xor    rsp,rax", "add    esp,0x8",
        "mov    rsp,QWORD PTR fs:0x28", "mov    rsp,QWORD PTR [rbp-0x128]"})
    void writersThatMayMoveRspAnywhereAreSwitchCandidates(String instruction) {
        assertEquals(Kind.SWITCH_CANDIDATE, kindOf(instruction));
    }

    @ParameterizedTest
    @ValueSource(strings = {"leave", "mov    rsp,rbp", "lea    rsp,[rbp-0x28]", "lea    rsp,[rbp+0x8]", "lea    rsp,[rbp]"})
    void returnsToTheFramePointerAreCountedApart(String instruction) {
        assertEquals(Kind.FRAME, kindOf(instruction));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lea    rsp,[rsp+0x8]", "lea    rsp,[rsp-0x1000]", "lea    rsp,[rsp]", "add    rsp,0x8",
        "sub    rsp,0x18", "add    rsp,0xffffffffffffff80", "sub    rsp,0x1000", "push   rbp", "pop    rbp", "push   rsp",
        "push   QWORD PTR [rip+0x2fe2]        # 4008 <_GLOBAL_OFFSET_TABLE_+0x8>", "call   1030 <puts@plt>",
        "call   rax", "ret", "ret    0x8", "enter  0x10,0x0", "cmp    rsp,r8", "test   rsp,0xf", "mov    rbp,rsp",
        "mov    rdi,rsp", "sub    rax,rsp", "mov    QWORD PTR [rsp+0x8],rax", "mov    rax,QWORD PTR [rsp]",
        "lock cmpxchg QWORD PTR [rsp-0x8],rdx", "syscall", "(bad)", "jmp    QWORD PTR [rsp+0x8]"})
    void constantFrameChangesAndOtherRegistersAreNoSites(String instruction) {
        assertNull(kindOf(instruction));
    }

    @Test
    void prefixesAreSkippedAndRawBytesAreAllowed() {
        assertEquals(Kind.SWITCH_CANDIDATE, kindOf("notrack lock xchg QWORD PTR [rdi],rsp"));
        assertEquals(Kind.SWITCH_CANDIDATE, kindOf("rex.W mov rsp,rdi"));
        String withBytes = "0000000000001000 <f>:\n    1206:\t49 8b 21             \tmov    rsp,QWORD PTR [r9]\n";
        assertEquals(List.of(new Site(0x1206, "f", 0x206, "mov rsp,QWORD PTR [r9]", Kind.SWITCH_CANDIDATE)),
                RspWriters.parse(withBytes).sites());
    }

    @Test
    void aListingWithoutSitesHasNone() {
        assertEquals(List.of(), RspWriters.parse("").sites());
        assertEquals(List.of(), RspWriters.parse("0000000000001000 <f>:\n    1000:\tret\n").candidates());
    }

    /** The prototype counted about 210 sites on libc; what this machine's libc has is printed. */
    @Test
    void thisMachinesLibcHasTheSwitchesOfSetcontextSwapcontextAndLongjmp() throws IOException {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        assumeTrue(Files.isRegularFile(libc), "no x86-64 Debian libc here");
        long start = System.nanoTime();
        RspWriters writers = RspWriters.of(libc);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("RspWriters.of(%s): %d sites, %d switch candidates, %d frame, in %d ms%n", libc.toRealPath(),
                writers.sites().size(), writers.candidates().size(),
                writers.sites().size() - writers.candidates().size(), millis);
        assertTrue(hasCandidate(writers, "swapcontext", "mov rsp,QWORD PTR [rdx+0xa0]"), "ucontext's oRSP");
        assertTrue(hasCandidate(writers, "setcontext", "mov rsp,QWORD PTR [rdx+0xa0]"), "ucontext's oRSP");
        assertTrue(hasCandidate(writers, "_longjmp", "mov rsp,r8"), "the jmp_buf's saved rsp");
        assertTrue(writers.sites().stream().anyMatch(s -> s.kind() == Kind.FRAME));
        assertTrue(writers.sites().stream().noneMatch(s -> s.text().matches("(add|sub) rsp,0x[0-9a-f]+")));
    }

    /** libc read in two halves side by side, cut at a function's start: the same sites as read whole. */
    @Test
    void libcReadInTwoHalvesHasTheSameSitesAsReadWhole() throws IOException {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        assumeTrue(Files.isRegularFile(libc), "no x86-64 Debian libc here");
        long middle = Symbols.of(libc).middle(256 * 1024);
        assertTrue(middle > 0, "libc's code is big enough to cut");
        RspWriters halves = RspWriters.join(List.of(
                RspWriters.of(libc, List.of("--stop-address=0x" + Long.toHexString(middle))),
                RspWriters.of(libc, List.of("--start-address=0x" + Long.toHexString(middle)))));
        assertEquals(RspWriters.of(libc).sites(), halves.sites());
        assertEquals(-1, Symbols.parse("0000000000001000 0000000000000010 T f\n0000000000002000 0000000000000010 T g\n")
                .middle(256 * 1024), "a small file is read whole");
    }

    @Test
    void ourOwnProgramsInlineSwitchIsFoundInItsFunction(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("jump.c");
        Files.writeString(source, """
                void jump_to(void *new_rsp) {
                    __asm__ volatile(".intel_syntax noprefix\\n\\tmov rsp, rdi\\n\\tret\\n\\t.att_syntax prefix");
                }

                int main(void) {
                    return 0;
                }
                """);
        Path program = dir.resolve("jump");
        Process gcc = new ProcessBuilder("gcc", "-O1", "-o", program.toString(), source.toString())
                .redirectErrorStream(true).start();
        String gccSaid = new String(gcc.getInputStream().readAllBytes());
        assertEquals(0, gcc.waitFor(), gccSaid);

        List<Site> inJump = RspWriters.of(program).sites().stream().filter(s -> s.symbol().equals("jump_to")).toList();
        assertEquals(1, inJump.size(), inJump.toString());
        Site site = inJump.get(0);
        assertEquals("mov rsp,rdi", site.text());
        assertEquals(Kind.SWITCH_CANDIDATE, site.kind());
        assertTrue(site.symbolOffset() >= 0 && site.symbolOffset() < 16, site.toString());
    }

    @Test
    void aMissingObjdumpIsSaidSoWithHowToInstallIt(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class,
                () -> RspWriters.of(Path.of("/bin/true"), dir.resolve("objdump").toString()));
        assertEquals("objdump is not installed (Debian: apt-get install binutils)", e.getMessage());
    }

    @Test
    void aFileObjdumpCannotReadIsAnErrorWithObjdumpsWords(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a program\n");
        IOException e = assertThrows(IOException.class, () -> RspWriters.of(text));
        assertTrue(e.getMessage().contains("failed (exit 1)") && e.getMessage().contains("file format not recognized"),
                e.getMessage());
    }

    private static boolean hasCandidate(RspWriters writers, String symbolPrefix, String text) {
        return writers.candidates().stream().anyMatch(s -> s.symbol().startsWith(symbolPrefix) && s.text().equals(text));
    }

    private static Kind kindOf(String instruction) {
        List<Site> sites = RspWriters.parse("0000000000001000 <f>:\n    1004:\t" + instruction + "\n").sites();
        assertTrue(sites.size() <= 1);
        return sites.isEmpty() ? null : sites.get(0).kind();
    }
}
