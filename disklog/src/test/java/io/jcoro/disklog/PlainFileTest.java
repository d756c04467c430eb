package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import io.jcoro.disklog.read.Input;
import io.jcoro.disklog.read.InputStats;
import io.jcoro.disklog.read.Sources;
import io.jcoro.disklog.read.Tuning;
import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import io.jcoro.disklog.scan.LineScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain file read in one pass (read ahead by a helper thread): to its end, and a file cut under it. */
class PlainFileTest {
    @TempDir
    Path dir;

    private static Generator<Line, Attach, Void> lines(Input in, InputStats stats, Tuning tuning) {
        return LineScanner.over(Sources.chunks(new Sources.Plan(List.of(in), List.of(stats), InputStream.nullInputStream(),
                null, Duration.ofMillis(100), tuning, null, null)));
    }

    /**
     * A 16 MB log in {@code dir}: one wanted line, noise, one more wanted line at the end; more than the one-pass
     * reader reads ahead (three 1 MB buffers) and more than two workers have in flight with small segments.
     */
    static Path bigLog(Path dir) throws IOException {
        StringBuilder log = new StringBuilder("[    1.000000] sd 0:0:0:0: [sda] Attached SCSI disk\n");
        while (log.length() < 16 << 20) {
            log.append("[    2.000000] audit: type=1400 audit(0.0:1): apparmor=\"STATUS\" operation=\"profile_load\"\n");
        }
        log.append("[    3.000000] XFS (sda): metadata I/O error in \"xfs_trans_read_buf_map\" at daddr 0x10 len 8 error 5\n");
        return Files.writeString(dir.resolve("kern.log"), log);
    }

    @Test
    void aFileTruncatedWhileItIsReadIsAReadErrorAndTheLinesBeforeAreKept() throws IOException {
        assertTruncationIsAReadError(bigLog(dir));
    }

    /** Reads the first line of {@code p}, truncates the file, and expects the read to end with a read error. */
    static void assertTruncationIsAReadError(Path p) throws IOException {
        assertTruncationIsAReadError(p, Tuning.defaults());
    }

    /** As above, big files read with {@code tuning}. */
    static void assertTruncationIsAReadError(Path p, Tuning tuning) throws IOException {
        Input in = Input.file(p.toString());
        InputStats stats = new InputStats();
        try (Generator<Line, Attach, Void> lines = lines(in, stats, tuning)) {
            Line first = lines.next();
            assertTrue(first.text.contains("Attached SCSI disk"), first.text);
            try (FileChannel w = FileChannel.open(p, StandardOpenOption.WRITE)) {
                w.truncate(0); // logrotate's copytruncate, while the file is read
            }
            assertThrows(StopIteration.class, () -> lines.send(Attach.NOTHING));
        }
        assertEquals("read error (the file shrank while it was read)", stats.error);
    }

    @Test
    void aFileReadToItsEndIsNoError() throws IOException {
        Path p = bigLog(dir);
        Input in = Input.file(p.toString());
        InputStats stats = new InputStats();
        int wanted = 0;
        try (Generator<Line, Attach, Void> lines = lines(in, stats, Tuning.defaults())) {
            lines.next();
            wanted++;
            while (true) {
                lines.send(Attach.NOTHING);
                wanted++;
            }
        } catch (StopIteration end) {
            // the end of the file
        }
        assertEquals(2, wanted, "the disk line and the XFS error");
        assertNull(stats.error);
    }
}
