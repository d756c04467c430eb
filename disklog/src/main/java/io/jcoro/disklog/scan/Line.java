package io.jcoro.disklog.scan;

import io.jcoro.disklog.family.Family;
import io.jcoro.disklog.read.Input;

/**
 * A line the scanner found worth a look, with its envelope (timestamp, priority) taken apart and the family its
 * message belongs to. Only such lines become objects; the rest of the log is looked at as bytes and dropped.
 */
public final class Line {
    /**
     * Not a line: the followed input has been quiet for a while (--follow). The correlator answers it by showing the
     * drives whose counts changed.
     */
    public static final Line QUIET = new Line(null, 0, 0, "", null, "", "", Double.NaN, null, null, false);

    public final Input input;
    /** 1-based line number in its input. */
    public final long number;
    /** Position among the lines kept from the whole stream, for ordering evidence and nearness. */
    public final long seq;
    /** The whole line as read (UTF-8, bad bytes replaced). */
    public final String text;
    /** The family its message belongs to; null for a continuation (a line with no prefix of its own). */
    public final Family family;
    /**
     * The kernel message and the time, when they are not slices of {@link #text} (a JSON line, a /dev/kmsg time);
     * otherwise null and the slices are given by the offsets below. Evidence lines are kept for the whole run, so a
     * line holds one String, not three.
     */
    private final String message;
    private final String time;
    private final int messageFrom;
    private final int messageTo;
    private final int timeFrom;
    private final int timeTo;
    /** Seconds since boot, or NaN when the envelope has none. */
    public final double uptime;
    /** journald's _BOOT_ID (JSON lines only), else null. */
    public final String bootId;
    /**
     * The host the line's envelope names (syslog, RFC 5424, journalctl's formats), or null: dmesg and bare lines
     * name none. The same String for every line of a host.
     */
    public final String host;
    /** A line with no prefix of its own, handed over because the correlator asked for the lines that follow. */
    public final boolean continuation;

    /** A line whose message and time are the given Strings. */
    public Line(Input input, long number, long seq, String text, Family family, String message, String time,
                double uptime, String bootId, String host, boolean continuation) {
        this(input, number, seq, text, family, message, -1, -1, time, -1, -1, uptime, bootId, host, continuation);
    }

    /** A line whose message ({@code text[messageFrom, messageTo)}) and time (likewise) are slices of its text. */
    public Line(Input input, long number, long seq, String text, Family family, int messageFrom, int messageTo,
                int timeFrom, int timeTo, double uptime, String host, boolean continuation) {
        this(input, number, seq, text, family, null, messageFrom, messageTo, null, timeFrom, timeTo, uptime, null,
                host, continuation);
    }

    private Line(Input input, long number, long seq, String text, Family family, String message, int messageFrom,
                 int messageTo, String time, int timeFrom, int timeTo, double uptime, String bootId, String host,
                 boolean continuation) {
        this.input = input;
        this.number = number;
        this.seq = seq;
        this.text = text;
        this.family = family;
        this.message = message;
        this.messageFrom = messageFrom;
        this.messageTo = messageTo;
        this.time = time;
        this.timeFrom = timeFrom;
        this.timeTo = timeTo;
        this.uptime = uptime;
        this.bootId = bootId;
        this.host = host;
        this.continuation = continuation;
    }

    /** The kernel message without its envelope, trailing blanks removed. */
    public String message() {
        return message != null ? message : text.substring(messageFrom, messageTo);
    }

    /** The time as the log shows it (dmesg seconds, syslog or ISO date), or "" when the line has none. */
    public String time() {
        if (time != null) {
            return time;
        }
        return timeFrom < 0 ? "" : text.substring(timeFrom, timeTo).strip();
    }

    /** The time as the log shows it, or {@code line N} when it shows none. */
    public String when() {
        String t = time();
        return t.isEmpty() ? "line " + number : t;
    }

    /** Where the line is: {@code input:number}. */
    public String where() {
        return (input.isStdin() ? "(stdin)" : input.name()) + ":" + number;
    }

    @Override
    public String toString() {
        return where() + " " + text;
    }
}
