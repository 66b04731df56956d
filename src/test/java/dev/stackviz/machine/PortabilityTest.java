package dev.stackviz.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native library loads on old Linux: it asks glibc for nothing newer than GLIBC_2.17 (CentOS 7,
 * Ubuntu 14.04, Debian 8). The dynamic linker refuses a library that needs a symbol version its
 * glibc lacks, and the switch is lost there.
 */
class PortabilityTest {

    /** The oldest glibc stackviz's library runs on: what the README states. */
    static final int[] OLDEST = {2, 17};
    static final Pattern VERSION = Pattern.compile("\\((GLIBC_(\\d+)\\.(\\d+)(?:\\.\\d+)?)\\)\\s+(\\S+)");

    /** Each bundled library, and the objdump that reads its instruction set. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"target/classes/linux-x86-64/libstackviz.so, objdump",
        "target/classes/linux-aarch64/libstackviz.so, aarch64-linux-gnu-objdump"})
    void theLibraryNeedsNoGlibcSymbolVersionNewerThan2Dot17(String library, String reader) throws Exception {
        HygieneTest.assumeBuilt(java.nio.file.Path.of(library));
        Process objdump = new ProcessBuilder(reader, "-T", library).redirectErrorStream(true).start();
        String out = new String(objdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, objdump.waitFor(), out);
        List<String> tooNew = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        Matcher m = VERSION.matcher(out);
        while (m.find()) {
            int major = Integer.parseInt(m.group(2));
            int minor = Integer.parseInt(m.group(3));
            seen.add(m.group(1));
            if (major > OLDEST[0] || major == OLDEST[0] && minor > OLDEST[1]) {
                tooNew.add(m.group(4) + "@" + m.group(1));
            }
        }
        assertTrue(!seen.isEmpty(), "objdump -T lists the library's glibc symbols:\n" + out);
        assertEquals(List.of(), tooNew, "symbols newer than GLIBC_" + OLDEST[0] + "." + OLDEST[1] + " (seen: " + seen + ")");
    }

    @Test
    void theReadmeStatesTheOldestGlibc() throws Exception {
        String readme = Files.readString(java.nio.file.Path.of("README.md"));
        assertTrue(readme.contains("glibc " + OLDEST[0] + "." + OLDEST[1] + " or newer"), "the README says glibc 2.17");
    }
}
