package io.jcoro.bench.disklog;

import io.jcoro.disklog.read.Parallel;
import io.jcoro.disklog.read.Sources;
import io.jcoro.disklog.read.Tuning;
import io.jcoro.disklog.scan.Newlines;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The least any JVM program pays to do disklog's job on a file, to set disklog's one-shot time against: start, read
 * every byte into the heap on as many threads as disklog's filter uses, and (mode {@code lines}) count the lines,
 * which disklog must do because its evidence cites line numbers. Nothing is matched. {@code read} reads and looks at
 * nothing; {@code mapped} copies out of memory-mapped windows instead (how disklog once read plain files). The line
 * count is the scanner's own line-end search: the vector API's when the JVM has the module, as bin/disklog does for
 * big inputs, else SWAR. Mode {@code filter} is the step after the floor: disklog's own filter workers over the
 * file, with nothing after them (no correlator, no report), to tell the workers' share of a run from the rest. Used
 * by scripts/disklog-bench.sh.
 *
 * <p>{@code java -cp disklog.jar:bench/target/classes io.jcoro.bench.disklog.ReadFloor read|mapped|lines|filter FILE}:
 * prints the byte or line count.
 */
public final class ReadFloor {
    private ReadFloor() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(count(args[0], Path.of(args[1])));
    }

    /** What {@code mode} counts in {@code file}: its bytes ({@code read}, {@code mapped}) or its lines. */
    public static long count(String mode, Path file) throws Exception {
        boolean lines = mode.equals("lines");
        boolean mapped = mode.equals("mapped");
        boolean filter = mode.equals("filter");
        if (!lines && !mapped && !filter && !mode.equals("read")) {
            throw new IllegalArgumentException("mode: read, mapped, lines or filter, not " + mode);
        }
        Tuning tuning = Tuning.defaults();
        int threads = tuning.workers();
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            if (filter) {
                return filtered(ch, size, threads, tuning.segmentBytes());
            }
            long share = (size + threads - 1) / threads;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Long>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long from = Math.min(size, t * share);
                    long to = Math.min(size, from + share);
                    parts.add(pool.submit(() -> mapped ? mappedPart(ch, from, to) : part(ch, from, to, lines)));
                }
                long total = 0;
                for (Future<Long> part : parts) {
                    total += part.get();
                }
                return total;
            } finally {
                pool.shutdown();
            }
        }
    }

    /**
     * The filter workers of a big file's run and nothing else: {@link Parallel}'s segments, each through
     * {@link Parallel#filter} on {@code threads} threads; the lines they keep go nowhere. Returns the line count.
     */
    private static long filtered(FileChannel ch, long size, int threads, long segment) throws Exception {
        long[] cuts = Parallel.cuts(ch, size, segment);
        if (cuts == null) {
            throw new IllegalArgumentException("a line too long to cut the file into segments");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Parallel.Segment>> segments = new ArrayList<>();
            for (int i = 0; i < cuts.length - 1; i++) {
                long from = cuts[i];
                long to = cuts[i + 1];
                segments.add(pool.submit(() -> Parallel.filter(ch, from, to)));
            }
            long lines = 0;
            for (Future<Parallel.Segment> s : segments) {
                lines += s.get().lines();
            }
            return lines;
        } finally {
            pool.shutdown();
        }
    }

    /** Reads {@code [from, to)} with positional reads into one buffer; returns its bytes or its newlines. */
    private static long part(FileChannel ch, long from, long to, boolean lines) throws IOException {
        byte[] buf = new byte[Sources.CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long count = 0;
        for (long pos = from; pos < to; ) {
            bb.clear().limit((int) Math.min(buf.length, to - pos));
            int r = ch.read(bb, pos);
            if (r < 0) {
                break;
            }
            pos += r;
            count += lines ? newlines(buf, r) : r;
        }
        return count;
    }

    /**
     * As {@code read}, but copied out of memory-mapped windows of 16 MB, each unmapped when the reads move on: how
     * disklog once read plain files (docs/performance-disklog.md, "Tried").
     */
    private static long mappedPart(FileChannel ch, long from, long to) throws IOException {
        byte[] buf = new byte[Sources.CHUNK];
        MemorySegment heap = MemorySegment.ofArray(buf);
        long count = 0;
        for (long window = from; window < to; window += 16L << 20) {
            long len = Math.min(16L << 20, to - window);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, window, len, arena);
                for (long off = 0; off < len; off += buf.length) {
                    int n = (int) Math.min(buf.length, len - off);
                    MemorySegment.copy(mapped, off, heap, 0, n);
                    count += n;
                }
            }
        }
        return count;
    }

    /** The newlines of {@code b[0, n)}, found with the scanner's own search, {@link Newlines#STEP} bytes a step. */
    private static long newlines(byte[] b, int n) {
        long count = 0;
        int i = 0;
        for (; i <= n - Newlines.STEP; i += Newlines.STEP) {
            count += Long.bitCount(Newlines.mask(b, i));
        }
        for (; i < n; i++) {
            if (b[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
