package io.jcoro.disklog.read;

/**
 * How a big plain file is read on several cores (see {@link Parallel}). Not an option of the command line: the
 * defaults are what was measured best on two to four cores; tests use small segments to make many cuts.
 *
 * @param workers       filter threads; below 2, every file is read in one pass
 * @param parallelBytes files at least this big are read by the workers
 * @param segmentBytes  bytes per segment
 */
public record Tuning(int workers, long parallelBytes, long segmentBytes) {
    /** A worker per core, up to four; files of 64 MB or more; 8 MB segments. */
    public static Tuning defaults() {
        return new Tuning(Math.min(4, Runtime.getRuntime().availableProcessors()), 64L << 20, 8L << 20);
    }
}
