package io.jcoro.disklog.format;

import static io.jcoro.disklog.read.Bytes.ascii;
import static io.jcoro.disklog.read.Bytes.digit;
import static io.jcoro.disklog.read.Bytes.indexOf;
import static io.jcoro.disklog.read.Bytes.startsWith;

/**
 * Syslog files: classic {@code Mmm dd hh:mm:ss[.uuuuuu] host kernel: [uptime] message} (rsyslog's
 * /var/log/kern.log, journalctl's short and short-precise; 1- or 2-digit day), and the same after an ISO date
 * ({@code 2024-09-30T11:20:12+0000 host kernel:}, journalctl short-iso, rsyslog RFC 3339 files;
 * {@code 2024-10-31 13:36:11 host kernel:}). Lines of other programs ({@code host sshd[12]: ...}) are no kernel
 * message.
 */
final class Syslog implements LogFormat {
    static final Syslog CLASSIC = new Syslog(false);
    static final Syslog ISO = new Syslog(true);

    private static final byte[] KERNEL_COLON = ascii("kernel:");

    private final boolean iso;

    private Syslog(boolean iso) {
        this.iso = iso;
    }

    @Override
    public int parse(byte[] b, int s, int e, Envelope env) {
        return iso ? iso(b, s, e, env) : classic(b, s, e, env);
    }

    private static int classic(byte[] b, int s, int e, Envelope env) {
        if (e - s < 20 || b[s + 3] != ' ' || b[s + 6] != ' ' || b[s + 9] != ':' || b[s + 12] != ':'
                || b[s + 1] < 'a' || b[s + 1] > 'z' || b[s + 2] < 'a' || b[s + 2] > 'z') {
            return NOT_THIS;
        }
        int p = s + 15;
        if (b[p] == '.') {
            p++;
            while (p < e && digit(b[p])) {
                p++;
            }
        }
        if (p >= e || b[p] != ' ') {
            return NOT_THIS;
        }
        env.timeStart = s;
        env.timeEnd = p;
        return afterHost(b, p + 1, e, env);
    }

    /** {@code YYYY-MM-DDThh:mm:ss... host kernel:} or {@code YYYY-MM-DD hh:mm:ss host kernel:}, after four digits. */
    private static int iso(byte[] b, int s, int e, Envelope env) {
        if (e - s <= 20 || b[s + 4] != '-') {
            return NOT_THIS;
        }
        if (b[s + 10] == 'T') {
            int sp = indexOf(b, (byte) ' ', s + 10, Math.min(e, s + 48));
            if (sp > 0) {
                env.timeStart = s;
                env.timeEnd = sp;
                return afterHost(b, sp + 1, e, env);
            }
        } else if (b[s + 10] == ' ' && b[s + 13] == ':' && b[s + 19] == ' ') {
            env.timeStart = s;
            env.timeEnd = s + 19;
            return afterHost(b, s + 20, e, env);
        }
        return NOT_THIS;
    }

    /** {@code host kernel: [uptime] message}; {@link #NOT_KERNEL} when the program is not the kernel. */
    private static int afterHost(byte[] b, int h, int e, Envelope env) {
        int sp = indexOf(b, (byte) ' ', h, Math.min(e, h + 256));
        if (sp < 0 || !startsWith(b, sp + 1, e, KERNEL_COLON)) {
            return NOT_KERNEL;
        }
        env.host(h, sp);
        int m = sp + 1 + KERNEL_COLON.length;
        if (m < e && b[m] == ' ') {
            m++;
        }
        return uptimeBracket(b, m, e, env);
    }

    /** An optional {@code [  uptime]} (and caller field) before the message. */
    static int uptimeBracket(byte[] b, int m, int e, Envelope env) {
        if (m < e && b[m] == '[') {
            int close = indexOf(b, (byte) ']', m + 1, Math.min(e, m + 32));
            if (close > 0) {
                int i = m + 1;
                while (i < close && b[i] == ' ') {
                    i++;
                }
                if (i < close && digit(b[i])) {
                    env.uptimeStart = i;
                    env.uptimeEnd = close;
                    m = Dmesg.afterCallerField(b, close + 1, e);
                }
            }
        }
        return m;
    }
}
