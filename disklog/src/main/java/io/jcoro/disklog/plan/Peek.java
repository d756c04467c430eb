package io.jcoro.disklog.plan;

import io.jcoro.disklog.format.Envelope;
import io.jcoro.disklog.format.Envelopes;
import io.jcoro.disklog.format.Journal;
import io.jcoro.disklog.read.Binary;
import io.jcoro.disklog.read.Opening;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * A look at a file before the stream begins: what it is (the same file as another? the same content?), whether it
 * is text, and what its first lines say (the time they were logged, whether they name their host). Reads its first
 * {@link #HEAD} bytes (decompressed) and, for a plain file, its last {@link #HEAD}.
 *
 * @param fileKey     the file's identity on its file system (device and inode), or null
 * @param size        its size on disk
 * @param compression gzip, xz, zstd, bzip2, or null
 * @param head        its first bytes, decompressed (all of it for a small file)
 * @param tail        a plain file's last bytes (when it is bigger than the head), else null
 * @param binary      not a text log
 * @param first       the time of its first line that shows one ({@link Stamps}), or {@link Stamps#NONE}
 * @param last        a plain file's last line's time, or {@link Stamps#NONE}
 * @param namesHost   its lines' envelopes name their host
 * @param host        the host its first lines name, when they name one only; else null
 */
record Peek(Object fileKey, long size, String compression, byte[] head, byte[] tail, boolean binary, long first,
            long last, boolean namesHost, String host) {
    static final int HEAD = 64 * 1024;

    /** Looks at {@code p}; null when it cannot be opened (the reader reports why). */
    static Peek of(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            long mtime = a.lastModifiedTime().toMillis();
            try (FileChannel ch = FileChannel.open(p)) {
                byte[] raw = new byte[HEAD];
                int n = fill(ch, ByteBuffer.wrap(raw), 0);
                String compression = Opening.compression(raw, n);
                byte[] head;
                byte[] tail = null;
                if (compression == null) {
                    head = Arrays.copyOf(raw, n);
                    if (a.size() > HEAD) {
                        tail = new byte[HEAD];
                        tail = Arrays.copyOf(tail, fill(ch, ByteBuffer.wrap(tail), a.size() - HEAD));
                    }
                } else {
                    ch.position(0);
                    try (InputStream in = Opening.decompress(compression, Channels.newInputStream(ch))) {
                        head = in.readNBytes(HEAD);
                    } catch (IOException bad) {
                        head = new byte[0]; // the reader says what is wrong with it
                    }
                }
                boolean binary = head.length > 0 && Binary.input(head, head.length);
                Lines h = lines(head, true, mtime);
                Lines t = tail == null ? h : lines(tail, false, mtime);
                return new Peek(a.fileKey(), a.size(), compression, head, tail, binary, h.first, t.last, h.namesHost,
                        h.host);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int fill(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, at + b.position());
            if (r <= 0) {
                break;
            }
        }
        return b.position();
    }

    /** What a run of lines says: the first and last times shown, whether a host is named, which if only one. */
    private record Lines(long first, long last, boolean namesHost, String host) {
    }

    /** The first 200 lines of {@code b} (of a head) or its last lines (of a tail). */
    private static Lines lines(byte[] b, boolean fromStart, long mtime) {
        Envelope env = new Envelope();
        long first = Stamps.NONE;
        long last = Stamps.NONE;
        boolean host = false;
        String name = null;
        boolean several = false;
        int s = 0;
        if (!fromStart) {
            int nl = indexOf(b, 0); // the first line of a tail is cut
            s = nl < 0 ? b.length : nl + 1;
        }
        int seen = 0;
        while (s < b.length && (!fromStart || seen < 200)) {
            int e = indexOf(b, s);
            if (e < 0) {
                if (fromStart && b.length == HEAD) {
                    break; // cut by the end of the head
                }
                e = b.length;
            }
            if (e > s) {
                seen++;
                long t = Stamps.NONE;
                int m = Envelopes.parse(b, s, e, env);
                if (env.json) {
                    Journal.Fields f = Journal.parse(new String(b, s, e - s, StandardCharsets.UTF_8));
                    if (f != null) {
                        t = f.time().isEmpty() ? Stamps.NONE : Stamps.parse(f.time(), mtime);
                        host |= f.host() != null;
                        if (f.host() != null) {
                            several |= name != null && !name.equals(f.host());
                            name = f.host();
                        }
                    }
                } else {
                    if (env.timeStart >= 0) {
                        t = Stamps.parse(new String(b, env.timeStart, env.timeEnd - env.timeStart,
                                StandardCharsets.ISO_8859_1), mtime);
                    }
                    if (m >= 0 && env.hostStart >= 0) {
                        host = true;
                        String h = new String(b, env.hostStart, env.hostEnd - env.hostStart, StandardCharsets.UTF_8);
                        several |= name != null && !name.equals(h);
                        name = h;
                    }
                }
                if (t != Stamps.NONE) {
                    if (first == Stamps.NONE) {
                        first = t;
                    }
                    last = t;
                }
            }
            s = e + 1;
        }
        return new Lines(first, last, host, several ? null : name);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
