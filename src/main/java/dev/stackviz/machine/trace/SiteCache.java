package dev.stackviz.machine.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The rsp writers of each file read, kept by its GNU build id: disassembling libc takes about half a
 * second, and its sites do not change while its build id does not. One small text file per build
 * id in a directory the user can see and delete; {@link #off()} keeps nothing.
 */
public final class SiteCache {

    private static final String FORMAT = "stackviz rsp-writers 1";

    private final Path dir;

    private SiteCache(Path dir) {
        this.dir = dir;
    }

    /** Keeps the sites in {@code dir} (made when first written). */
    public static SiteCache in(Path dir) {
        return new SiteCache(dir);
    }

    /** Keeps nothing: every file is disassembled each time. */
    public static SiteCache off() {
        return new SiteCache(null);
    }

    /** Where the sites are kept; null when off. */
    public Path dir() {
        return dir;
    }

    /** The sites kept for {@code buildId}; null if none are (or they cannot be read: then they are read again). */
    RspWriters get(String buildId) {
        if (dir == null || !buildId.matches("[0-9a-f]{8,128}")) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(dir.resolve(buildId), StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
                return null;
            }
            List<RspWriters.Site> sites = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", 5);
                sites.add(new RspWriters.Site(Long.parseUnsignedLong(f[0], 16), f[3], Long.parseUnsignedLong(f[1], 16),
                        f[4], RspWriters.Kind.valueOf(f[2])));
            }
            return new RspWriters(sites);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Keeps {@code writers} for {@code buildId}, whole or not at all (written aside, then renamed); quietly not if it cannot. */
    void put(String buildId, RspWriters writers) {
        if (dir == null || !buildId.matches("[0-9a-f]{8,128}")) {
            return;
        }
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        for (RspWriters.Site site : writers.sites()) {
            text.append(Long.toHexString(site.offset())).append('\t').append(Long.toHexString(site.symbolOffset()))
                    .append('\t').append(site.kind().name()).append('\t').append(site.symbol().replace('\t', ' '))
                    .append('\t').append(site.text().replace('\n', ' ')).append('\n');
        }
        Path aside = null;
        try {
            Files.createDirectories(dir);
            aside = Files.createTempFile(dir, buildId, ".part");
            Files.writeString(aside, text, StandardCharsets.UTF_8);
            Files.move(aside, dir.resolve(buildId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            if (aside != null) {
                try {
                    Files.deleteIfExists(aside);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
