package io.jcoro.disklog.read;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened while one input (or one segment of it) was read: lines and bytes, the problem that stopped it, and
 * counts of the lines that were damaged. Counted while the stream runs and turned into one stderr line per kind of
 * problem at the end, so a log with a million bad lines gives one message, not a million.
 */
public final class InputStats {
    /** Bytes of one line that are looked at; the rest of a longer line is skipped (and reported). */
    public static final int MAX_LINE = 64 * 1024;

    public long lines;
    public long bytes;
    /** The problem that stopped this input (missing, unreadable, truncated...); null when it was read to its end. */
    public String error;

    public long invalidUtf8Lines;
    public long firstInvalidUtf8Line;
    public long binaryLines;
    public long firstBinaryLine;
    public long nulBytes;
    public long firstNulLine;
    public long longLines;
    public long firstLongLine;
    public long longestLine;

    /** Records the problem that stopped this input; the first one wins. */
    public void fail(String problem) {
        if (error == null) {
            error = problem;
        }
    }

    public void nulBytes(long count, long line) {
        nulBytes += count;
        if (firstNulLine == 0) {
            firstNulLine = line;
        }
    }

    public void longLine(long length, long line) {
        longLines++;
        if (firstLongLine == 0) {
            firstLongLine = line;
        }
        longestLine = Math.max(longestLine, length);
    }

    public void binaryLine(long line) {
        binaryLines++;
        if (firstBinaryLine == 0) {
            firstBinaryLine = line;
        }
    }

    public void invalidUtf8Line(long line) {
        invalidUtf8Lines++;
        if (firstInvalidUtf8Line == 0) {
            firstInvalidUtf8Line = line;
        }
    }

    /**
     * Adds a segment's counts (a part of this input read by another thread), its line numbers made input-wide by
     * {@code base}, the number of lines before the segment.
     */
    public void merge(InputStats segment, long base) {
        nulBytes += segment.nulBytes;
        if (firstNulLine == 0 && segment.firstNulLine > 0) {
            firstNulLine = base + segment.firstNulLine;
        }
        longLines += segment.longLines;
        if (firstLongLine == 0 && segment.firstLongLine > 0) {
            firstLongLine = base + segment.firstLongLine;
        }
        longestLine = Math.max(longestLine, segment.longestLine);
    }

    /** The one-line messages for this input, errors first; each names the input. */
    public List<String> messages(Input in) {
        List<String> out = new ArrayList<>();
        String who = in.label();
        if (error != null) {
            out.add(who + ": " + error);
        }
        if (longLines > 0) {
            out.add(who + ": " + plural(longLines, "line") + " longer than " + MAX_LINE
                    + " bytes (first: line " + firstLongLine + ", longest " + longestLine
                    + " bytes); only the first " + MAX_LINE + " bytes of each were read");
        }
        if (binaryLines > 0) {
            out.add(who + ": " + plural(binaryLines, "line") + " of binary data skipped (first: line "
                    + firstBinaryLine + ")");
        }
        if (nulBytes > 0) {
            out.add(who + ": " + plural(nulBytes, "NUL byte") + " skipped (first: line " + firstNulLine
                    + "; a log written during a crash often has them)");
        }
        if (invalidUtf8Lines > 0) {
            out.add(who + ": " + plural(invalidUtf8Lines, "line") + " not valid UTF-8 (first: line "
                    + firstInvalidUtf8Line + "); read with U+FFFD for the bad bytes");
        }
        return out;
    }

    public static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
