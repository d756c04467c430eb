package io.jcoro.disklog.format;

import static io.jcoro.disklog.read.Bytes.indexOf;

/**
 * /dev/kmsg records, {@code prio,seq,usec,flags;message}: the uptime is in microseconds. A line that starts like
 * one ({@code 3,}) but is not one is a bare message.
 */
final class Kmsg implements LogFormat {
    static final Kmsg FORMAT = new Kmsg();

    private Kmsg() {
    }

    /** Called with {@code b[comma] == ','} after one to three digits at {@code s}. */
    @Override
    public int parse(byte[] b, int s, int e, Envelope env) {
        int i = s;
        while (i < e && b[i] != ',') {
            i++;
        }
        int c1 = indexOf(b, (byte) ',', i + 1, Math.min(e, i + 24));
        int c2 = c1 < 0 ? -1 : indexOf(b, (byte) ',', c1 + 1, Math.min(e, c1 + 24));
        int semi = c2 < 0 ? -1 : indexOf(b, (byte) ';', c2 + 1, Math.min(e, c2 + 16));
        if (semi > 0) {
            env.uptimeStart = c1 + 1;
            env.uptimeEnd = c2;
            env.uptimeInMicros = true;
            return semi + 1;
        }
        return s;
    }
}
