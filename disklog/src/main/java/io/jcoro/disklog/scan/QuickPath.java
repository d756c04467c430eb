package io.jcoro.disklog.scan;

import io.jcoro.disklog.family.Prefilter;
import io.jcoro.disklog.format.Dmesg;
import io.jcoro.disklog.read.Bytes;
import io.jcoro.disklog.read.InputStats;

/**
 * Lines turned away from their first bytes alone, without the bookkeeping of a full look: a plain dmesg line of 32
 * bytes or more, or a bare message of 8 bytes or more (the first seed's lines, which start with a lower-case
 * letter, or with a capital not followed by a syslog date's space), whose first four bytes are no family's head.
 * False means "look properly", never "wanted"; a test runs every format's lines through both paths.
 */
final class QuickPath {
    private QuickPath() {
    }

    /**
     * True when the line certainly is of no interest. Never a line longer than {@link InputStats#MAX_LINE}. Short
     * bare lines count: a sixth of the seed-format log's lines are 22 bytes.
     */
    static boolean unwanted(byte[] b, int s, int e) {
        int length = e - s;
        if (length < 8 || length > InputStats.MAX_LINE) {
            return false;
        }
        byte c = b[s];
        if (c == '[') {
            return length >= 32 && plainDmesgUnwanted(b, s, e);
        }
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' && b[s + 3] != ' ') {
            int head = Bytes.head(b, s);
            return !Prefilter.headWanted(head) || !Prefilter.wanted(b, s, e, head);
        }
        return false;
    }

    /**
     * The hottest path: most lines of most logs are {@code [sssss.uuuuuu] message} lines that nobody wants. True
     * when this line certainly is one: its message belongs to no family and the line is not journalctl
     * short-monotonic ({@code host kernel: message}). Reads at most the first 48 bytes of a line of 32 bytes or more.
     */
    private static boolean plainDmesgUnwanted(byte[] b, int s, int e) {
        // (split in small methods: C2 inlines each into the scan loop, but not one method over 325 bytecodes)
        int m = Dmesg.plainMessage(b, s, e);
        if (m < 0) {
            return false;
        }
        long w = (long) Bytes.LONGS.get(b, m);
        if (Dmesg.kernelWord(b, m, e, w) >= 0) {
            return false;
        }
        int head = (int) w;
        return !Prefilter.headWanted(head) || !Prefilter.wanted(b, m, e, head);
    }
}
