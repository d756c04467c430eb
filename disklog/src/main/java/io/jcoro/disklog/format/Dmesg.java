package io.jcoro.disklog.format;

import static io.jcoro.disklog.read.Bytes.HI;
import static io.jcoro.disklog.read.Bytes.LO;
import static io.jcoro.disklog.read.Bytes.LONGS;
import static io.jcoro.disklog.read.Bytes.digit;
import static io.jcoro.disklog.read.Bytes.indexOf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * dmesg and its relatives: {@code [  12.345678] message} at any width, {@code -T} dates in any locale, {@code -H}
 * and {@code -e}, the caller field ({@code [ T1234]}, CONFIG_PRINTK_CALLER), and journalctl's short-monotonic
 * ({@code [  12.345678] host kernel: message}).
 *
 * <p>Most lines of most logs are plain dmesg lines that nobody wants, so the static methods here are the hot path:
 * they find the message of a plain line with a few word compares and no bookkeeping; {@link #parse} takes any line
 * apart properly, for the few that are kept.
 */
public final class Dmesg implements LogFormat {
    static final Dmesg FORMAT = new Dmesg();

    private static final long BRACKETS = 0x5d5d5d5d5d5d5d5dL;
    private static final long SPACES = 0x2020202020202020L;
    /** " kernel:" as a little-endian long. */
    private static final long SP_KERNEL = ByteBuffer.wrap(" kernel".concat(":").getBytes(StandardCharsets.US_ASCII), 0, 8)
            .order(ByteOrder.LITTLE_ENDIAN).getLong();

    private Dmesg() {
    }

    @Override
    public int parse(byte[] b, int s, int e, Envelope env) {
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
        env.timeStart = s + 1;
        env.timeEnd = close;
        if (close - 7 > s && b[close - 7] == '.') {
            // seconds.micros: an uptime (spaces before it are stripped when it is parsed)
            env.uptimeStart = s + 1;
            env.uptimeEnd = close;
        } else if (close - 7 > s && b[close - 7] == ',') {
            // dmesg -e relative time "[  +0,000508]": a time to show, not an uptime
        } else {
            int i = s + 1;
            while (i < close && b[i] == ' ') {
                i++;
            }
            if ((b[i] == 'T' || b[i] == 'C') && i + 1 < close && digit(b[i + 1])) {
                env.timeStart = -1; // "[  T101]": the caller field alone, no time
                env.timeEnd = -1;
            }
        }
        m = afterCallerField(b, m, e);
        if (env.uptimeStart >= 0 && m + 16 <= e) {
            int k = kernelWord(b, m, e, (long) LONGS.get(b, m));
            if (k >= 0) {
                env.host(m, k); // journalctl -o short-monotonic: "[  12.345678] host kernel: message"
                m = afterKernelWord(b, k, e);
            }
        }
        return m;
    }

    /** Past an optional caller field ({@code [ T1234]}, CONFIG_PRINTK_CALLER) and one space. */
    static int afterCallerField(byte[] b, int m, int e) {
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

    /**
     * The hot path for {@code [sssss.uuuuuu] message}: the message start, with no bookkeeping; {@link #SLOW} when
     * the line is anything less usual, which then gets {@link Envelopes#parse}.
     */
    public static int fastMessage(byte[] b, int s, int e) {
        if (s + 17 > e) {
            return SLOW;
        }
        int close = timeClose(b, s);
        if (close < 0 || close + 1 >= e || b[close + 1] == '[') {
            return SLOW;
        }
        int m = close + 1;
        if (b[m] == ' ') {
            m++;
        }
        return m + 16 <= e ? monotonic(b, m, e) : m;
    }

    /** {@link #fastMessage}: the line needs the full parse. */
    public static final int SLOW = Integer.MIN_VALUE + 1;

    /** Where the message of {@code [sssss.uuuuuu] message} starts (at least 16 bytes before e), or -1. */
    public static int plainMessage(byte[] b, int s, int e) {
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
    public static int kernelWord(byte[] b, int m, int e, long w) {
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
        return k < 0 ? m : afterKernelWord(b, k, e);
    }

    /** The message start after {@code " kernel:"} at {@code k} and one space. */
    private static int afterKernelWord(byte[] b, int k, int e) {
        int m = k + 8;
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
}
