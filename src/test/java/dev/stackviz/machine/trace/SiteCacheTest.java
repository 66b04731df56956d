package dev.stackviz.machine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sites kept by build id: what is put is what is got, and anything else is read again, not trusted. */
class SiteCacheTest {

    private static final String ID = "93ac61ec5a8eb1396f9fbd350e3169a558528a40";
    private static final RspWriters SITES = new RspWriters(List.of(
            new RspWriters.Site(0x5a2c0, "__swapcontext", 0x80, "mov rsp, QWORD PTR [rdx+0xa0]",
                    RspWriters.Kind.SWITCH_CANDIDATE),
            new RspWriters.Site(0x1139, "main", 0x30, "leave", RspWriters.Kind.FRAME)));

    @Test
    void whatIsKeptIsWhatIsReadBack(@TempDir Path dir) throws Exception {
        SiteCache cache = SiteCache.in(dir.resolve("made"));
        assertNull(cache.get(ID), "nothing kept yet");
        cache.put(ID, SITES);
        assertEquals(SITES, cache.get(ID));
        try (var files = Files.list(dir.resolve("made"))) {
            assertEquals(List.of(dir.resolve("made").resolve(ID)), files.toList(), "one file, nothing aside left");
        }
    }

    @Test
    void aDamagedOrForeignFileIsNotTrusted(@TempDir Path dir) throws Exception {
        SiteCache cache = SiteCache.in(dir);
        Files.writeString(dir.resolve(ID), "stackviz rsp-writers 1\nnot a site\n");
        assertNull(cache.get(ID));
        Files.writeString(dir.resolve(ID), "something else 7\n");
        assertNull(cache.get(ID));
        cache.put("../escape", SITES);
        assertNull(cache.get("../escape"), "a build id is hex, not a path");
        assertEquals(List.of(dir.resolve(ID)), Files.list(dir).toList());
    }

    @Test
    void offKeepsNothing(@TempDir Path dir) {
        SiteCache off = SiteCache.off();
        off.put(ID, SITES);
        assertNull(off.get(ID));
        assertNull(off.dir());
    }
}
