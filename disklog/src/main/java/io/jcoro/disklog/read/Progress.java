package io.jcoro.disklog.read;

import java.io.PrintStream;
import java.util.List;

/**
 * Progress on stderr for big inputs, when stderr is a terminal: one line, drawn only while bytes flow (never while
 * disklog merely waits for input), redrawn at most four times a second, and erased before anything else is printed
 * and at the end. A ticker thread draws it; the reader only records how far it is. Sizes are those of the files on
 * disk (compressed bytes for a compressed file).
 */
public final class Progress {
    /** Nothing is drawn in a run's first second, nor before this many bytes: a small input is over before. */
    private static final long MIN_BYTES = 1L << 20;

    private final PrintStream err;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private Input current;
    private long currentPos;
    private long lastAt = -1;
    private long lastMove;
    private boolean drawn;
    private Thread ticker;
    private boolean finished;

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

    /** The reader is {@code pos} bytes into {@code in}. */
    public void update(Input in, long pos) {
        synchronized (this) {
            if (in != current) {
                if (current != null) {
                    done += currentPos;
                }
                current = in;
            }
            currentPos = pos;
            if (ticker != null || finished) {
                return;
            }
            ticker = Thread.ofPlatform().daemon().name("disklog-progress").unstarted(this::tick);
        }
        ticker.start();
    }

    private void tick() {
        while (true) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (finished) {
                    return;
                }
                long now = System.nanoTime();
                long at = done + currentPos;
                if (at != lastAt) {
                    lastAt = at;
                    lastMove = now;
                    if (now - start >= 1_000_000_000L && at >= MIN_BYTES) {
                        draw(at);
                    }
                } else if (drawn && now - lastMove >= 500_000_000L) {
                    erase(); // waiting for input: no line that looks like work
                }
            }
        }
    }

    private void draw(long at) {
        String pct = total > 0 ? String.format(" (%d%%)", Math.min(100, at * 100 / total)) : "";
        err.print("\rdisklog: " + current.label() + ": " + mb(at) + (total > 0 ? " of " + mb(total) : "") + pct
                + "   \033[K");
        err.flush();
        drawn = true;
    }

    private void erase() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    /** A line on stderr, the progress line erased first (it is drawn again when bytes flow). */
    public synchronized void println(String line) {
        erase();
        err.println(line);
    }

    /** Erases the line before the results are printed (stdout and stderr may be the same terminal). */
    public synchronized void clear() {
        erase();
    }

    /** The end: the line is erased and not drawn again. */
    public synchronized void finish() {
        finished = true;
        erase();
    }

    private static String mb(long bytes) {
        return bytes >= 1L << 30 ? String.format("%.1f GB", bytes / (double) (1L << 30))
                : String.format("%d MB", bytes >> 20);
    }
}
