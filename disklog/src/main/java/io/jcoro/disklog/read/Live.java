package io.jcoro.disklog.read;

import io.jcoro.Generator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The input --follow reads as it grows: the last file, followed like {@code tail -F} (pipe's {@code follow}:
 * rotation by rename, truncation, a file that appears later), or standard input as it arrives. A reader thread
 * waits for the bytes and hands them over through a queue, so that the stream can also say when the input has
 * been quiet for a while (a chunk with {@link Chunk#quiet}: the correlator then shows the drives whose counts
 * changed) and can stop at once when the run is asked to ({@link Following}).
 */
final class Live {
    private Live() {
    }

    /** Marks the end of the input (standard input closed, the file unreadable). */
    private static final byte[] END = new byte[0];

    /**
     * The followed input as chunks, a partial line kept for the next; after a quiet spell of five polls, one quiet
     * chunk. The loop is in the body itself, yielding only through its own y: jcoro compiles it into a state machine.
     */
    static Generator<Chunk, Integer, Void> source(Input in, InputStats stats, Sources.Plan plan) {
        return Generator.of(y -> {
            BlockingQueue<byte[]> q = start(in, stats, plan);
            if (q == null) {
                return;
            }
            long quietMs = Math.max(50, plan.poll().toMillis() * 5);
            Chunk c = new Chunk(in, stats, new byte[1 << 16]);
            int have = 0;
            boolean quietSaid = true;
            while (true) {
                byte[] b = take(q, quietMs);
                if (b == Following.STOP || plan.following().stopped()) {
                    return;
                }
                if (b == null) {
                    if (!quietSaid) {
                        quietSaid = true;
                        c.quiet = true;
                        c.len = 0;
                        y.yield(c);
                        c.quiet = false;
                    }
                    continue;
                }
                boolean end = b == END;
                if (!end) {
                    have = append(c, have, b);
                    if (!q.isEmpty() && have < (1 << 20)) {
                        continue; // more is waiting: one bigger chunk
                    }
                }
                quietSaid = false;
                c.len = have;
                c.last = end;
                int consumed = y.yield(c);
                if (end) {
                    return;
                }
                System.arraycopy(c.buf, consumed, c.buf, 0, have - consumed);
                have -= consumed;
                stats.bytes += consumed;
            }
        });
    }

    /** The reader thread started, and the queue it fills; null when the input cannot be followed (said in stats). */
    private static BlockingQueue<byte[]> start(Input in, InputStats stats, Sources.Plan plan) {
        BlockingQueue<byte[]> q = new LinkedBlockingQueue<>(256);
        Thread reader;
        if (in.isStdin()) {
            Opening.Opened src = Opening.open(in, stats, plan.stdin());
            if (src == null) {
                return null;
            }
            reader = Thread.ofPlatform().daemon().name("disklog-follow").unstarted(() -> stdin(src, stats, q));
        } else {
            if (!followable(in, stats)) {
                return null;
            }
            reader = Thread.ofPlatform().daemon().name("disklog-follow").unstarted(() -> file(in, stats, q, plan));
        }
        plan.following().follow(q);
        reader.start();
        return q;
    }

    /** The next bytes, waiting at most {@code ms}: null when none came, {@link Following#STOP} when interrupted. */
    private static byte[] take(BlockingQueue<byte[]> q, long ms) {
        try {
            return q.poll(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Following.STOP;
        }
    }

    /** {@code b} after the {@code have} bytes of the chunk's buffer, grown if need be; returns the new length. */
    private static int append(Chunk c, int have, byte[] b) {
        if (have + b.length > c.buf.length) {
            c.buf = Arrays.copyOf(c.buf, Math.max(c.buf.length * 2, have + b.length));
        }
        System.arraycopy(b, 0, c.buf, have, b.length);
        return have + b.length;
    }

    /** A directory or a compressed file cannot be followed; a file that does not exist yet is waited for. */
    private static boolean followable(Input in, InputStats stats) {
        if (Files.isDirectory(in.path())) {
            stats.fail("is a directory");
            return false;
        }
        if (Files.exists(in.path())) {
            try (FileChannel ch = FileChannel.open(in.path())) {
                if (Opening.compression(ch) != null) {
                    stats.fail("compressed; --follow needs a plain file");
                    return false;
                }
            } catch (IOException e) {
                stats.fail(Opening.describe(e, null));
                return false;
            }
        }
        return true;
    }

    /** Standard input, read as it arrives. */
    private static void stdin(Opening.Opened src, InputStats stats, BlockingQueue<byte[]> q) {
        byte[] buf = new byte[1 << 16];
        try (src) {
            while (true) {
                int r = src.read(buf, 0, buf.length);
                if (r < 0) {
                    break;
                }
                if (r > 0) {
                    q.put(Arrays.copyOf(buf, r));
                }
            }
        } catch (IOException e) {
            stats.fail(Opening.describe(e, src.format));
        } catch (InterruptedException e) {
            return;
        }
        q.offer(END);
    }

    /** The file, followed from its beginning; said when it is missing and when it appears, as tail -F does. */
    private static void file(Input in, InputStats stats, BlockingQueue<byte[]> q, Sources.Plan plan) {
        try {
            if (!Files.exists(in.path())) {
                plan.notices().notice(in.label() + ": no such file; waiting for it to appear");
                while (!Files.exists(in.path())) {
                    Thread.sleep(plan.poll().toMillis());
                }
                plan.notices().notice(in.label() + ": has appeared; following it");
            }
            try (Generator<String, Void, Void> lines = io.jcoro.pipe.Sources.follow(in.path(), plan.poll(), true)) {
                for (String line : lines) {
                    q.put((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            stats.fail("read error (" + e.getMessage() + ")");
        }
        q.offer(END);
    }
}
