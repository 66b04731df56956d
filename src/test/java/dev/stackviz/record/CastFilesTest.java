package dev.stackviz.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where --record may point besides a plain file, and what the user is told when it cannot be
 * written: a missing directory, a directory, a FIFO nobody reads, a full disk, a reader that left.
 */
class CastFilesTest {

    static final CastWriter.Header HEADER = new CastWriter.Header(80, 24, 1_795_000_000L, "stackviz", "xterm", "/bin/sh");
    static final String OPENING_THREAD = "stackviz-cast-open";

    @TempDir
    Path dir;

    /** Lets any opening thread still blocked on a FIFO finish: a reader (and writer) appears until it has. */
    @AfterEach
    void releaseBlockedOpens() throws Exception {
        Path fifo = dir.resolve("fifo");
        if (!Files.exists(fifo)) {
            return;
        }
        try (RandomAccessFile both = new RandomAccessFile(fifo.toFile(), "rw")) {
            for (Thread t : openingThreads()) {
                t.join(5_000);
            }
        }
    }

    Path fifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(5, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo works here");
        return fifo;
    }

    static List<Thread> openingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(OPENING_THREAD)).toList();
    }

    @Test
    void reasonsAreWordsNotOnlyAFileName() {
        assertEquals("permission denied", CastWriter.reason(new AccessDeniedException("/root/t.cast")));
        assertEquals("no such file or directory", CastWriter.reason(new NoSuchFileException("/nowhere/t.cast")));
        assertEquals("Read-only file system",
                CastWriter.reason(new FileSystemException("/usr/t.cast", null, "Read-only file system")));
        assertEquals("/usr/t.cast", CastWriter.reason(new FileSystemException("/usr/t.cast")), "no reason: the message");
        assertEquals("No space left on device", CastWriter.reason(new IOException("No space left on device")));
    }

    @Test
    void aMissingDirectoryIsReportedAsSuch() {
        IOException e = assertThrows(IOException.class,
                () -> CastWriter.create(dir.resolve("missing/t.cast"), HEADER, () -> 0, Duration.ofSeconds(5)));
        assertEquals(NoSuchFileException.class, e.getClass(), "the file system's own exception, unwrapped");
        assertEquals("no such file or directory", CastWriter.reason(e));
    }

    @Test
    void aDirectoryIsNotAFileToRecordInto() {
        IOException e = assertThrows(IOException.class, () -> CastWriter.create(dir, HEADER, () -> 0));
        assertEquals("Is a directory", CastWriter.reason(e));
    }

    @Test
    void aFullDiskFailsAtTheHeaderAlready() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full exists here");
        IOException e = assertThrows(IOException.class, () -> CastWriter.create(full, HEADER, () -> 0));
        assertEquals("No space left on device", CastWriter.reason(e));
    }

    @Test
    void aFifoThatNobodyReadsIsGivenUpAfterTheWait() throws Exception {
        Path fifo = fifo();
        IOException e = assertThrows(IOException.class,
                () -> CastWriter.create(fifo, HEADER, () -> 0, Duration.ofMillis(50)));
        assertEquals("it is a pipe (FIFO) or device that nothing reads", e.getMessage());
        List<Thread> blocked = openingThreads();
        assertTrue(!blocked.isEmpty(), "the open is still blocked");
        assertTrue(blocked.stream().allMatch(Thread::isDaemon), "a blocked open must not keep the JVM from exiting");
    }

    @Test
    void anInterruptWhileWaitingEndsTheWaitAndIsKept() throws Exception {
        Path fifo = fifo();
        Thread.currentThread().interrupt();
        IOException e = assertThrows(IOException.class,
                () -> CastWriter.create(fifo, HEADER, () -> 0, Duration.ofSeconds(5)));
        assertEquals("interrupted", e.getMessage());
        assertTrue(Thread.interrupted(), "the caller still sees the interrupt");
    }

    @Test
    void aFifoWithAReaderGetsTheWholeCastAndItsEnd() throws Exception {
        Path fifo = fifo();
        CompletableFuture<String> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            // line by line: FileInputStream.readAllBytes asks a FIFO for its position (JDK 17.0.15: "Illegal seek")
            try (BufferedReader in = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
                read.complete(String.join("\n", in.lines().toList()));
            } catch (IOException e) {
                read.completeExceptionally(e);
            }
        });
        reader.start();
        try (CastWriter cast = CastWriter.create(fifo, HEADER, () -> 2_000_000_000L, Duration.ofSeconds(5))) {
            cast.output("hello");
            assertNull(cast.failure());
        }
        // the reader sees the end of the stream only once the cast is closed
        assertEquals(HEADER.toJson() + "\n[0.000000, \"o\", \"hello\"]", read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aReaderThatLeavesStopsTheRecordingQuietlyAndSaysWhy() throws Exception {
        Path fifo = fifo();
        CompletableFuture<InputStream> opened = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                opened.complete(new FileInputStream(fifo.toFile()));
            } catch (IOException e) {
                opened.completeExceptionally(e);
            }
        });
        reader.start();
        try (CastWriter cast = CastWriter.create(fifo, HEADER, () -> 0, Duration.ofSeconds(5))) {
            opened.get(5, TimeUnit.SECONDS).close();
            assertNull(cast.failure(), "the header went into the pipe");
            cast.output("after the reader left");
            assertEquals("Broken pipe", cast.failure());
            cast.output("and more");
            cast.marker("no exception, nothing written");
            assertEquals("Broken pipe", cast.failure());
        }
    }
}
