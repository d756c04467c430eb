package io.jcoro.disklog.format;

/**
 * What a log format wraps around a kernel message, as positions in the line's bytes (-1 when absent). One object
 * per scanner, filled again for each line that gets a full look: the hot path makes none.
 *
 * <p>A format's parser returns where the message starts and fills these; a new field is one more pair of positions
 * here and one assignment in the parsers that know it.
 */
public final class Envelope {
    /** The time as the log shows it: {@code [timeStart, timeEnd)}. */
    public int timeStart;
    public int timeEnd;
    /** Seconds since boot (or microseconds, when {@link #uptimeInMicros}): {@code [uptimeStart, uptimeEnd)}. */
    public int uptimeStart;
    public int uptimeEnd;
    /**
     * The host that logged the line, when the envelope names one (syslog, RFC 5424, journalctl's short formats; a
     * journal JSON line's {@code _HOSTNAME} is read by {@link Journal}): {@code [hostStart, hostEnd)}.
     */
    public int hostStart;
    public int hostEnd;
    /** A /dev/kmsg record, whose uptime field counts microseconds. */
    public boolean uptimeInMicros;
    /** journalctl -o json: the message is inside a JSON string and needs a JSON parser. */
    public boolean json;
    /** Where the line starts once NUL bytes in front of it are skipped. */
    public int body;
    /** NUL bytes skipped in front of the line (a log written during a crash). */
    public int nulBytes;

    /** Marks {@code [from, to)} as the host, unless it is empty. */
    void host(int from, int to) {
        if (to > from) {
            hostStart = from;
            hostEnd = to;
        }
    }

    void reset(int s) {
        timeStart = -1;
        timeEnd = -1;
        uptimeStart = -1;
        uptimeEnd = -1;
        hostStart = -1;
        hostEnd = -1;
        uptimeInMicros = false;
        json = false;
        body = s;
        nulBytes = 0;
    }

    /** The uptime in seconds, or NaN when the line has none. */
    public double uptime(byte[] b) {
        if (uptimeStart < 0) {
            return Double.NaN;
        }
        long whole = 0;
        long frac = 0;
        int fracDigits = 0;
        boolean point = false;
        for (int i = uptimeStart; i < uptimeEnd; i++) {
            byte v = b[i];
            if (v == '.' || v == ',') {
                point = true;
            } else if (v >= '0' && v <= '9') {
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
        return uptimeInMicros ? value / 1e6 : value;
    }
}
