package io.jcoro.disklog.format;

import static io.jcoro.disklog.read.Bytes.indexOf;

/**
 * Any other envelope whose stamp ends in {@code kernel:} (SONiC's {@code 2025 Jun 18 07:12:32.614365 host CRIT
 * kernel:}, OpenWrt's logread {@code Sat May 11 14:45:54 2024 kern.info kernel:}, Anaconda's {@code 23:54:39,681
 * INFO kernel:}) or in {@code kern: level:} (Talos). The time is everything before.
 */
final class KernelTagged implements LogFormat {
    static final KernelTagged FORMAT = new KernelTagged();

    private KernelTagged() {
    }

    @Override
    public int parse(byte[] b, int s, int e, Envelope env) {
        int lim = Math.min(e, s + 200) - 5;
        for (int i = s; i < lim; i++) {
            if (b[i] != 'k' || b[i + 1] != 'e' || b[i + 2] != 'r' || b[i + 3] != 'n' || i > s && b[i - 1] != ' ') {
                continue;
            }
            if (b[i + 4] == 'e' && b[i + 5] == 'l' && i + 6 < e && b[i + 6] == ':') {
                env.timeStart = s;
                env.timeEnd = Math.max(s, i - 1);
                int m = i + 7;
                if (m < e && b[m] == ' ') {
                    m++;
                }
                return Syslog.uptimeBracket(b, m, e, env);
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
                        env.timeStart = m + 1;
                        env.timeEnd = close;
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
}
