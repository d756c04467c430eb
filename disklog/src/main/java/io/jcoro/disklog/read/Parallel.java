package io.jcoro.disklog.read;

import io.jcoro.Generator;
import io.jcoro.Yielder;
import io.jcoro.disklog.scan.KeptLines;
import io.jcoro.disklog.scan.LineScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/*
 * A big plain file on all cores. The file is cut into segments at line ends; a worker per core runs the line
 * scanner's byte-level filter over a segment (filter mode: no Strings, no generator, no correlator) and keeps only
 * the lines the correlator may want, with their line numbers. The segments' kept lines are then handed, in file
 * order, to the one scanner and correlator as chunks, so the answer is the same as reading the file in one pass:
 * the only state that crosses a line, "does this unprefixed line follow a wanted one", travels with the kept lines
 * as gaps. The kept lines are scanned a second time there, which costs little: they are well under 1% of a log.
 *
 * Memory: at most (workers + 1) segments are in flight, each a 1 MB read buffer and its kept lines.
 */
public final class Parallel {
    private Parallel() {
    }

    /** A segment end moves forward to the next line end; further than this, the file is read in one pass. */
    private static final int BOUNDARY_SEARCH = 1 << 20;

    /** What one worker found in its segment. */
    public record Segment(KeptLines kept, InputStats counts, long lines, long bytes) {
    }

    /**
     * Reads {@code ch} (positioned at 0, of {@code size} bytes, not compressed) as chunks of kept lines, or returns
     * false without yielding anything when it should be read in one pass (a line too long to cut near a segment end).
     */
    static boolean read(Input in, InputStats stats, FileChannel ch, long size, Yielder<Chunk, Integer> y,
                        Tuning tuning, Progress progress)
            throws IOException {
        int n = tuning.workers();
        long[] cuts = cuts(ch, size, tuning.segmentBytes());
        if (cuts == null) {
            return false;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "disklog-filter");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<Segment>> inflight = new ArrayDeque<>();
            int next = 0;
            long base = 0;
            long done = 0;
            Chunk c = new Chunk(in, stats, null);
            while (next < cuts.length - 1 && inflight.size() <= n) {
                inflight.add(submit(pool, ch, cuts[next], cuts[next + 1]));
                next++;
            }
            while (!inflight.isEmpty()) {
                Segment s;
                try {
                    s = inflight.removeFirst().get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UncheckedIOException u) {
                        throw u.getCause();
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
                if (next < cuts.length - 1) {
                    inflight.add(submit(pool, ch, cuts[next], cuts[next + 1]));
                    next++;
                }
                stats.merge(s.counts(), base);
                c.buf = s.kept().buf;
                c.len = s.kept().len;
                c.numbers = s.kept().numbers;
                c.base = base;
                c.last = false;
                y.yield(c);
                base += s.lines();
                stats.lines += s.lines();
                done += s.bytes();
                stats.bytes = done;
                if (progress != null) {
                    progress.update(in, done);
                }
            }
            return true;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Segment boundaries, each just after a line end; null when a boundary finds no line end close by. */
    public static long[] cuts(FileChannel ch, long size, long segment) throws IOException {
        int count = (int) ((size + segment - 1) / segment);
        long[] cuts = new long[count + 1];
        ByteBuffer window = ByteBuffer.allocate(64 * 1024);
        int k = 1;
        for (int i = 1; i < count; i++) {
            long at = Math.max(i * segment, cuts[k - 1]);
            long end = -1;
            for (long p = at; p < Math.min(size, at + BOUNDARY_SEARCH) && end < 0; p += window.capacity()) {
                window.clear();
                int r = ch.read(window, p);
                if (r <= 0) {
                    break;
                }
                for (int j = 0; j < r; j++) {
                    if (window.get(j) == '\n') {
                        end = p + j + 1;
                        break;
                    }
                }
            }
            if (end < 0) {
                return null;
            }
            if (end < size && end > cuts[k - 1]) {
                cuts[k++] = end;
            }
        }
        cuts[k++] = size;
        return java.util.Arrays.copyOf(cuts, k);
    }

    private static Future<Segment> submit(ExecutorService pool, FileChannel ch, long from, long to) {
        return pool.submit(() -> filter(ch, from, to));
    }

    /** Each worker thread reads into its own buffer, for all its segments: no megabyte of garbage per segment. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[Sources.CHUNK]);

    /**
     * The line scanner's filter over one segment, read with positional reads (the channel is shared). Not through
     * memory maps: with two workers mapping and unmapping windows at once, a 4.1 GB log took 3.1-3.5 s mapped
     * against 1.8-1.9 s read, and a 1.1 GB log 0.90-0.95 s against 0.82-0.84 s (docs/performance-disklog.md,
     * "Tried").
     */
    public static Segment filter(FileChannel ch, long from, long to) {
        InputStats counts = new InputStats();
        KeptLines kept = new KeptLines();
        LineScanner m = LineScanner.filter(counts, kept);
        byte[] buf = BUFFERS.get();
        ByteBuffer bb = ByteBuffer.wrap(buf);
        Chunk c = new Chunk(null, counts, buf);
        long pos = from;
        int have = 0;
        try {
            while (true) {
                while (have < buf.length && pos < to) {
                    bb.limit(have + (int) Math.min(buf.length - have, to - pos)).position(have);
                    int r = ch.read(bb, pos);
                    if (r < 0) {
                        // the end of the file before the end of the segment, measured when the read began
                        throw new IOException("the file shrank while it was read");
                    }
                    pos += r;
                    have += r;
                }
                c.len = have;
                c.last = pos >= to;
                int consumed = m.scan(c);
                if (c.last) {
                    break;
                }
                System.arraycopy(buf, consumed, buf, 0, have - consumed);
                have -= consumed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Segment(kept, counts, m.lines(), to - from);
    }
}
