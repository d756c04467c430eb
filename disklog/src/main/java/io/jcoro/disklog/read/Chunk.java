package io.jcoro.disklog.read;

/**
 * A buffer of bytes read from one input, handed from the reader to the line scanner. The scanner answers with how
 * many bytes it consumed (the start of the partial line at the end); the reader keeps the rest for the next chunk.
 * One chunk object per input is reused: its contents are valid only until the next {@code send}.
 */
public final class Chunk {
    public final Input input;
    public final InputStats stats;
    public byte[] buf;
    public int len;
    /** No more bytes will follow from this input: a partial last line is a complete line. */
    public boolean last;
    /**
     * No bytes: the followed input has been quiet for a while (--follow). The correlator then reports the drives
     * whose counts changed since they were shown.
     */
    public boolean quiet;
    /**
     * Set for a segment filtered by {@link Parallel}: the number of each line in the chunk (-1 for a gap where
     * lines were dropped), counted from {@link #base}. Those lines were counted by the worker.
     */
    public long[] numbers;
    public long base;

    public Chunk(Input input, InputStats stats, byte[] buf) {
        this.input = input;
        this.stats = stats;
        this.buf = buf;
    }
}
