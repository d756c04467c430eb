package io.jcoro.disklog.scan;

import java.util.Arrays;

/**
 * The lines a filter worker kept from its segment, one after another with their newlines, and their line numbers;
 * an empty line (number -1) marks a gap where lines were dropped, so that a line without a prefix is attached to the
 * line before it only when they were next to each other in the file.
 */
public final class KeptLines {
    public byte[] buf = new byte[1 << 16];
    public int len;
    public long[] numbers = new long[1024];
    public int count;
    private boolean gapLast = true;

    void add(byte[] b, int s, int e, long number) {
        int n = e - s;
        if (len + n + 1 > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 1));
        }
        System.arraycopy(b, s, buf, len, n);
        len += n;
        buf[len++] = '\n';
        number(number);
        gapLast = false;
    }

    void gap() {
        if (gapLast) {
            return;
        }
        if (len + 1 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = '\n';
        number(-1);
        gapLast = true;
    }

    private void number(long n) {
        if (count == numbers.length) {
            numbers = Arrays.copyOf(numbers, count * 2);
        }
        numbers[count++] = n;
    }
}
