package io.jcoro.disklog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One input named on the command line (a file, or standard input) and what went wrong while reading it.
 * Problems are counted here while the stream runs and turned into one stderr line each at the end, so a log with
 * a million bad lines gives one message, not a million.
 */
final class Input {
    /** As the user typed it; standard input is {@code -}. */
    final String name;
    /** Null for standard input. */
    final Path path;

    long lines;
    long bytes;
    /** The problem that stopped this input (missing, unreadable, truncated...); null when it was read to its end. */
    String error;

    long invalidUtf8Lines;
    long firstInvalidUtf8Line;
    long binaryLines;
    long firstBinaryLine;
    long nulBytes;
    long firstNulLine;
    long longLines;
    long firstLongLine;
    long longestLine;

    Input(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    boolean isStdin() {
        return path == null;
    }

    /** Records the problem that stopped this input; the first one wins. */
    void fail(String problem) {
        if (error == null) {
            error = problem;
        }
    }

    /** The one-line messages for this input, errors first; each names the input. */
    List<String> messages() {
        List<String> out = new ArrayList<>();
        String who = isStdin() ? "(standard input)" : name;
        if (error != null) {
            out.add(who + ": " + error);
        }
        if (longLines > 0) {
            out.add(who + ": " + plural(longLines, "line") + " longer than " + Matcher.MAX_LINE
                    + " bytes (first: line " + firstLongLine + ", longest " + longestLine
                    + " bytes); only the first " + Matcher.MAX_LINE + " bytes of each were read");
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

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
