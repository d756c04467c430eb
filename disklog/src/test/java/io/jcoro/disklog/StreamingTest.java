package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
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
        // one row per drive, at its first error: what a person watching the log needs to know first
        assertTrue(lines[1].startsWith("ZC18K2QJ"), lines[1]);
        assertTrue(lines[4].startsWith("ZA1GQ8VD"), lines[4]);
        // standard input ended: the summary, as a run that is not followed prints it
        assertEquals("", lines[5]);
        assertEquals("Summary:", lines[6]);
        String table = Run.withStdin(sample).out();
        assertTrue(r.out().endsWith(table), r.out());
    }

    /** A 2.5 MB generated log: more than progress waits for before it draws. */
    static byte[] bigLog() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        io.jcoro.disklog.gen.LogGenerator.generate(io.jcoro.disklog.gen.LogGenerator.Options.of(6, 2_500_000,
                io.jcoro.disklog.gen.Format.DMESG), b);
        return b.toByteArray();
    }

    @Test
    void progressIsDrawnWhileBytesFlowAndErasedWhileWaitingAndAtTheEnd() throws IOException {
        byte[] big = bigLog();
        long[] pause = new long[2];
        // about 1.5 s of input, then 1.5 s of nothing (a pipe whose writer is busy), then the end
        InputStream in = new ByteArrayInputStream(big) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                sleep(150);
                int r = super.read(b, off, Math.min(len, 256 * 1024));
                if (r < 0 && pause[0] == 0) {
                    pause[0] = System.nanoTime();
                    sleep(1500);
                    pause[1] = System.nanoTime();
                }
                return r;
            }
        };
        List<long[]> erasedAt = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        java.io.OutputStream timed = new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                String text = new String(b, off, len, StandardCharsets.UTF_8);
                err.append(text);
                if (text.contains("\r\033[K")) {
                    erasedAt.add(new long[] {System.nanoTime()});
                }
            }
        };
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int status = Main.run(new String[] {"--progress", "--json"}, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(timed, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertTrue(err.toString().contains("\rdisklog: (standard input): "), err.toString());
        assertTrue(err.toString().endsWith("\r\033[K"), err.toString());
        assertTrue(erasedAt.stream().anyMatch(t -> t[0] > pause[0] && t[0] < pause[1]),
                "the line was erased while no bytes came: " + err);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
