package io.jcoro.disklog.scan;

import static io.jcoro.disklog.read.Bytes.ascii;
import static io.jcoro.disklog.read.Bytes.hex;
import static io.jcoro.disklog.read.Bytes.indexOf;
import static io.jcoro.disklog.read.Bytes.startsWith;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import io.jcoro.Yielder;
import io.jcoro.disklog.family.Family;
import io.jcoro.disklog.family.Prefilter;
import io.jcoro.disklog.format.Dmesg;
import io.jcoro.disklog.format.Envelope;
import io.jcoro.disklog.format.Envelopes;
import io.jcoro.disklog.format.Journal;
import io.jcoro.disklog.read.Binary;
import io.jcoro.disklog.read.Chunk;
import io.jcoro.disklog.read.Input;
import io.jcoro.disklog.read.InputStats;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/*
 * The line scanner: the seed's match_regex, made to stream. It reads chunks of bytes, splits them into lines, takes
 * each line's envelope apart (any format, per line) and yields the lines whose message belongs to a kernel message
 * family. The correlator answers each line with an Attach: whether the lines right after it that have no prefix of
 * their own (ATA res lines, XFS hex dumps) belong to it.
 *
 * Hot path. Almost every line of a kernel log is of no interest, so a line costs: finding its newline (Newlines),
 * a few byte comparisons to skip the envelope, and a look-up of the message's first four bytes in the families'
 * hash table (Prefilter). Only lines that pass become Strings and Line objects, and only they cost a generator
 * switch (the yield). No regular expression runs here.
 *
 * Filter mode. Parallel runs the same per-line code on segments of a big file, on other threads: there is no
 * generator then, and a wanted line is copied into KeptLines (with its line number) instead of being yielded. The
 * scanner of the stream then reads those kept lines in order, as chunks whose lines carry their own numbers.
 */
public final class LineScanner {
    private final Yielder<Line, Attach> out;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final Envelope env = new Envelope();

    private Input input;
    private InputStats stats;
    private long lineNo;
    private long seq;
    /** Skipping the rest of a line longer than a whole buffer. */
    private boolean skipping;
    private long skippedLength;
    /** The correlator asked for the unprefixed lines that follow the last line yielded. */
    private boolean attaching;

    /** Filter mode (a worker of Parallel): wanted lines are copied here instead of being yielded. */
    private final KeptLines sink;
    /** Line numbers of the lines of a filtered chunk (-1 for a gap), and the number of the segment's first line. */
    private long[] numbers;
    private int numberIdx;
    private long lineBase;

    private LineScanner(Yielder<Line, Attach> out, KeptLines sink, InputStats stats) {
        this.out = out;
        this.sink = sink;
        this.stats = stats;
    }

    /**
     * The lines worth a look in the stream of chunks, in order. {@code chunks} is sent the number of bytes consumed
     * from each chunk it yields.
     */
    public static Generator<Line, Attach, Void> over(Generator<Chunk, Integer, Void> chunks) {
        return Generator.of(y -> new LineScanner(y, null, null).run(chunks));
    }

    /** A scanner in filter mode, for one segment of a file: keeps the lines the correlator may want, in order. */
    public static LineScanner filter(InputStats segment, KeptLines sink) {
        LineScanner s = new LineScanner(null, sink, segment);
        // unprefixed lines at the start of a segment may continue the last line of the one before: keep them,
        // the scanner that reads the segments in order knows whether they are wanted
        s.attaching = true;
        return s;
    }

    /** The lines read so far (filter mode: the segment's line count). */
    public long lines() {
        return lineNo;
    }

    private void run(Generator<Chunk, Integer, Void> chunks) {
        try (chunks) {
            Chunk c;
            try {
                c = chunks.next();
            } catch (StopIteration end) {
                return;
            }
            while (true) {
                if (c.input != input) {
                    input = c.input;
                    stats = c.stats;
                    lineNo = 0;
                    skipping = false;
                    attaching = false;
                }
                int consumed;
                if (c.quiet) {
                    Attach still = out.yield(Line.QUIET);
                    attaching = attaching && still == Attach.UNPREFIXED_LINES;
                    consumed = 0;
                } else if (c.numbers != null) {
                    // a segment filtered by a worker: its lines carry their own numbers, and were counted there
                    numbers = c.numbers;
                    numberIdx = 0;
                    lineBase = c.base;
                    consumed = scanKept(c);
                    numbers = null;
                } else {
                    long before = lineNo;
                    consumed = scan(c);
                    stats.lines += lineNo - before;
                }
                try {
                    c = chunks.send(consumed);
                } catch (StopIteration end) {
                    return;
                }
            }
        }
    }

    /**
     * The line loop, a slice of {@link #SLICE} bytes per call. Until C2 has compiled it, the vector API runs its Java
     * fallback, some fifteen times slower than the SWAR search, and one long loop is compiled only after tens of
     * thousands of back-edges, interpreted and then by C1: a filter worker's first 8 MB took 0.45 s. A method
     * called once a kilobyte is compiled sooner (0.33 s for the same 8 MB).
     */
    private static final int SLICE = 1024;
    /** Where {@link #lines} stopped searching. */
    private int sliceEnd;

    /**
     * The lines that end in {@code [i, end)}, {@link Newlines#STEP} bytes a step; returns the start of the next line.
     * Lines turned away by the quick path are only counted, in a local: the fields are written back around
     * {@link #line}, for the few lines that get a proper look.
     */
    private int lines(byte[] b, int ls, int i, int end) {
        boolean fast = numbers == null && !attaching;
        long no = lineNo;
        for (; i <= end - Newlines.STEP; i += Newlines.STEP) {
            long m = Newlines.mask(b, i);
            while (m != 0) {
                int nl = i + Long.numberOfTrailingZeros(m);
                if (fast && QuickPath.unwanted(b, ls, nl)) {
                    no++;
                } else {
                    lineNo = no;
                    line(b, ls, nl);
                    no = lineNo;
                    fast = numbers == null && !attaching;
                }
                ls = nl + 1;
                m &= m - 1;
            }
        }
        lineNo = no;
        sliceEnd = i;
        return ls;
    }

    /**
     * The lines a filter worker kept: few, and each with its number. A loop of its own, not {@link #scan}: sharing
     * scan's compiled code with the workers' raw segments made the JIT throw it away and compile it again as the two
     * kinds of chunk took turns (each deoptimising the code compiled for the other).
     */
    private int scanKept(Chunk c) {
        byte[] b = c.buf;
        int ls = 0;
        for (int i = 0; i < c.len; i++) {
            if (b[i] == '\n') {
                line(b, ls, i);
                ls = i + 1;
            }
        }
        return c.len;
    }

    /** Handles the complete lines in the chunk; returns the number of bytes consumed. */
    public int scan(Chunk c) {
        byte[] b = c.buf;
        int n = c.len;
        int ls = 0;
        if (skipping) {
            int nl = indexOf(b, (byte) '\n', 0, n);
            if (nl < 0) {
                skippedLength += n;
                return n;
            }
            skippedLength += nl;
            stats.longestLine = Math.max(stats.longestLine, skippedLength);
            skipping = false;
            ls = nl + 1;
        }
        int i = ls;
        while (i <= n - Newlines.STEP) {
            ls = lines(b, ls, i, Math.min(n, i + SLICE));
            i = sliceEnd;
        }
        return finish(c, ls, i);
    }

    /** The bytes after the last full step, and what a chunk's end means (its last line, or a line too long). */
    private int finish(Chunk c, int ls, int i) {
        byte[] b = c.buf;
        int n = c.len;
        for (; i < n; i++) {
            if (b[i] == '\n') {
                line(b, ls, i);
                ls = i + 1;
            }
        }
        if (c.last) {
            if (ls < n) {
                line(b, ls, n);
            }
            return n;
        }
        if (ls == 0 && n == b.length) {
            // No newline in a full buffer: a line longer than the buffer. Look at its start, skip the rest.
            line(b, 0, n);
            skipping = true;
            skippedLength = n;
            return n;
        }
        return ls;
    }

    private void line(byte[] b, int s, int e) {
        if (numbers != null) {
            long nr = numbers[numberIdx++];
            if (nr < 0) {
                attaching = false; // a gap: lines the worker dropped stood here
                return;
            }
            lineNo = lineBase + nr;
        } else {
            lineNo++;
        }
        if (e - s > InputStats.MAX_LINE) {
            stats.longLine(e - s, lineNo);
            e = s + InputStats.MAX_LINE;
        }
        if (e > s && b[e - 1] == '\r') {
            e--;
        }
        if (e <= s) {
            attaching = false;
            if (sink != null) {
                sink.gap();
            }
            return;
        }
        int m = b[s] == '[' ? Dmesg.fastMessage(b, s, e) : Dmesg.SLOW;
        if (m == Dmesg.SLOW) {
            m = Envelopes.parse(b, s, e, env);
            if (env.nulBytes > 0) {
                stats.nulBytes(env.nulBytes, lineNo);
            }
        }
        if (m < 0 || m >= e) {
            return;
        }
        if (attaching) {
            if (continuation(b, m, e)) {
                emit(b, s, e, null);
                return;
            }
            attaching = false;
            if (sink != null) {
                sink.gap();
            }
        }
        Family f = Prefilter.family(b, m, e);
        if (f != null) {
            emit(b, s, e, f);
        }
    }

    /** For tests of the quick path: does the usual path keep this line (with no wanted line just before it)? */
    public static boolean keptByFullLook(byte[] b, int s, int e) {
        KeptLines kept = new KeptLines();
        LineScanner m = filter(new InputStats(), kept);
        m.attaching = false;
        m.line(b, s, e);
        return kept.count > 0;
    }

    /** For tests of the quick path: does it turn this line away? */
    public static boolean quickUnwanted(byte[] b, int s, int e) {
        return QuickPath.unwanted(b, s, e);
    }

    private static final byte[][] CONTINUATIONS = {
        ascii("res "), ascii("Result: "), ascii("Sense Key"), ascii("Add. Sense"), ascii("CDB: "), ascii("ASC="),
        ascii("Descriptor sense"), ascii("Info fld"), ascii("<<vendor>>"), ascii("rw="),
    };

    /** A line with no prefix of its own: indented, a hex dump, or the tail of a split SCSI error. */
    static boolean continuation(byte[] b, int m, int e) {
        byte c = b[m];
        if (c == ' ' || c == '\t') {
            return true;
        }
        if (m + 9 < e && b[m + 8] == ':' && b[m + 9] == ' ') {
            int i = m;
            while (i < m + 8 && hex(b[i])) {
                i++;
            }
            if (i == m + 8) {
                return true;
            }
        }
        for (byte[] p : CONTINUATIONS) {
            if (startsWith(b, m, e, p)) {
                return true;
            }
        }
        return false;
    }

    private void emit(byte[] b, int s, int e, Family family) {
        if (sink != null) {
            // filter mode: keep the line (without NULs in front, already counted), and its followers, since
            // only the correlator knows whether it wants them; a gap marks where dropped lines stood
            int from = s;
            while (from < e && b[from] == 0) {
                from++;
            }
            sink.add(b, from, e, lineNo);
            attaching = true;
            return;
        }
        boolean continuation = family == null;
        int m = Envelopes.parse(b, s, e, env);
        s = env.body;
        // non-ASCII bytes are looked for here, in the few lines that become Strings, not in the scan
        boolean high = false;
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                high = true;
                break;
            }
        }
        if (Binary.line(b, s, e)) {
            stats.binaryLine(lineNo);
            attaching = false;
            return;
        }
        String text = decode(b, s, e, high);
        Line line;
        if (env.json) {
            Journal.Fields f = Journal.parse(text);
            if (f == null) {
                return;
            }
            line = new Line(input, lineNo, ++seq, text, family, f.message().strip(), f.time(), f.uptime(), f.bootId(),
                    host(f.host()), continuation);
        } else {
            int me = e;
            while (me > m && (b[me - 1] == ' ' || b[me - 1] == '\t')) {
                me--;
            }
            double up = env.uptime(b);
            String host = env.hostStart < 0 ? null : host(b, env.hostStart, env.hostEnd);
            if (!high && !env.uptimeInMicros) {
                // one byte, one char: the message and the time are slices of the text
                int t0 = env.timeStart < 0 ? -1 : env.timeStart - s;
                int t1 = env.timeStart < 0 ? -1 : env.timeEnd - s;
                line = new Line(input, lineNo, ++seq, text, family, m - s, me - s, t0, t1, up, host, continuation);
            } else {
                String message = new String(b, m, me - m, StandardCharsets.UTF_8);
                String time;
                if (env.timeStart >= 0) {
                    time = new String(b, env.timeStart, env.timeEnd - env.timeStart, StandardCharsets.ISO_8859_1).strip();
                } else if (env.uptimeInMicros) {
                    time = String.format("%.6f", up);
                } else {
                    time = "";
                }
                line = new Line(input, lineNo, ++seq, text, family, message, time, up, null, host, continuation);
            }
        }
        attaching = out.yield(line) == Attach.UNPREFIXED_LINES;
    }

    /**
     * The host named in {@code b[from, to)}, one String per host: the last one is compared as bytes first (most
     * logs name one host), then a map of those seen.
     */
    private String host(byte[] b, int from, int to) {
        byte[] last = lastHostBytes;
        if (last != null && to - from == last.length && java.util.Arrays.equals(b, from, to, last, 0, last.length)) {
            return lastHost;
        }
        String h = host(new String(b, from, to - from, StandardCharsets.UTF_8));
        lastHostBytes = java.util.Arrays.copyOfRange(b, from, to);
        lastHost = h;
        return h;
    }

    private String host(String h) {
        if (h == null) {
            return null;
        }
        String known = hosts.putIfAbsent(h, h);
        return known != null ? known : h;
    }

    private byte[] lastHostBytes;
    private String lastHost;
    private final java.util.Map<String, String> hosts = new java.util.HashMap<>();

    private String decode(byte[] b, int s, int e, boolean high) {
        if (!high) {
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
        try {
            strict.reset();
            return strict.decode(ByteBuffer.wrap(b, s, e - s)).toString();
        } catch (CharacterCodingException bad) {
            stats.invalidUtf8Line(lineNo);
            return new String(b, s, e - s, StandardCharsets.UTF_8);
        }
    }
}
