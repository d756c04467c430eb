package io.jcoro.disklog;

import io.jcoro.Generator;
import io.jcoro.Yielder;
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
 * A big plain file on all cores. The file is cut into segments at line ends; a worker per core runs the matcher's
 * byte-level filter over a segment (filter mode: no Strings, no generator, no correlator) and keeps only the lines
 * the correlator may want, with their line numbers. The segments' kept lines are then handed, in file order, to
 * the one matcher and correlator as chunks, so the answer is the same as reading the file in one pass: the only
 * state that crosses a line, "does this unprefixed line follow a wanted one", travels with the kept lines as gaps.
 *
 * Memory: at most (workers + 1) segments are in flight, each a 1 MB read buffer and its kept lines.
 */
final class Parallel {
    private Parallel() {
    }

    /** Files at least this big are read in parallel (when there are two cores or more). */
    static long minSize() {
        return Long.getLong("disklog.parallel.min", 64L << 20);
    }

    /** Bytes per segment. */
    static long segment() {
        return Long.getLong("disklog.parallel.segment", 8L << 20);
    }
    /** A segment end moves forward to the next line end; further than this, the file is read in one pass. */
    private static final int BOUNDARY_SEARCH = 1 << 20;

    static int workers() {
        return Integer.getInteger("disklog.parallel.workers", Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** What one worker found in its segment. */
    record Segment(Compact kept, Input counts, long lines, long bytes) {
    }

    /**
     * Reads {@code ch} (positioned at 0, of {@code size} bytes, not compressed) as chunks of kept lines, or returns
     * false without yielding anything when it should be read in one pass (a line too long to cut near a segment end).
     */
    static boolean read(Input in, FileChannel ch, long size, Yielder<Chunk, Integer> y, Progress progress)
            throws IOException {
        int n = workers();
        long[] cuts = cuts(ch, size);
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
            Chunk c = new Chunk(in, null);
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
                merge(in, s.counts(), base);
                c.buf = s.kept().buf;
                c.len = s.kept().len;
                c.numbers = s.kept().numbers;
                c.base = base;
                c.last = false;
                y.yield(c);
                base += s.lines();
                in.lines += s.lines();
                done += s.bytes();
                in.bytes = done;
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
    static long[] cuts(FileChannel ch, long size) throws IOException {
        long segment = segment();
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
     * The matcher's filter over one segment, read with positional reads (the channel is shared). Not through
     * memory maps: with two workers mapping and unmapping windows at once, a 4.1 GB log took 3.1-3.5 s mapped
     * against 1.8-1.9 s read, and a 1.1 GB log 0.90-0.95 s against 0.82-0.84 s (docs/performance-disklog.md,
     * "Reads, not maps, for the filter workers").
     */
    static Segment filter(FileChannel ch, long from, long to) {
        Input counts = new Input("segment", null);
        Compact kept = new Compact();
        Matcher m = new Matcher(counts, kept);
        byte[] buf = BUFFERS.get();
        ByteBuffer bb = ByteBuffer.wrap(buf);
        Chunk c = new Chunk(counts, buf);
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

    /** A segment's problem counts, its line numbers made file-wide. */
    private static void merge(Input in, Input seg, long base) {
        in.nulBytes += seg.nulBytes;
        if (in.firstNulLine == 0 && seg.firstNulLine > 0) {
            in.firstNulLine = base + seg.firstNulLine;
        }
        in.longLines += seg.longLines;
        if (in.firstLongLine == 0 && seg.firstLongLine > 0) {
            in.firstLongLine = base + seg.firstLongLine;
        }
        in.longestLine = Math.max(in.longestLine, seg.longestLine);
    }
}
