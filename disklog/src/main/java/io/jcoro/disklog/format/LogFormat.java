package io.jcoro.disklog.format;

/**
 * One log format's envelope parser: where the kernel message starts in a line of that format, with the envelope's
 * fields filled in. Formats are recognised per line ({@link Envelopes} picks the parser from the first bytes), so a
 * file that mixes them is fine.
 */
interface LogFormat {
    /** Not this format: the caller tries another. */
    int NOT_THIS = Integer.MIN_VALUE;
    /** The line is in this format but is no kernel message (another program's line in a syslog file). */
    int NOT_KERNEL = -1;

    /**
     * The start of the message in {@code b[s, e)}, {@link #NOT_KERNEL}, or {@link #NOT_THIS}; fills {@code env}.
     * A parser that cannot tell returns {@code s}: the line is a bare message.
     */
    int parse(byte[] b, int s, int e, Envelope env);
}
