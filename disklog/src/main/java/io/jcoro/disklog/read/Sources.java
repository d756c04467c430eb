package io.jcoro.disklog.read;

import io.jcoro.Generator;
import io.jcoro.Yielder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The inputs as one stream of byte chunks: each input is a generator of chunks, and the inputs are chained with
 * {@code yieldFrom}, oldest first, so that the scanner sees one stream and a binding made in an old file applies
 * to an error in a newer one. An input that cannot be read records its problem in its {@link InputStats} and yields
 * nothing more; the next input goes on.
 */
public final class Sources {
    private Sources() {
    }

    /** Bytes per chunk: big enough that the per-chunk cost (one generator switch, one copy of a partial line) vanishes. */
    public static final int CHUNK = 1 << 20;

    /**
     * Where the stream comes from and how it is read.
     *
     * @param following with --follow, the run's stop; else null
     * @param notices   where --follow says that the followed file is missing and when it appears
     */
    public record Plan(List<Input> inputs, List<InputStats> stats, InputStream stdin, Following following,
                       Duration poll, Tuning tuning, Progress progress, Notices notices) {
        boolean follow() {
            return following != null;
        }
    }

    /** Notices while the stream runs (a followed file is missing, has appeared), one line each. */
    public interface Notices {
        void notice(String line);
    }

    /**
     * All inputs, in order, as one stream of chunks. With {@code follow}, the last input is followed like
     * {@code tail -F} after it has been read (and standard input is read as it arrives).
     */
    public static Generator<Chunk, Integer, Void> chunks(Plan plan) {
        return Generator.of(y -> {
            List<Input> inputs = plan.inputs();
            for (int k = 0; k < inputs.size(); k++) {
                Input in = inputs.get(k);
                InputStats stats = plan.stats().get(k);
                if (stats.error != null) {
                    continue; // found unreadable before the stream began (a directory that cannot be listed)
                }
                boolean live = plan.follow() && k == inputs.size() - 1;
                y.yieldFrom(live ? Live.source(in, stats, plan) : read(in, stats, plan));
            }
        });
    }

    /** One input read to its end. */
    private static Generator<Chunk, Integer, Void> read(Input in, InputStats stats, Plan plan) {
        return Generator.of(y -> {
            if (!plan.follow() && parallel(in, stats, y, plan)) {
                return;
            }
            Opening.Opened src = Opening.open(in, stats, plan.stdin());
            if (src == null) {
                return;
            }
            try (src) {
                pump(in, stats, src, y, plan.follow() || in.isStdin(), plan.progress());
            }
        });
    }

    /** A big plain file with cores to spare: read by {@link Parallel}; false to read it in one pass instead. */
    private static boolean parallel(Input in, InputStats stats, Yielder<Chunk, Integer> y, Plan plan) {
        Tuning tuning = plan.tuning();
        if (in.isStdin() || tuning.workers() < 2) {
            return false;
        }
        try {
            if (!Files.isRegularFile(in.path()) || Files.size(in.path()) < tuning.parallelBytes()) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(in.path())) {
                ByteBuffer head = ByteBuffer.allocate(1 << 16);
                while (head.hasRemaining() && ch.read(head) > 0) {
                    // the first 64 KB decide: compressed or binary files go the usual way
                }
                if (Opening.compression(head.array(), head.position()) != null || Binary.input(head.array(), head.position())) {
                    return false;
                }
                ch.position(0);
                return Parallel.read(in, stats, ch, ch.size(), y, tuning, plan.progress());
            }
        } catch (IOException e) {
            stats.fail(Opening.describe(e, null));
            return true;
        }
    }

    private static void pump(Input in, InputStats stats, Opening.Opened src, Yielder<Chunk, Integer> y, boolean eager,
                             Progress progress) throws IOException {
        byte[] buf = new byte[CHUNK];
        Chunk c = new Chunk(in, stats, buf);
        int have = 0;
        boolean first = true;
        while (true) {
            boolean eof = false;
            IOException failure = null;
            try {
                while (have < buf.length) {
                    int r = src.read(buf, have, buf.length - have);
                    if (r < 0) {
                        eof = true;
                        break;
                    }
                    have += r;
                    if (eager && r > 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
            if (progress != null) {
                progress.update(in, src.position());
            }
            if (first && have > 0) {
                first = false;
                if (Binary.input(buf, have)) {
                    stats.fail("binary data, not a text log (skipped)");
                    return;
                }
            }
            stats.bytes = src.position();
            c.len = have;
            // after a read error the partial line at the end is a cut line: not handed on as a line
            c.last = eof;
            int consumed = y.yield(c);
            if (failure != null) {
                stats.fail(Opening.describe(failure, src.format));
                return;
            }
            if (eof) {
                return;
            }
            System.arraycopy(buf, consumed, buf, 0, have - consumed);
            have -= consumed;
        }
    }
}
