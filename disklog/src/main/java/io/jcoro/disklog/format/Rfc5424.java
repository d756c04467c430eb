package io.jcoro.disklog.format;

import static io.jcoro.disklog.read.Bytes.ascii;
import static io.jcoro.disklog.read.Bytes.digit;
import static io.jcoro.disklog.read.Bytes.indexOf;
import static io.jcoro.disklog.read.Bytes.startsWith;

/**
 * Lines that start with a syslog priority, {@code <3>}: {@code dmesg -r} ({@code <3>[   12.078408] ...}), RFC 5424
 * over the network ({@code <3>1 2024-09-30T11:20:12.37+00:00 host kernel - - - message}, APP {@code kernel}), BSD
 * syslog with {@code <PRI>}; anything else after the priority is a bare message.
 */
final class Rfc5424 implements LogFormat {
    static final Rfc5424 FORMAT = new Rfc5424();

    private static final byte[] KERNEL_SP = ascii("kernel ");

    private Rfc5424() {
    }

    @Override
    public int parse(byte[] b, int s, int e, Envelope env) {
        int i = s + 1;
        while (i < e && i < s + 5 && digit(b[i])) {
            i++;
        }
        if (i == s + 1 || i >= e || b[i] != '>') {
            return s;
        }
        int r = i + 1;
        if (r >= e) {
            return NOT_KERNEL;
        }
        if (b[r] == '[') {
            return Dmesg.FORMAT.parse(b, r, e, env);
        }
        if (r + 1 < e && digit(b[r]) && b[r + 1] == ' ') {
            return afterVersion(b, r + 2, e, env);
        }
        if (b[r] >= 'A' && b[r] <= 'Z') {
            int m = Syslog.CLASSIC.parse(b, r, e, env);
            if (m != NOT_THIS) {
                return m;
            }
        }
        return r;
    }

    /** After the version: TIMESTAMP HOST APP PROCID MSGID SD MSG, for APP {@code kernel}. */
    private static int afterVersion(byte[] b, int p, int e, Envelope env) {
        int t1 = indexOf(b, (byte) ' ', p, e);
        int h1 = t1 < 0 ? -1 : indexOf(b, (byte) ' ', t1 + 1, e);
        if (h1 < 0) {
            return NOT_KERNEL;
        }
        env.timeStart = p;
        env.timeEnd = t1;
        if (!startsWith(b, h1 + 1, e, KERNEL_SP)) {
            return NOT_KERNEL;
        }
        if (h1 - t1 != 2 || b[t1 + 1] != '-') {
            env.host(t1 + 1, h1); // "-" is RFC 5424's nil value: no host
        }
        int pr = h1 + 1 + KERNEL_SP.length;
        int p1 = indexOf(b, (byte) ' ', pr, e);
        int m1 = p1 < 0 ? -1 : indexOf(b, (byte) ' ', p1 + 1, e);
        if (m1 < 0 || m1 + 1 >= e) {
            return NOT_KERNEL;
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
            return NOT_KERNEL;
        }
        if (m < e && b[m] == ' ') {
            m++;
        }
        if (m + 2 < e && (b[m] & 0xff) == 0xEF && (b[m + 1] & 0xff) == 0xBB && (b[m + 2] & 0xff) == 0xBF) {
            m += 3;
        }
        return Syslog.uptimeBracket(b, m, e, env);
    }
}
