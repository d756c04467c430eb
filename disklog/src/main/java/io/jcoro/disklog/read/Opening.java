package io.jcoro.disklog.read;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opening an input: its compression, read from its first bytes and not its name (gzip and zstd, xz, bzip2), a
 * plain file read ahead by a helper thread, and one line for each way a read can fail.
 */
public final class Opening {
    private Opening() {
    }

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
    static Opened open(Input in, InputStats stats, InputStream stdin) {
        try {
            if (in.isStdin()) {
                BufferedInputStream s = new BufferedInputStream(new StickyEnd(stdin), 1 << 16);
                s.mark(8);
                byte[] magic = new byte[6];
                int n = 0;
                // one read: a terminal hands over a line (or Ctrl-D), a pipe a block; more only while what came
                // may still be the start of a compressed stream
                while (n < magic.length) {
                    int r = s.read(magic, n, magic.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                    if (!magicPrefix(magic, n)) {
                        break;
                    }
                }
                s.reset();
                String format = compression(magic, n);
                return stream(format == null ? s : decompress(format, s), format, s);
            }
            Path p = in.path();
            if (Files.isDirectory(p)) {
                stats.fail("is a directory");
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
                stats.fail(describe(e, format));
                return null;
            }
        } catch (IOException e) {
            stats.fail(describe(e, null));
            return null;
        }
    }

    /** {@code raw} decompressed, for a {@link #compression} format. */
    public static InputStream decompress(String format, InputStream raw) throws IOException {
        return switch (format) {
            case "gzip" -> new GZIPInputStream(raw, 1 << 16);
            case "xz" -> new XZInputStream(raw);
            case "zstd" -> new ZstdInputStream(raw);
            case "bzip2" -> new BZip2CompressorInputStream(raw, true);
            default -> throw new IllegalStateException(format);
        };
    }

    /**
     * Standard input that stays at its end once there: on a terminal each Ctrl-D ends one read, and reading again
     * after the end would wait for a second Ctrl-D.
     */
    private static final class StickyEnd extends java.io.FilterInputStream {
        private boolean ended;

        StickyEnd(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            int c = super.read();
            ended = c < 0;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            int r = super.read(b, off, len);
            ended = r < 0;
            return r;
        }

        @Override
        public int available() throws IOException {
            return ended ? 0 : super.available();
        }
    }

    private static final byte[][] MAGIC = {
        {0x1f, (byte) 0x8b}, {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, {'B', 'Z', 'h'},
    };

    /** Are the {@code n} bytes a proper beginning of a compressed stream's magic? */
    private static boolean magicPrefix(byte[] b, int n) {
        for (byte[] m : MAGIC) {
            if (n < m.length && java.util.Arrays.equals(b, 0, n, m, 0, n)) {
                return true;
            }
        }
        return false;
    }

    static String compression(FileChannel ch) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(6);
        while (head.hasRemaining() && ch.read(head) > 0) {
            // a file shorter than 6 bytes is plain text
        }
        ch.position(0);
        return compression(head.array(), head.position());
    }

    /** The compression a file's first bytes announce, or null for plain text. */
    public static String compression(byte[] m, int n) {
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
     * measured slower than reading, one thread or two (docs/performance-disklog.md, "Tried"). A regular file that
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
            empty.add(ByteBuffer.allocateDirect(Sources.CHUNK));
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
    public static String describe(IOException e, String format) {
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

}
