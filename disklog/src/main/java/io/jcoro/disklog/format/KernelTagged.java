package io.jcoro.disklog.format;

import static io.jcoro.disklog.read.Bytes.indexOf;

/**
 * Any other envelope whose stamp ends in {@code kernel:} (SONiC's {@code 2025 Jun 18 07:12:32.614365 host CRIT
 * kernel:}, OpenWrt's logread {@code Sat May 11 14:45:54 2024 kern.info kernel:}, Anaconda's {@code 23:54:39,681
 * INFO kernel:}) or in {@code kern: level:} (Talos, whose console prefixes the node: {@code 10.5.0.2: kern: alert:}).
 * The time is everything before. Of these, SONiC's stamp (a year first) and Talos's prefix name the host.
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
                if (i - s > 20 && b[s + 4] == ' ' && b[s + 5] >= 'A' && b[s + 5] <= 'Z') {
                    // SONiC: "YYYY Mon DD hh:mm:ss.uuuuuu HOST LEVEL kernel:"
                    int level = wordStart(b, s, i - 1);
                    if (level > s + 1) {
                        env.host(wordStart(b, s, level - 1), level - 1);
                        env.timeEnd = Math.max(s, wordStart(b, s, level - 1) - 1);
                    }
                }
                int m = i + 7;
                if (m < e && b[m] == ' ') {
                    m++;
                }
                return Syslog.uptimeBracket(b, m, e, env);
            }
            if (b[i + 4] == ':') {
                if (i - s >= 3 && b[i - 2] == ':' && indexOf(b, (byte) ' ', s, i - 2) < 0) {
                    env.host(s, i - 2); // Talos's console: "NODE: kern: level: [time]: message"
                }
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

    /** The start of the word that ends just before {@code end} (a space), looking no further back than {@code s}. */
    private static int wordStart(byte[] b, int s, int end) {
        int i = end;
        while (i > s && b[i - 1] != ' ') {
            i--;
        }
        return i;
    }
}
