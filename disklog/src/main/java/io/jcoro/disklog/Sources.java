package io.jcoro.disklog;

import com.github.luben.zstd.ZstdInputStream;
import io.jcoro.Generator;
import io.jcoro.Yielder;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The inputs as one stream of byte chunks: each input is a generator of chunks, and the inputs are chained with
 * {@code yieldFrom}, oldest first, so that the matcher sees one stream and a binding made in an old file applies
 * to an error in a newer one. An input that cannot be read records its problem and yields nothing more; the next
 * input goes on.
 */
final class Sources {
    private Sources() {
    }

    /** Bytes per chunk: big enough that the per-chunk cost (one generator switch, one copy of a partial line) vanishes. */
    static final int CHUNK = 1 << 20;

    /**
     * All inputs, in order, as one stream of chunks. With {@code follow}, the last input is followed like
     * {@code tail -F} after it has been read (and standard input is read as it arrives).
     */
    static Generator<Chunk, Integer, Void> chunks(List<Input> inputs, InputStream stdin, boolean follow, Duration poll,
                                                  Progress progress) {
        return Generator.of(y -> {
            for (int k = 0; k < inputs.size(); k++) {
                Input in = inputs.get(k);
                boolean tail = follow && k == inputs.size() - 1 && !in.isStdin();
                y.yieldFrom(tail ? followed(in, poll) : read(in, stdin, follow, progress));
            }
        });
    }

    /** One input read to its end. */
    static Generator<Chunk, Integer, Void> read(Input in, InputStream stdin, boolean streaming, Progress progress) {
        return Generator.of(y -> {
            if (!streaming && parallel(in, y, progress)) {
                return;
            }
            Opened src = open(in, stdin);
            if (src == null) {
                return;
            }
            try (src) {
                pump(in, src, y, streaming || in.isStdin(), progress);
            }
        });
    }

    /** A big plain file with cores to spare: read by {@link Parallel}; false to read it in one pass instead. */
    private static boolean parallel(Input in, Yielder<Chunk, Integer> y, Progress progress) {
        if (in.isStdin() || Parallel.workers() < 2) {
            return false;
        }
        try {
            if (!Files.isRegularFile(in.path) || Files.size(in.path) < Parallel.minSize()) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(in.path)) {
                ByteBuffer head = ByteBuffer.allocate(1 << 16);
                while (head.hasRemaining() && ch.read(head) > 0) {
                    // the first 64 KB decide: compressed or binary files go the usual way
                }
                if (compression(head.array(), head.position()) != null || looksBinary(head.array(), head.position())) {
                    return false;
                }
                ch.position(0);
                return Parallel.read(in, ch, ch.size(), y, progress);
            }
        } catch (IOException e) {
            in.fail(describe(e, null));
            return true;
        }
    }

    private static void pump(Input in, Opened src, Yielder<Chunk, Integer> y, boolean eager, Progress progress)
            throws IOException {
        byte[] buf = new byte[CHUNK];
        Chunk c = new Chunk(in, buf);
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
                if (looksBinary(buf, have)) {
                    in.fail("binary data, not a text log (skipped)");
                    return;
                }
            }
            in.bytes = src.position();
            c.len = have;
            // after a read error the partial line at the end is a cut line: not handed on as a line
            c.last = eof;
            int consumed = y.yield(c);
            if (failure != null) {
                in.fail(describe(failure, src.format));
                return;
            }
            if (eof) {
                return;
            }
            System.arraycopy(buf, consumed, buf, 0, have - consumed);
            have -= consumed;
        }
    }

    /** The last file, followed like {@code tail -F} from its beginning (pipe's follow: rotation and truncation). */
    private static Generator<Chunk, Integer, Void> followed(Input in, Duration poll) {
        return Generator.of(y -> {
            if (Files.isDirectory(in.path)) {
                in.fail("is a directory");
                return;
            }
            if (Files.exists(in.path)) {
                try (FileChannel ch = FileChannel.open(in.path)) {
                    if (compression(ch) != null) {
                        in.fail("compressed; --follow needs a plain file");
                        return;
                    }
                } catch (IOException e) {
                    in.fail(describe(e, null));
                    return;
                }
            }
            Chunk c = new Chunk(in, new byte[256]);
            try (Generator<String, Void, Void> lines = io.jcoro.pipe.Sources.follow(in.path, poll, true)) {
                for (String line : lines) {
                    byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
                    c.buf = b;
                    c.len = b.length;
                    y.yield(c);
                }
            }
        });
    }

    // ---------------------------------------------------------------- opening

    /** An opened input: a byte source, its compression, and how far into the underlying file it has read. */
    abstract static class Opened implements AutoCloseable {
        final String format;

        Opened(String format) {
            this.format = format;
        }

        abstract int read(byte[] b, int off, int len) throws IOException;

        /** Bytes read from the underlying file or stream (compressed bytes for a compressed input). */
        abstract long position();

        @Override
        public abstract void close() throws IOException;
    }

    /** Opens an input, or records why it cannot be opened and returns null. */
    static Opened open(Input in, InputStream stdin) {
        try {
            if (in.isStdin()) {
                BufferedInputStream s = new BufferedInputStream(stdin, 1 << 16);
                s.mark(8);
                byte[] magic = s.readNBytes(6);
                s.reset();
                String format = compression(magic, magic.length);
                return stream(format == null ? s : decompress(format, s), format, s);
            }
            Path p = in.path;
            if (Files.isDirectory(p)) {
                in.fail("is a directory");
                return null;
            }
            FileChannel ch = FileChannel.open(p);
            String format = null;
            try {
                format = compression(ch);
                if (format == null) {
                    return plain(ch, p);
                }
                InputStream raw = Channels.newInputStream(ch);
                return stream(decompress(format, new BufferedInputStream(raw, 1 << 16)), format, ch);
            } catch (IOException e) {
                ch.close();
                in.fail(describe(e, format));
                return null;
            }
        } catch (IOException e) {
            in.fail(describe(e, null));
            return null;
        }
    }

    private static InputStream decompress(String format, InputStream raw) throws IOException {
        return switch (format) {
            case "gzip" -> new GZIPInputStream(raw, 1 << 16);
            case "xz" -> new XZInputStream(raw);
            case "zstd" -> new ZstdInputStream(raw);
            case "bzip2" -> new BZip2CompressorInputStream(raw, true);
            default -> throw new IllegalStateException(format);
        };
    }

    private static String compression(FileChannel ch) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(6);
        while (head.hasRemaining() && ch.read(head) > 0) {
            // a file shorter than 6 bytes is plain text
        }
        ch.position(0);
        return compression(head.array(), head.position());
    }

    /** The compression a file's first bytes announce, or null for plain text. */
    static String compression(byte[] m, int n) {
        if (n >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
            return "gzip";
        }
        if (n >= 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z' && m[5] == 0) {
            return "xz";
        }
        if (n >= 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f && (m[3] & 0xff) == 0xfd) {
            return "zstd";
        }
        if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
            return "bzip2";
        }
        return null;
    }

    /**
     * A plain file, read ahead. Not through a memory map: on this project's machine, copying out of mapped windows
     * measured slower than reading, one thread or two (docs/performance-disklog.md, stop 10). A regular file that
     * ends before the size it had when it was opened shrank while it was read (logrotate's {@code copytruncate}):
     * a read error, after the lines before the cut.
     */
    private static Opened plain(FileChannel ch, Path p) throws IOException {
        return readAhead(ch, Files.isRegularFile(p) ? ch.size() : -1);
    }

    /** At the end of a file: did it end before the size it had at open ({@code -1}: not a regular file)? */
    private static boolean shrank(FileChannel ch, long sizeAtOpen) {
        try {
            return ch.position() < sizeAtOpen && ch.size() < sizeAtOpen;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A plain file, read ahead by a helper thread into direct buffers (which saves the JDK's own temporary copy):
     * copying a file out of the page cache costs about a third of the time of scanning it, and the copy of the next
     * megabyte overlaps the scan of this one. The thread is a daemon and ends when the file is closed.
     */
    private static Opened readAhead(FileChannel ch, long sizeAtOpen) {
        java.util.concurrent.BlockingQueue<ByteBuffer> full = new java.util.concurrent.ArrayBlockingQueue<>(3);
        java.util.concurrent.BlockingQueue<ByteBuffer> empty = new java.util.concurrent.ArrayBlockingQueue<>(3);
        ByteBuffer end = ByteBuffer.allocate(0);
        for (int i = 0; i < 3; i++) {
            empty.add(ByteBuffer.allocateDirect(CHUNK));
        }
        IOException[] failure = new IOException[1];
        Thread reader = Thread.ofPlatform().daemon().name("disklog-read").unstarted(() -> {
            try {
                while (true) {
                    ByteBuffer buf = empty.take();
                    buf.clear();
                    int r;
                    try {
                        r = ch.read(buf);
                    } catch (IOException e) {
                        failure[0] = e;
                        r = -1;
                    }
                    if (r < 0) {
                        if (failure[0] == null && shrank(ch, sizeAtOpen)) {
                            failure[0] = new IOException("the file shrank while it was read");
                        }
                        full.put(end);
                        return;
                    }
                    buf.flip();
                    full.put(buf);
                }
            } catch (InterruptedException stop) {
                // closed before the end
            }
        });
        reader.start();
        return new Opened(null) {
            ByteBuffer cur;
            long pos;
            boolean eof;

            @Override
            int read(byte[] b, int off, int len) throws IOException {
                if (eof) {
                    return -1;
                }
                if (cur == null || !cur.hasRemaining()) {
                    if (cur != null) {
                        empty.add(cur);
                        cur = null;
                    }
                    try {
                        ByteBuffer next = full.take();
                        if (next == end) {
                            eof = true;
                            if (failure[0] != null) {
                                throw failure[0];
                            }
                            return -1;
                        }
                        cur = next;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted");
                    }
                }
                int n = Math.min(len, cur.remaining());
                cur.get(b, off, n);
                pos += n;
                return n;
            }

            @Override
            long position() {
                return pos;
            }

            @Override
            public void close() throws IOException {
                reader.interrupt();
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ch.close();
            }
        };
    }

    private static Opened stream(InputStream s, String format, AutoCloseable under) {
        FileChannel ch = under instanceof FileChannel f ? f : null;
        return new Opened(format) {
            long count;

            @Override
            int read(byte[] b, int off, int len) throws IOException {
                int r = s.read(b, off, len);
                if (r > 0) {
                    count += r;
                }
                return r;
            }

            @Override
            long position() {
                try {
                    return ch != null ? ch.position() : count;
                } catch (IOException e) {
                    return count;
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    s.close();
                } finally {
                    if (ch != null) {
                        ch.close();
                    }
                }
            }
        };
    }

    /** A one-line description of a read problem, for "input: problem". */
    static String describe(IOException e, String format) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String what = format == null ? "" : format + " ";
        if (e instanceof EOFException) {
            return "truncated " + what + "data; the lines before the cut were read";
        }
        if (e instanceof ZipException || e instanceof org.tukaani.xz.XZIOException) {
            return "corrupt " + what + "data (" + e.getMessage() + "); the lines before it were read";
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (format != null) {
            String low = msg.toLowerCase(java.util.Locale.ROOT);
            if (low.contains("truncat") || low.contains("unexpected end") || low.contains("premature")) {
                return "truncated " + what + "data; the lines before the cut were read";
            }
            return "corrupt " + what + "data (" + msg + "); the lines before it were read";
        }
        return "read error (" + msg + ")";
    }

    /**
     * True when the first bytes of an input are not text: more than 1 in 20 control characters (NUL runs from
     * a crash are not counted: rsyslog leaves them in logs, and the text around them is good), or nothing else.
     */
    static boolean looksBinary(byte[] b, int n) {
        int lim = Math.min(n, 1 << 16);
        int ctrl = 0;
        int text = 0;
        int nul = 0;
        for (int i = 0; i < lim; i++) {
            int v = b[i] & 0xff;
            if (v == 0) {
                nul++;
            } else if (v < 0x20 && v != '\t' && v != '\n' && v != '\r' && v != '\f' && v != 0x1b || v == 0x7f) {
                ctrl++;
            } else {
                text++;
            }
        }
        if (text == 0) {
            return ctrl > 0 || nul > 0 && nul == lim && lim == n;
        }
        return ctrl * 20 > text + ctrl;
    }
}
