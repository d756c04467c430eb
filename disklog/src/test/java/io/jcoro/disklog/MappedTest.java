package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcoro.disklog.gen.Format;
import io.jcoro.disklog.gen.LogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain files read through a memory map: the same bytes and the same answer as reading them, growth and shrinking. */
class MappedTest {
    @TempDir
    Path dir;

    @BeforeEach
    void jdk22() {
        assumeTrue(Mapped.available(), "memory maps need JDK 22+");
    }

    @AfterEach
    void reset() {
        System.clearProperty("disklog.mmap");
    }

    private static byte[] readAll(Mapped m, int step) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[step];
        long pos = 0;
        int r;
        while ((r = m.read(pos, b, 0, b.length)) >= 0) {
            out.write(b, 0, r);
            pos += r;
        }
        return out.toByteArray();
    }

    @Test
    void readsEveryByteAcrossWindows() throws IOException {
        byte[] data = new byte[300_001];
        new Random(1).nextBytes(data);
        Path p = Files.write(dir.resolve("x"), data);
        try (FileChannel ch = FileChannel.open(p); Mapped m = new Mapped(ch, 4096)) {
            assertArrayEquals(data, readAll(m, 1000));
        }
    }

    @Test
    void aFileThatGrowsIsReadToItsNewEnd() throws IOException {
        Path p = Files.write(dir.resolve("x"), new byte[10_000]);
        try (FileChannel ch = FileChannel.open(p); Mapped m = new Mapped(ch, 4096)) {
            byte[] b = new byte[20_000];
            assertEquals(4096, m.read(0, b, 0, b.length));
            Files.write(p, new byte[5_000], StandardOpenOption.APPEND);
            long pos = 4096;
            int r;
            while ((r = m.read(pos, b, 0, b.length)) >= 0) {
                pos += r;
            }
            assertEquals(15_000, pos);
        }
    }

    @Test
    void aFileThatShrinksWhileMappedIsAReadErrorNotACrash() throws IOException {
        Path p = Files.write(dir.resolve("x"), new byte[1 << 20]);
        try (FileChannel ch = FileChannel.open(p); Mapped m = new Mapped(ch, 1 << 20)) {
            byte[] b = new byte[4096];
            assertEquals(4096, m.read(0, b, 0, b.length));
            try (FileChannel w = FileChannel.open(p, StandardOpenOption.WRITE)) {
                w.truncate(4096);
            }
            IOException e = assertThrows(IOException.class, () -> m.read(1 << 19, b, 0, b.length));
            assertEquals("the file shrank while it was read", e.getMessage());
        }
    }

    @Test
    void itIsSafeToCloseMoreThanOnce() throws IOException {
        Path p = Files.write(dir.resolve("x"), new byte[100]);
        try (FileChannel ch = FileChannel.open(p)) {
            Mapped m = new Mapped(ch);
            m.read(0, new byte[10], 0, 10);
            m.close();
            m.close();
            assertTrue(ch.isOpen(), "the channel is the caller's");
            assertEquals(100, ch.read(ByteBuffer.allocate(200), 0));
        }
    }

    @Test
    void theAnswerIsTheSameMappedOrRead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        LogGenerator.generate(LogGenerator.Options.of(3, 6_000_000, Format.MIXED).withEvents(60), b);
        Path p = Files.write(dir.resolve("kern.log"), b.toByteArray());
        Run mapped = Run.of("--json", "--explain", p.toString());
        System.setProperty("disklog.mmap", "false");
        Run read = Run.of("--json", "--explain", p.toString());
        assertEquals(read, mapped);
        assertTrue(mapped.drives().size() >= 3, mapped.out());
    }

    @Test
    void aFileTruncatedWhileItIsReadIsAReadErrorAndTheLinesBeforeAreKept() throws IOException {
        StringBuilder log = new StringBuilder("[    1.000000] sd 0:0:0:0: [sda] Attached SCSI disk\n");
        while (log.length() < 4 << 20) {
            log.append("[    2.000000] audit: type=1400 audit(0.0:1): apparmor=\"STATUS\" operation=\"profile_load\"\n");
        }
        Path p = Files.writeString(dir.resolve("kern.log"), log);
        Input in = new Input(p.toString(), p);
        try (io.jcoro.Generator<Line, Steer, Void> lines =
                Matcher.over(Sources.chunks(java.util.List.of(in), java.io.InputStream.nullInputStream(), false,
                        java.time.Duration.ofMillis(100), null))) {
            Line first = lines.next();
            assertTrue(first.text.contains("Attached SCSI disk"), first.text);
            try (FileChannel w = FileChannel.open(p, StandardOpenOption.WRITE)) {
                w.truncate(0); // logrotate's copytruncate, while the file is read
            }
            assertThrows(io.jcoro.StopIteration.class, () -> lines.send(Steer.NEXT));
        }
        assertEquals("read error (the file shrank while it was read)", in.error);
    }
}
