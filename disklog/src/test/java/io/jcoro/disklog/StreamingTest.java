package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Standard input read as it arrives: --follow on a pipe, and progress on stderr. */
class StreamingTest {

    /** A pipe that gives a little at a time, slowly. */
    static InputStream slow(byte[] data, int perRead, long millis) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.read(b, off, Math.min(len, perRead));
            }
        };
    }

    @Test
    void followOnStandardInputPrintsEachDriveAsItStartsFailing() throws IOException {
        byte[] sample = Files.readAllBytes(Run.resource("sample-kern.log"));
        Run r = Run.withStdin(slow(sample, 4096, 1), "--follow", "-");
        assertEquals(1, r.status());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("SERIAL"), r.out());
        // one row per drive, at its first error (COUNT 1): what a person watching the log needs to know first
        assertEquals(5, lines.length, r.out());
        assertTrue(lines[1].startsWith("ZC18K2QJ"), lines[1]);
        assertTrue(lines[4].startsWith("ZA1GQ8VD"), lines[4]);
    }

    @Test
    void progressIsDrawnOnStderrAndErasedAtTheEnd() throws IOException {
        byte[] sample = Files.readAllBytes(Run.resource("sample-kern.log"));
        byte[] big = new byte[sample.length * 12];
        for (int i = 0; i < 12; i++) {
            System.arraycopy(sample, 0, big, i * sample.length, sample.length);
        }
        // about 1.6 s of input: progress appears after the first second
        Run r = Run.withStdin(slow(big, 16 * 1024, 160), "--progress", "--json");
        assertTrue(r.err().contains("\rdisklog: (stdin): "), r.err());
        assertTrue(r.err().endsWith("\r\033[K"), r.err());
        assertEquals(4, r.drives().size());
    }
}
