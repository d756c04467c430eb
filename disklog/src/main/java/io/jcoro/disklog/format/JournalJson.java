package io.jcoro.disklog.format;

import static io.jcoro.disklog.read.Bytes.ascii;
import static io.jcoro.disklog.read.Bytes.indexOf;

/**
 * journalctl -o json, one object per line: the message starts inside the MESSAGE string. The byte-level look
 * needs only where; a line that is kept is parsed for real by {@link Journal}.
 */
final class JournalJson implements LogFormat {
    static final JournalJson FORMAT = new JournalJson();

    private static final byte[] MESSAGE_KEY = ascii("\"MESSAGE\"");

    private JournalJson() {
    }

    @Override
    public int parse(byte[] b, int s, int e, Envelope env) {
        int k = indexOf(b, MESSAGE_KEY, s, e);
        if (k < 0) {
            return NOT_KERNEL;
        }
        int m = k + MESSAGE_KEY.length;
        while (m < e && (b[m] == ' ' || b[m] == ':')) {
            m++;
        }
        env.json = true;
        if (m >= e || b[m] != '"') {
            // MESSAGE as an array of bytes (not UTF-8): let the parser decide
            return m;
        }
        return m + 1;
    }
}
