package io.jcoro.disklog;

/**
 * A line the matcher found worth a look, with its envelope (timestamp, host, priority) taken apart. Only such
 * lines become objects; the rest of the log is looked at as bytes and dropped.
 */
final class Line {
    final Input input;
    /** 1-based line number in its input. */
    final long number;
    /** Position in the whole stream, for ordering evidence. */
    final long seq;
    /** The whole line as read (UTF-8, bad bytes replaced). */
    final String text;
    /** The kernel message without its envelope, trailing blanks removed. */
    final String message;
    /** The time as the log shows it (dmesg seconds, syslog or ISO date), or "" when the line has none. */
    final String time;
    /** Seconds since boot, or NaN when the envelope has none. */
    final double uptime;
    /** journald's _BOOT_ID (JSON lines only), else null. */
    final String bootId;
    /** A line with no prefix of its own, yielded because the correlator asked for continuations. */
    final boolean continuation;

    Line(Input input, long number, long seq, String text, String message, String time, double uptime,
         String bootId, boolean continuation) {
        this.input = input;
        this.number = number;
        this.seq = seq;
        this.text = text;
        this.message = message;
        this.time = time;
        this.uptime = uptime;
        this.bootId = bootId;
        this.continuation = continuation;
    }

    /** Where the line is: {@code input:number}. */
    String where() {
        return (input.isStdin() ? "(stdin)" : input.name) + ":" + number;
    }

    @Override
    public String toString() {
        return where() + " " + text;
    }
}
