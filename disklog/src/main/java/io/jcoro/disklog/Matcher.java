package io.jcoro.disklog;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import io.jcoro.Yielder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/*
 * The matcher: the seed's match_regex, made to stream. It reads chunks of bytes, splits them into lines, takes
 * each line's envelope apart (dmesg, syslog, journalctl, RFC 5424, /dev/kmsg, the seed's bare lines: detected per
 * line) and yields the lines whose message starts with a prefix the correlator cares about. The correlator
 * answers each line with a Steer: whether the lines right after it that have no prefix of their own (ATA res
 * lines, XFS hex dumps) belong to it.
 *
 * Hot path. Almost every line of a kernel log is of no interest, so a line costs: finding its newline (sixteen
 * bytes a step, SWAR), a few byte comparisons to skip the envelope, and a look-up of the message's first four bytes
 * in a small hash table of the prefixes handled. Only lines that pass become Strings and Line objects, and only
 * they cost a generator switch (the yield). No regular expression runs here.
 *
 * Filter mode. Parallel runs the same per-line code on segments of a big file, on other threads: there is no
 * generator then, and a wanted line is copied into a Compact (with its line number) instead of being yielded.
 * This matcher then reads those compacts in order, as chunks whose lines carry their own numbers.
 */
final class Matcher {
    /** Bytes of one line that are looked at; the rest of a longer line is skipped (and reported). */
    static final int MAX_LINE = 64 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NL = 0x0a0a0a0a0a0a0a0aL;
    private static final long LO = 0x0101010101010101L;
    private static final long HI = 0x8080808080808080L;
    private static final long SEVENS = 0x7f7f7f7f7f7f7f7fL;

    private final Yielder<Line, Steer> out;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private Input input;
    private long lineNo;
    private long seq;
    /** Skipping the rest of a line longer than a whole buffer. */
    private boolean skipping;
    private long skippedLength;
    /** The correlator asked for continuation lines of the last line yielded. */
    private boolean cont;

    // The envelope of the current line: positions in the buffer, -1 when absent.
    private int tFrom;
    private int tTo;
    private int uFrom;
    private int uTo;
    private boolean kmsg;
    private boolean json;
    /** Where the line starts once NUL bytes in front of it are skipped. */
    private int body;
    /** emit() takes the envelope apart a second time: what the first time counted is not counted again. */
    private boolean reparsing;

    /** Filter mode (a worker of {@link Parallel}): wanted lines are copied here instead of being yielded. */
    private final Compact sink;
    /** Line numbers of the lines of a filtered chunk (-1 for a gap), and the number of the segment's first line. */
    private long[] numbers;
    private int numberIdx;
    private long lineBase;

    private Matcher(Yielder<Line, Steer> out) {
        this.out = out;
        this.sink = null;
    }

    /** A matcher in filter mode, for one segment of a file: keeps the lines the correlator may want, in order. */
    Matcher(Input segment, Compact sink) {
        this.out = null;
        this.sink = sink;
        this.input = segment;
        // unprefixed lines at the start of a segment may continue the last line of the one before: keep them,
        // the matcher that reads the segments in order knows whether they are wanted
        this.cont = true;
    }

    /** The lines read so far (filter mode: the segment's line count). */
    long lines() {
        return lineNo;
    }

    /**
     * The lines worth a look in the stream of chunks, in order. {@code chunks} is sent the number of bytes consumed
     * from each chunk it yields.
     */
    static Generator<Line, Steer, Void> over(Generator<Chunk, Integer, Void> chunks) {
        return Generator.of(y -> new Matcher(y).run(chunks));
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
                    lineNo = 0;
                    skipping = false;
                    cont = false;
                }
                int consumed;
                if (c.numbers != null) {
                    // a segment filtered by a worker: its lines carry their own numbers, and were counted there
                    numbers = c.numbers;
                    numberIdx = 0;
                    lineBase = c.base;
                    consumed = scanKept(c);
                    numbers = null;
                } else {
                    long before = lineNo;
                    consumed = scan(c);
                    input.lines += lineNo - before;
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
     * The newline search of the JDK's vector API, when it is there ({@code --add-modules jdk.incubator.vector}):
     * {@link VectorNewlines#STEP} bytes a step; otherwise 0 and {@link #lines} searches two SWAR words a step.
     * {@code -Ddisklog.vector=false} turns it off.
     */
    static final int VECTOR_STEP = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("disklog.vector")) ? VectorNewlines.STEP : 0;

    /** Bytes per step of the line-end search: the vector API's, or sixteen (two SWAR words). */
    static final int STEP = VECTOR_STEP > 0 ? VECTOR_STEP : 16;
    /** Gathers the high bit of each byte of a word into one byte, in byte order (no two products overlap). */
    private static final long GATHER = 0x0102040810204080L;

    /** Bit k set when {@code b[i + k]} is a newline, for k below {@link #STEP}. */
    static long newlines(byte[] b, int i) {
        if (VECTOR_STEP > 0) {
            return VectorNewlines.mask(b, i);
        }
        return swarNewlines(b, i) | swarNewlines(b, i + 8) << 8;
    }

    /** The newlines of the eight bytes at {@code i}, bit k for {@code b[i + k]}. */
    private static long swarNewlines(byte[] b, int i) {
        long x = (long) LONGS.get(b, i) ^ NL;
        // exactly the zero bytes of x: the shorter (x - LO) & ~x & HI also flags a 0x0b right after a newline (the
        // borrow), harmless where only the lowest bit counts, not here, where every bit is a line end
        long high = ~(((x & SEVENS) + SEVENS) | x | SEVENS);
        return (high >>> 7) * GATHER >>> 56;
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
     * The lines that end in {@code [i, end)}, {@link #STEP} bytes a step; returns the start of the next line. Lines
     * turned away by the quick test are only counted, in a local: the fields are written back around {@link #line},
     * for the few lines that get a proper look.
     */
    private int lines(byte[] b, int ls, int i, int end) {
        boolean fast = numbers == null && !cont;
        long no = lineNo;
        for (; i <= end - STEP; i += STEP) {
            long m = newlines(b, i);
            while (m != 0) {
                int nl = i + Long.numberOfTrailingZeros(m);
                if (fast && quickUnwanted(b, ls, nl)) {
                    no++;
                } else {
                    lineNo = no;
                    line(b, ls, nl);
                    no = lineNo;
                    fast = numbers == null && !cont;
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
     * The lines a {@link Parallel} worker kept: few, and each with its number. A loop of its own, not {@link #scan}:
     * sharing scan's compiled code with the workers' raw segments made the JIT throw it away and compile it again
     * as the two kinds of chunk took turns (each deoptimising the code compiled for the other).
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
    int scan(Chunk c) {
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
            input.longestLine = Math.max(input.longestLine, skippedLength);
            skipping = false;
            ls = nl + 1;
        }
        int i = ls;
        while (i <= n - STEP) {
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
                cont = false; // a gap: lines the worker dropped stood here
                return;
            }
            lineNo = lineBase + nr;
        } else {
            lineNo++;
        }
        if (e - s > MAX_LINE) {
            input.longLines++;
            if (input.firstLongLine == 0) {
                input.firstLongLine = lineNo;
            }
            input.longestLine = Math.max(input.longestLine, e - s);
            e = s + MAX_LINE;
        }
        if (e > s && b[e - 1] == '\r') {
            e--;
        }
        if (e <= s) {
            cont = false;
            if (sink != null) {
                sink.gap();
            }
            return;
        }
        int m = b[s] == '[' ? dmesgFast(b, s, e) : envelope(b, s, e);
        if (m < 0 || m >= e) {
            return;
        }
        if (cont) {
            if (continuation(b, m, e)) {
                emit(b, s, e, true);
                return;
            }
            cont = false;
            if (sink != null) {
                sink.gap();
            }
        }
        if (interesting(b, m, e)) {
            emit(b, s, e, false);
        }
    }

    /**
     * True when the line certainly is of no interest, decided from its first bytes without the bookkeeping of
     * {@link #line}: a plain dmesg line of 32 bytes or more, or a bare message of 8 bytes or more (the seed's lines,
     * which start with a lower-case letter, or with a capital not followed by a syslog date's space); never a line
     * longer than {@link #MAX_LINE}. Short bare lines count: a sixth of the seed-format log's lines are 22 bytes.
     */
    static boolean quickUnwanted(byte[] b, int s, int e) {
        int length = e - s;
        if (length < 8 || length > MAX_LINE) {
            return false;
        }
        byte c = b[s];
        if (c == '[') {
            return length >= 32 && plainDmesgUnwanted(b, s, e);
        }
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' && b[s + 3] != ' ') {
            int head = (int) INTS.get(b, s);
            return PREFIXES[(head * PREFIX_HASH) >>> (32 - PREFIX_BITS)] != head || !prefixed(b, s, e);
        }
        return false;
    }

    /** For tests of the quick path: does the usual path keep this line (with no wanted line just before it)? */
    static boolean keptByFullLook(byte[] b, int s, int e) {
        Compact kept = new Compact();
        Matcher m = new Matcher(new Input("line", null), kept);
        m.cont = false;
        m.line(b, s, e);
        return kept.count > 0;
    }

    /**
     * The hottest path: most lines of most logs are {@code [sssss.uuuuuu] message} lines that nobody wants. True
     * when this line certainly is one: its message starts with no handled prefix and is not a journalctl
     * short-monotonic line ({@code host kernel: message}). False means "look properly" (the usual path below),
     * never "wanted". Reads at most the first 48 bytes of a line of 32 bytes or more.
     */
    private static boolean plainDmesgUnwanted(byte[] b, int s, int e) {
        // (split in small methods: C2 inlines each into the scan loop, but not one method over 325 bytecodes)
        int m = plainDmesgMessage(b, s, e);
        if (m < 0) {
            return false;
        }
        long w = (long) LONGS.get(b, m);
        if (kernelWord(b, m, e, w) >= 0) {
            return false;
        }
        int head = (int) w;
        return PREFIXES[(head * PREFIX_HASH) >>> (32 - PREFIX_BITS)] != head || !prefixed(b, m, e);
    }

    /** Where the message of {@code [sssss.uuuuuu] message} starts (at least 16 bytes before e), or -1. */
    private static int plainDmesgMessage(byte[] b, int s, int e) {
        int close;
        if (b[s + 13] == ']' && b[s + 6] == '.') {
            close = s + 13; // "[%5lu.%06lu]", the kernel's own format, until 100000 s of uptime
        } else {
            close = timeClose(b, s);
            if (close < 0) {
                return -1;
            }
        }
        int m = close + 2;
        return b[close + 1] == ' ' && m + 16 <= e ? m : -1;
    }

    /**
     * journalctl -o short-monotonic, {@code [  123.456789] host kernel: message}: where {@code " kernel:"} starts, if
     * it follows the first word of the sixteen bytes at {@code m} (the first eight are {@code w}); -1 otherwise. A
     * hostname longer than fifteen bytes is not looked for.
     */
    private static int kernelWord(byte[] b, int m, int e, long w) {
        long x = w ^ SPACES;
        long hit = (x - LO) & ~x & HI;
        int sp;
        if (hit != 0) {
            sp = m + (Long.numberOfTrailingZeros(hit) >>> 3);
        } else {
            x = (long) LONGS.get(b, m + 8) ^ SPACES;
            hit = (x - LO) & ~x & HI;
            if (hit == 0) {
                return -1;
            }
            sp = m + 8 + (Long.numberOfTrailingZeros(hit) >>> 3);
        }
        return sp > m && sp + 8 <= e && (long) LONGS.get(b, sp) == SP_KERNEL ? sp : -1;
    }

    /** The message start past {@code host kernel: } when the line is short-monotonic (see {@link #kernelWord}). */
    private static int monotonic(byte[] b, int m, int e) {
        int k = kernelWord(b, m, e, (long) LONGS.get(b, m));
        if (k < 0) {
            return m;
        }
        m = k + 8;
        if (m < e && b[m] == ' ') {
            m++;
        }
        return m;
    }

    /**
     * The {@code ']'} closing a time field {@code [sssss.uuuuuu]} at {@code s}: the first {@code ']'} of
     * {@code b[s+9, s+17)}, with none before it and a {@code '.'} seven bytes before it; -1 otherwise.
     */
    private static int timeClose(byte[] b, int s) {
        long x0 = (long) LONGS.get(b, s + 1) ^ BRACKETS;
        long x1 = (long) LONGS.get(b, s + 9) ^ BRACKETS;
        long h0 = (x0 - LO) & ~x0 & HI;
        long h1 = (x1 - LO) & ~x1 & HI;
        if (h0 != 0 || h1 == 0) {
            return -1;
        }
        int close = s + 9 + (Long.numberOfTrailingZeros(h1) >>> 3);
        return b[close - 7] == '.' ? close : -1;
    }

    /**
     * The hot path for dmesg lines, {@code [sssss.uuuuuu] message}: the message start, with no bookkeeping (the
     * envelope is taken apart again, fully, for the rare line that is emitted). Anything unusual goes the slow way.
     */
    private int dmesgFast(byte[] b, int s, int e) {
        if (s + 17 > e) {
            return envelope(b, s, e);
        }
        int close = timeClose(b, s);
        if (close < 0 || close + 1 >= e || b[close + 1] == '[') {
            return envelope(b, s, e);
        }
        int m = close + 1;
        if (b[m] == ' ') {
            m++;
        }
        return m + 16 <= e ? monotonic(b, m, e) : m;
    }

    private void emit(byte[] b, int s, int e, boolean continuation) {
        if (sink != null) {
            // filter mode: keep the line (without NULs in front, already counted), and its followers, since
            // only the correlator knows whether it wants them; a gap marks where dropped lines stood
            int from = s;
            while (from < e && b[from] == 0) {
                from++;
            }
            sink.add(b, from, e, lineNo);
            cont = true;
            return;
        }
        reparsing = true;
        int m = envelope(b, s, e);
        reparsing = false;
        s = body;
        // non-ASCII bytes are looked for here, in the few lines that become Strings, not in the scan
        boolean high = false;
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                high = true;
                break;
            }
        }
        if (binary(b, s, e)) {
            input.binaryLines++;
            if (input.firstBinaryLine == 0) {
                input.firstBinaryLine = lineNo;
            }
            cont = false;
            return;
        }
        String text = decode(b, s, e, high);
        Line line;
        if (json) {
            Journal.Fields f = Journal.parse(text);
            if (f == null) {
                return;
            }
            line = new Line(input, lineNo, ++seq, text, f.message().strip(), f.time(), f.uptime(), f.bootId(), continuation);
        } else {
            int me = e;
            while (me > m && (b[me - 1] == ' ' || b[me - 1] == '\t')) {
                me--;
            }
            double up = uFrom >= 0 ? uptime(b, uFrom, uTo, kmsg) : Double.NaN;
            if (!high && !kmsg) {
                // one byte, one char: the message and the time are slices of the text
                int t0 = tFrom < 0 ? -1 : tFrom - s;
                int t1 = tFrom < 0 ? -1 : tTo - s;
                line = new Line(input, lineNo, ++seq, text, m - s, me - s, t0, t1, up, continuation);
            } else {
                String message = new String(b, m, me - m, StandardCharsets.UTF_8);
                String time;
                if (tFrom >= 0) {
                    time = new String(b, tFrom, tTo - tFrom, StandardCharsets.ISO_8859_1).strip();
                } else if (kmsg) {
                    time = String.format("%.6f", up);
                } else {
                    time = "";
                }
                line = new Line(input, lineNo, ++seq, text, message, time, up, null, continuation);
            }
        }
        cont = out.yield(line) == Steer.CONTINUATION;
    }

    private String decode(byte[] b, int s, int e, boolean high) {
        if (!high) {
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
        try {
            strict.reset();
            return strict.decode(ByteBuffer.wrap(b, s, e - s)).toString();
        } catch (CharacterCodingException bad) {
            input.invalidUtf8Lines++;
            if (input.firstInvalidUtf8Line == 0) {
                input.firstInvalidUtf8Line = lineNo;
            }
            return new String(b, s, e - s, StandardCharsets.UTF_8);
        }
    }

    /** A line with NUL or other control bytes (not tab, not ESC) in it is binary data, not a log line. */
    private static boolean binary(byte[] b, int s, int e) {
        int bad = 0;
        for (int i = s; i < e; i++) {
            int v = b[i] & 0xff;
            if (v < 0x20 && v != '\t' && v != 0x1b && v != '\f' && v != '\r' || v == 0x7f) {
                if (v == 0) {
                    return true;
                }
                bad++;
            }
        }
        return bad > 2;
    }

    // ---------------------------------------------------------------- envelopes

    /** Takes the envelope off; returns the message start, or -1 for a line that is not a kernel message. */
    private int envelope(byte[] b, int s, int e) {
        tFrom = -1;
        tTo = -1;
        uFrom = -1;
        uTo = -1;
        kmsg = false;
        json = false;
        body = s;
        byte c = b[s];
        if (c == 0) {
            int t = s;
            while (t < e && b[t] == 0) {
                t++;
            }
            if (!reparsing) {
                input.nulBytes += t - s;
                if (input.firstNulLine == 0) {
                    input.firstNulLine = lineNo;
                }
            }
            if (t >= e) {
                return -1;
            }
            s = t;
            body = s;
            c = b[s];
        }
        if (c == '[') {
            return dmesg(b, s, e);
        }
        if (c == '<') {
            return pri(b, s, e);
        }
        if (c == '{') {
            return journalJson(b, s, e);
        }
        if (c >= 'A' && c <= 'Z') {
            return upper(b, s, e);
        }
        if (c >= '0' && c <= '9') {
            return digit(b, s, e);
        }
        return s;
    }

    /** dmesg: {@code [  12.345678] }, {@code -T}/{@code -H} dates, the caller field, journalctl short-monotonic. */
    private int dmesg(byte[] b, int s, int e) {
        // Fast path, the common case: "[sssss.uuuuuu] " with the ']' in the first 16 bytes, found 8 at a time.
        int close = -1;
        if (s + 17 <= e) {
            long w = (long) LONGS.get(b, s + 1);
            long x = w ^ BRACKETS;
            long hit = (x - LO) & ~x & HI;
            if (hit != 0) {
                close = s + 1 + (Long.numberOfTrailingZeros(hit) >>> 3);
            } else {
                w = (long) LONGS.get(b, s + 9);
                x = w ^ BRACKETS;
                hit = (x - LO) & ~x & HI;
                if (hit != 0) {
                    close = s + 9 + (Long.numberOfTrailingZeros(hit) >>> 3);
                }
            }
        }
        if (close < 0) {
            close = indexOf(b, (byte) ']', s + 1, Math.min(e, s + 64));
            if (close < 0) {
                return s;
            }
        }
        int m = close + 1;
        tFrom = s + 1;
        tTo = close;
        if (close - 7 > s && b[close - 7] == '.') {
            // seconds.micros: an uptime (spaces before it are stripped when it is parsed)
            uFrom = s + 1;
            uTo = close;
        } else if (close - 7 > s && b[close - 7] == ',') {
            // dmesg -e relative time "[  +0,000508]": a time to show, not an uptime
        } else {
            int i = s + 1;
            while (i < close && b[i] == ' ') {
                i++;
            }
            if ((b[i] == 'T' || b[i] == 'C') && i + 1 < close && digit(b[i + 1])) {
                tFrom = -1; // "[  T101]": the caller field alone, no time
                tTo = -1;
            }
        }
        m = afterCallerField(b, m, e);
        if (uFrom >= 0 && m + 16 <= e) {
            m = monotonic(b, m, e);
        }
        return m;
    }

    private static final long BRACKETS = 0x5d5d5d5d5d5d5d5dL;
    private static final long SPACES = 0x2020202020202020L;
    /** " kernel" as a little-endian long. */
    private static final long SP_KERNEL = ByteBuffer.wrap(" kernel".concat(":").getBytes(StandardCharsets.US_ASCII), 0, 8)
            .order(ByteOrder.LITTLE_ENDIAN).getLong();

    /** Past an optional caller field ({@code [ T1234]}, CONFIG_PRINTK_CALLER) and one space. */
    private static int afterCallerField(byte[] b, int m, int e) {
        if (m < e && b[m] == '[') {
            int c2 = indexOf(b, (byte) ']', m + 1, Math.min(e, m + 16));
            if (c2 > 0) {
                m = c2 + 1;
            }
        }
        if (m < e && b[m] == ' ') {
            m++;
        }
        return m;
    }

    /** {@code <3>}: dmesg -r, RFC 5424, or BSD syslog over the network. */
    private int pri(byte[] b, int s, int e) {
        int i = s + 1;
        while (i < e && i < s + 5 && digit(b[i])) {
            i++;
        }
        if (i == s + 1 || i >= e || b[i] != '>') {
            return s;
        }
        int r = i + 1;
        if (r >= e) {
            return -1;
        }
        if (b[r] == '[') {
            return dmesg(b, r, e);
        }
        if (r + 1 < e && digit(b[r]) && b[r + 1] == ' ') {
            return rfc5424(b, r + 2, e);
        }
        if (b[r] >= 'A' && b[r] <= 'Z') {
            int m = syslog(b, r, e);
            if (m != NOT_SYSLOG) {
                return m;
            }
        }
        return r;
    }

    /** RFC 5424 after the version: TIMESTAMP HOST APP PROCID MSGID SD MSG, for APP {@code kernel}. */
    private int rfc5424(byte[] b, int p, int e) {
        int t1 = indexOf(b, (byte) ' ', p, e);
        int h1 = t1 < 0 ? -1 : indexOf(b, (byte) ' ', t1 + 1, e);
        if (h1 < 0) {
            return -1;
        }
        tFrom = p;
        tTo = t1;
        if (!startsWith(b, h1 + 1, e, KERNEL_SP)) {
            return -1;
        }
        int pr = h1 + 1 + KERNEL_SP.length;
        int p1 = indexOf(b, (byte) ' ', pr, e);
        int m1 = p1 < 0 ? -1 : indexOf(b, (byte) ' ', p1 + 1, e);
        if (m1 < 0 || m1 + 1 >= e) {
            return -1;
        }
        int sd = m1 + 1;
        int m;
        if (b[sd] == '-') {
            m = sd + 1;
        } else if (b[sd] == '[') {
            m = sd;
            while (m < e && b[m] == '[') {
                m++;
                while (m < e && b[m] != ']') {
                    if (b[m] == '\\') {
                        m++;
                    }
                    m++;
                }
                m++;
            }
        } else {
            return -1;
        }
        if (m < e && b[m] == ' ') {
            m++;
        }
        if (m + 2 < e && (b[m] & 0xff) == 0xEF && (b[m + 1] & 0xff) == 0xBB && (b[m + 2] & 0xff) == 0xBF) {
            m += 3;
        }
        return uptimeBracket(b, m, e);
    }

    private static final int NOT_SYSLOG = Integer.MIN_VALUE;

    private int upper(byte[] b, int s, int e) {
        int m = syslog(b, s, e);
        if (m != NOT_SYSLOG) {
            return m;
        }
        // "Sat May 11 14:45:54 2024 kern.info kernel: ..." (OpenWrt logread) and other weekday-first dates
        if (e - s > 20 && b[s + 3] == ' ' && b[s + 4] >= 'A' && b[s + 4] <= 'Z' && b[s + 7] == ' ') {
            return generic(b, s, e);
        }
        return s;
    }

    /** Classic syslog: {@code Mmm dd hh:mm:ss[.uuuuuu] host kernel: [uptime] message}. */
    private int syslog(byte[] b, int s, int e) {
        if (e - s < 20 || b[s + 3] != ' ' || b[s + 6] != ' ' || b[s + 9] != ':' || b[s + 12] != ':'
                || b[s + 1] < 'a' || b[s + 1] > 'z' || b[s + 2] < 'a' || b[s + 2] > 'z') {
            return NOT_SYSLOG;
        }
        int p = s + 15;
        if (b[p] == '.') {
            p++;
            while (p < e && digit(b[p])) {
                p++;
            }
        }
        if (p >= e || b[p] != ' ') {
            return NOT_SYSLOG;
        }
        tFrom = s;
        tTo = p;
        return afterHost(b, p + 1, e);
    }

    /** {@code host kernel: [uptime] message}; -1 when the program is not the kernel. */
    private int afterHost(byte[] b, int h, int e) {
        int sp = indexOf(b, (byte) ' ', h, Math.min(e, h + 256));
        if (sp < 0 || !startsWith(b, sp + 1, e, KERNEL_COLON)) {
            return -1;
        }
        int m = sp + 1 + KERNEL_COLON.length;
        if (m < e && b[m] == ' ') {
            m++;
        }
        return uptimeBracket(b, m, e);
    }

    /** An optional {@code [  uptime]} (and caller field) before the message. */
    private int uptimeBracket(byte[] b, int m, int e) {
        if (m < e && b[m] == '[') {
            int close = indexOf(b, (byte) ']', m + 1, Math.min(e, m + 32));
            if (close > 0) {
                int i = m + 1;
                while (i < close && b[i] == ' ') {
                    i++;
                }
                if (i < close && digit(b[i])) {
                    uFrom = i;
                    uTo = close;
                    m = afterCallerField(b, close + 1, e);
                }
            }
        }
        return m;
    }

    /** Lines starting with a digit: /dev/kmsg records, ISO dates, or bare messages. */
    private int digit(byte[] b, int s, int e) {
        int i = s;
        while (i < e && digit(b[i])) {
            i++;
        }
        if (i < e && b[i] == ',' && i - s <= 3) {
            // /dev/kmsg: "prio,seq,usec,flags;message"
            int c1 = indexOf(b, (byte) ',', i + 1, Math.min(e, i + 24));
            int c2 = c1 < 0 ? -1 : indexOf(b, (byte) ',', c1 + 1, Math.min(e, c1 + 24));
            int semi = c2 < 0 ? -1 : indexOf(b, (byte) ';', c2 + 1, Math.min(e, c2 + 16));
            if (semi > 0) {
                uFrom = c1 + 1;
                uTo = c2;
                kmsg = true;
                return semi + 1;
            }
            return s;
        }
        if (i - s == 4 && i < e && b[i] == '-' && s + 20 < e) {
            if (b[s + 10] == 'T') {
                int sp = indexOf(b, (byte) ' ', s + 10, Math.min(e, s + 48));
                if (sp > 0) {
                    tFrom = s;
                    tTo = sp;
                    return afterHost(b, sp + 1, e);
                }
            } else if (b[s + 10] == ' ' && b[s + 13] == ':' && b[s + 19] == ' ') {
                tFrom = s;
                tTo = s + 19;
                return afterHost(b, s + 20, e);
            }
        }
        return generic(b, s, e);
    }

    /** Any other envelope that ends in {@code kernel:} (SONiC, Anaconda) or {@code kern: level:} (Talos). */
    private int generic(byte[] b, int s, int e) {
        int lim = Math.min(e, s + 200) - 5;
        for (int i = s; i < lim; i++) {
            if (b[i] != 'k' || b[i + 1] != 'e' || b[i + 2] != 'r' || b[i + 3] != 'n' || i > s && b[i - 1] != ' ') {
                continue;
            }
            if (b[i + 4] == 'e' && b[i + 5] == 'l' && i + 6 < e && b[i + 6] == ':') {
                tFrom = s;
                tTo = Math.max(s, i - 1);
                int m = i + 7;
                if (m < e && b[m] == ' ') {
                    m++;
                }
                return uptimeBracket(b, m, e);
            }
            if (b[i + 4] == ':') {
                int m = i + 5;
                while (m < e && b[m] == ' ') {
                    m++;
                }
                int colon = indexOf(b, (byte) ':', m, Math.min(e, m + 12));
                if (colon < 0) {
                    return s;
                }
                m = colon + 1;
                while (m < e && b[m] == ' ') {
                    m++;
                }
                if (m < e && b[m] == '[') {
                    int close = indexOf(b, (byte) ']', m + 1, Math.min(e, m + 48));
                    if (close > 0) {
                        tFrom = m + 1;
                        tTo = close;
                        m = close + 1;
                        if (m < e && b[m] == ':') {
                            m++;
                        }
                        if (m < e && b[m] == ' ') {
                            m++;
                        }
                    }
                }
                return m;
            }
        }
        return s;
    }

    /** journalctl -o json: the message starts inside the MESSAGE string; the line is parsed for real in emit. */
    private int journalJson(byte[] b, int s, int e) {
        int k = indexOf(b, MESSAGE_KEY, s, e);
        if (k < 0) {
            return -1;
        }
        int m = k + MESSAGE_KEY.length;
        while (m < e && (b[m] == ' ' || b[m] == ':')) {
            m++;
        }
        if (m >= e || b[m] != '"') {
            // MESSAGE as an array of bytes (not UTF-8): let the parser decide
            json = true;
            return m;
        }
        json = true;
        return m + 1;
    }

    // ---------------------------------------------------------------- the pre-filter

    private static final byte[] KERNEL_COLON = ascii("kernel:");
    private static final byte[] KERNEL_SP = ascii("kernel ");
    private static final byte[] MESSAGE_KEY = ascii("\"MESSAGE\"");

    private static final byte[] SD = ascii("sd ");
    private static final byte[] SCSI = ascii("scsi ");
    private static final byte[] ATA = ascii("ata");
    private static final byte[] NVME = ascii("nvme");
    private static final byte[] XFS = ascii("XFS");
    private static final byte[] EXT = ascii("EXT");
    private static final byte[] BTRFS = ascii("BTRFS");
    private static final byte[] BUFFER = ascii("Buffer I/O error");
    private static final byte[] JBD2 = ascii("JBD2");
    private static final byte[] ABORTING = ascii("Aborting journal");
    private static final byte[] MD = ascii("md");
    private static final byte[] BLK = ascii("blk_");
    private static final byte[] BUFFER_IO = ascii("buffer_io_error");
    private static final byte[] BTRFS_STAT = ascii("btrfs_dev_stat");
    private static final byte[] END_REQUEST = ascii("end_request");
    private static final byte[] PRINT_REQ = ascii("print_req_error");
    private static final byte[] PROTECTION = ascii("protection error, dev");
    private static final byte[] IO_ERROR = ascii("I/O error, dev");
    private static final byte[] CRITICAL = ascii("critical ");
    private static final byte[] TIMEOUT = ascii("timeout error, dev");
    private static final byte[] RECOVERABLE = ascii("recoverable transport error");
    private static final byte[] USB = ascii("usb");
    private static final byte[] DM_MULTIPATH = ascii("device-mapper: multipath: ");
    private static final byte[] LINUX = ascii("Linux version ");
    private static final byte[] BOOT = ascii("-- Boot ");
    private static final byte[] REBOOT = ascii("-- Reboot --");

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int PREFIX_BITS = 9;
    /**
     * The first four bytes of every message prefix {@link #interesting} accepts, in a table indexed by a
     * multiplicative hash: a line whose first four bytes are not in their slot cannot be of interest.
     */
    private static final int[] PREFIX_HEADS = heads(
            "scsi", "nvme", "XFS ", "XFS:", "XFS(", "EXT4", "EXT3", "EXT2", "BTRF", "Buff", "JBD2", "Abor", "md/r", "md: ",
            "blk_", "buff", "btrf", "end_", "prin", "prot", "I/O ", "crit", "time", "reco", "usb ", "usb-", "Linu",
            "-- B", "-- R", "devi");
    /** An odd multiplier under which the heads fall in distinct slots (found once, at class initialisation). */
    private static final int PREFIX_HASH = multiplier(PREFIX_HEADS);
    private static final int[] PREFIXES = table(PREFIX_HEADS, PREFIX_HASH);

    private static int[] heads(String... fixed) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(fixed));
        for (char d = '0'; d <= '9'; d++) {
            all.add("sd " + d);
            all.add("ata" + d);
            all.add("md" + d + ":");
            all.add("md1" + d);
        }
        int[] heads = new int[all.size()];
        for (int i = 0; i < heads.length; i++) {
            byte[] v = ascii(all.get(i));
            heads[i] = (v[0] & 0xff) | (v[1] & 0xff) << 8 | (v[2] & 0xff) << 16 | (v[3] & 0xff) << 24;
        }
        return heads;
    }

    private static int multiplier(int[] heads) {
        for (int k = 0; ; k++) {
            int mul = 0x9E3779B1 + 2 * k;
            if (table(heads, mul) != null) {
                return mul;
            }
        }
    }

    /** The heads at their slots (other slots hold 0, which no line starting with text has); null on a collision. */
    private static int[] table(int[] heads, int mul) {
        int[] t = new int[1 << PREFIX_BITS];
        for (int h : heads) {
            int slot = (h * mul) >>> (32 - PREFIX_BITS);
            if (t[slot] != 0) {
                return null;
            }
            t[slot] = h;
        }
        return t;
    }

    private static final byte[] ATTACHED_DISK = ascii("Attached Disk");
    private static final byte[] REJECTING = ascii("rejecting");
    private static final byte[] SERIAL_NUMBER = ascii("serial_number");
    private static final byte[][] XFS_INFO = {
        ascii("Mounting"), ascii("Ending clean"), ascii("Unmounting"), ascii("Starting recovery"), ascii("Ending recovery"),
        ascii("Quotacheck"), ascii("Mount"), ascii("Deprecated"),
    };
    private static final byte[][] EXT_INFO = {
        ascii("mounted"), ascii("re-mounted"), ascii("unmounting"), ascii("recovery complete"), ascii("orphan cleanup"),
        ascii("Mount option"), ascii("Using encoding"),
    };
    private static final byte[][] USB_WANTED = {ascii("SerialNumber: "), ascii("Product: "), ascii("USB disconnect")};

    /**
     * The cheap test: does the message start with a prefix the correlator handles? The frequent harmless lines
     * of those subsystems (sd "Attached scsi generic", XFS and ext4 mount chatter, USB enumeration) are turned
     * away here too, so that they cost no String and no generator switch.
     */
    static boolean interesting(byte[] b, int m, int e) {
        if (m + 4 <= e) {
            // one multiply and one load turn away almost every line: its first four bytes are no handled prefix
            int head = (b[m] & 0xff) | (b[m + 1] & 0xff) << 8 | (b[m + 2] & 0xff) << 16 | b[m + 3] << 24;
            if (PREFIXES[(head * PREFIX_HASH) >>> (32 - PREFIX_BITS)] != head) {
                return false;
            }
        }
        return prefixed(b, m, e);
    }

    private static boolean prefixed(byte[] b, int m, int e) {
        switch (b[m]) {
            case 's':
                if (startsWith(b, m, e, SD)) {
                    return sdWanted(b, m + 3, e);
                }
                return startsWith(b, m, e, SCSI);
            case 'a':
                return startsWith(b, m, e, ATA) && m + 3 < e && digit(b[m + 3]);
            case 'n':
                return startsWith(b, m, e, NVME);
            case 'X':
                return startsWith(b, m, e, XFS) && !afterParen(b, m, e, XFS_INFO);
            case 'E':
                return startsWith(b, m, e, EXT) && !afterParen(b, m, e, EXT_INFO);
            case 'B':
                return startsWith(b, m, e, BTRFS) || startsWith(b, m, e, BUFFER);
            case 'J':
                return startsWith(b, m, e, JBD2);
            case 'A':
                return startsWith(b, m, e, ABORTING);
            case 'm':
                return startsWith(b, m, e, MD) && m + 2 < e && (b[m + 2] == '/' || b[m + 2] == ':' || digit(b[m + 2]));
            case 'b':
                return startsWith(b, m, e, BLK) || startsWith(b, m, e, BUFFER_IO) || startsWith(b, m, e, BTRFS_STAT);
            case 'e':
                return startsWith(b, m, e, END_REQUEST);
            case 'p':
                return startsWith(b, m, e, PRINT_REQ) || startsWith(b, m, e, PROTECTION);
            case 'I':
                return startsWith(b, m, e, IO_ERROR);
            case 'c':
                return startsWith(b, m, e, CRITICAL);
            case 't':
                return startsWith(b, m, e, TIMEOUT);
            case 'r':
                return startsWith(b, m, e, RECOVERABLE);
            case 'd':
                return startsWith(b, m, e, DM_MULTIPATH);
            case 'u':
                return startsWith(b, m, e, USB) && usbWanted(b, m + 3, e);
            case 'L':
                return startsWith(b, m, e, LINUX);
            case '-':
                return startsWith(b, m, e, BOOT) || startsWith(b, m, e, REBOOT);
            default:
                return false;
        }
    }

    /** After {@code sd H:C:T:L}: a [name], a (SERIAL=...), and the few name-less lines the correlator uses. */
    private static boolean sdWanted(byte[] b, int i, int e) {
        while (i < e && (digit(b[i]) || b[i] == ':')) {
            i++;
        }
        if (i < e && b[i] == ' ') {
            i++;
        }
        if (i >= e) {
            return false;
        }
        byte c = b[i];
        return c == '[' || c == '(' || startsWith(b, i, e, ATTACHED_DISK) || startsWith(b, i, e, REJECTING)
                || startsWith(b, i, e, SERIAL_NUMBER);
    }

    /** {@code PREFIX (dev): text}: does text start with one of {@code words}? */
    private static boolean afterParen(byte[] b, int m, int e, byte[][] words) {
        int close = indexOf(b, (byte) ')', m, Math.min(e, m + 48));
        if (close < 0 || close + 3 > e || b[close + 1] != ':') {
            return false;
        }
        int t = close + 2;
        if (b[t] == ' ') {
            t++;
        }
        return startsWithAny(b, t, e, words);
    }

    /** {@code usb 1-1: text}: the three kinds of USB line the correlator uses (serial, product, disconnect). */
    private static boolean usbWanted(byte[] b, int i, int e) {
        int lim = Math.min(e - 1, i + 32);
        while (i < lim && !(b[i] == ':' && b[i + 1] == ' ')) {
            i++;
        }
        return i < lim && startsWithAny(b, i + 2, e, USB_WANTED);
    }

    /**
     * Does the text at {@code t} start with one of {@code words}? The first four bytes are compared as one int
     * first, so that a line that starts with none of them (the common case) costs one load and a few compares.
     */
    private static boolean startsWithAny(byte[] b, int t, int e, byte[][] words) {
        if (t + 4 > e) {
            return false;
        }
        int head = (int) INTS.get(b, t);
        for (byte[] w : words) {
            if (w.length >= 4 && (int) INTS.get(w, 0) != head) {
                continue;
            }
            if (startsWith(b, t, e, w)) {
                return true;
            }
        }
        return false;
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

    // ---------------------------------------------------------------- helpers

    private static double uptime(byte[] b, int from, int to, boolean micros) {
        long whole = 0;
        long frac = 0;
        int fracDigits = 0;
        boolean point = false;
        for (int i = from; i < to; i++) {
            byte v = b[i];
            if (v == '.' || v == ',') {
                point = true;
            } else if (digit(v)) {
                if (point) {
                    if (fracDigits < 9) {
                        frac = frac * 10 + (v - '0');
                        fracDigits++;
                    }
                } else {
                    whole = whole * 10 + (v - '0');
                }
            } else if (v != ' ') {
                return Double.NaN;
            }
        }
        double value = whole + frac / Math.pow(10, fracDigits);
        return micros ? value / 1e6 : value;
    }

    static boolean startsWith(byte[] b, int m, int e, byte[] p) {
        if (e - m < p.length) {
            return false;
        }
        int k = 0;
        if (p.length >= 4) {
            // most calls are a mismatch: one int compare decides it
            if ((int) INTS.get(b, m) != (int) INTS.get(p, 0)) {
                return false;
            }
            for (k = 4; k + 8 <= p.length; k += 8) {
                if ((long) LONGS.get(b, m + k) != (long) LONGS.get(p, k)) {
                    return false;
                }
            }
        }
        for (; k < p.length; k++) {
            if (b[m + k] != p[k]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte[] p, int from, int to) {
        int last = to - p.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int k = 0; k < p.length; k++) {
                if (b[i + k] != p[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean digit(byte v) {
        return v >= '0' && v <= '9';
    }

    private static boolean hex(byte v) {
        return v >= '0' && v <= '9' || v >= 'a' && v <= 'f' || v >= 'A' && v <= 'F';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
