package io.jcoro.disklog;

/**
 * A buffer of bytes read from one input, handed from the reader to the matcher. The matcher answers with how many
 * bytes it consumed (the start of the partial line at the end); the reader keeps the rest for the next chunk.
 * One chunk object per input is reused: its contents are valid only until the next {@code send}.
 */
final class Chunk {
    final Input input;
    byte[] buf;
    int len;
    /** No more bytes will follow from this input: a partial last line is a complete line. */
    boolean last;
    /**
     * Set for a segment filtered by {@link Parallel}: the number of each line in the chunk (-1 for a gap where
     * lines were dropped), counted from {@link #base}.
     */
    long[] numbers;
    long base;

    Chunk(Input input, byte[] buf) {
        this.input = input;
        this.buf = buf;
    }
}
