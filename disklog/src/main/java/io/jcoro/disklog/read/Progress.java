package io.jcoro.disklog.read;

import java.io.PrintStream;
import java.util.List;

/**
 * Progress on stderr for big inputs, when stderr is a terminal: one line, redrawn at most twice a second, erased at
 * the end. Sizes are those of the files on disk (compressed bytes for a compressed file).
 */
public final class Progress {
    private final PrintStream err;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private Input current;
    private long currentPos;
    private long lastDraw;
    private boolean drawn;

    public Progress(PrintStream err, List<Input> inputs) {
        this.err = err;
        long t = 0;
        for (Input in : inputs) {
            if (in.path() != null) {
                try {
                    t += java.nio.file.Files.size(in.path());
                } catch (java.io.IOException | SecurityException e) {
                    // a missing file is reported by the reader
                }
            }
        }
        this.total = t;
    }

    public void update(Input in, long pos) {
        if (in != current) {
            if (current != null) {
                done += currentPos;
            }
            current = in;
        }
        currentPos = pos;
        long now = System.nanoTime();
        if (now - start < 1_000_000_000L || now - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = now;
        long at = done + currentPos;
        String pct = total > 0 ? String.format(" (%d%%)", Math.min(100, at * 100 / total)) : "";
        err.print("\rdisklog: " + (in.isStdin() ? "(stdin)" : in.name()) + ": " + mb(at)
                + (total > 0 ? " of " + mb(total) : "") + pct + "   ");
        err.flush();
        drawn = true;
    }

    public void finish() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private static String mb(long bytes) {
        return bytes >= 1L << 30 ? String.format("%.1f GB", bytes / (double) (1L << 30))
                : String.format("%d MB", bytes >> 20);
    }
}
