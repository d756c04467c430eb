package io.jcoro.disklog.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Byte comparisons shared by the stages that look at lines as bytes (formats, families, the line scanner). Small
 * static methods: C2 inlines them into the scan loop.
 */
public final class Bytes {
    private Bytes() {
    }

    public static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    public static final long LO = 0x0101010101010101L;
    public static final long HI = 0x8080808080808080L;

    /** The first four bytes at {@code i} as one little-endian int (what the prefix tables are keyed by). */
    public static int head(byte[] b, int i) {
        return (int) INTS.get(b, i);
    }

    public static boolean startsWith(byte[] b, int m, int e, byte[] p) {
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

    /**
     * Does the text at {@code t} start with one of {@code words}? The first four bytes are compared as one int
     * first, so that a line that starts with none of them (the common case) costs one load and a few compares.
     */
    public static boolean startsWithAny(byte[] b, int t, int e, byte[][] words) {
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

    public static int indexOf(byte[] b, byte v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    public static int indexOf(byte[] b, byte[] p, int from, int to) {
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

    public static boolean digit(byte v) {
        return v >= '0' && v <= '9';
    }

    public static boolean hex(byte v) {
        return v >= '0' && v <= '9' || v >= 'a' && v <= 'f' || v >= 'A' && v <= 'F';
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
