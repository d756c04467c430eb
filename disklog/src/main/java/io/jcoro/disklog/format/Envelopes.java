package io.jcoro.disklog.format;

import static io.jcoro.disklog.read.Bytes.digit;

/**
 * The envelope of any line: picks the {@link LogFormat} from the line's first bytes, so formats may change from one
 * line to the next. The hot path for the plain dmesg lines that make up most logs is {@link Dmesg}'s, called
 * directly by the scanner.
 */
public final class Envelopes {
    private Envelopes() {
    }

    /**
     * Takes the envelope off {@code b[s, e)}: returns the message start ({@code s} itself for a bare message), or
     * -1 for a line that is not a kernel message; fills {@code env}.
     */
    public static int parse(byte[] b, int s, int e, Envelope env) {
        env.reset(s);
        byte c = b[s];
        if (c == 0) {
            int t = s;
            while (t < e && b[t] == 0) {
                t++;
            }
            env.nulBytes = t - s;
            if (t >= e) {
                return -1;
            }
            s = t;
            env.body = s;
            c = b[s];
        }
        if (c == '[') {
            return Dmesg.FORMAT.parse(b, s, e, env);
        }
        if (c == '<') {
            return Rfc5424.FORMAT.parse(b, s, e, env);
        }
        if (c == '{') {
            return JournalJson.FORMAT.parse(b, s, e, env);
        }
        if (c >= 'A' && c <= 'Z') {
            int m = Syslog.CLASSIC.parse(b, s, e, env);
            if (m != LogFormat.NOT_THIS) {
                return m;
            }
            // "Sat May 11 14:45:54 2024 kern.info kernel: ..." (OpenWrt logread) and other weekday-first dates
            if (e - s > 20 && b[s + 3] == ' ' && b[s + 4] >= 'A' && b[s + 4] <= 'Z' && b[s + 7] == ' ') {
                return KernelTagged.FORMAT.parse(b, s, e, env);
            }
            return s;
        }
        if (c >= '0' && c <= '9') {
            int i = s;
            while (i < e && digit(b[i])) {
                i++;
            }
            if (i < e && b[i] == ',' && i - s <= 3) {
                return Kmsg.FORMAT.parse(b, s, e, env);
            }
            if (i - s == 4 && i < e) {
                int m = Syslog.ISO.parse(b, s, e, env);
                if (m != LogFormat.NOT_THIS) {
                    return m;
                }
            }
            return KernelTagged.FORMAT.parse(b, s, e, env);
        }
        return s;
    }
}
