package io.jcoro.disklog.gen;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Wraps a kernel message in the envelope of a {@link Format}. Fast enough for gigabytes: the date parts are
 * formatted once per second of log time, the uptime digit by digit.
 */
public final class Envelope {
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private final String host;
    private long cachedSecond = Long.MIN_VALUE;
    private String syslogDate;
    private String ctimeDate;
    private String isoDate;
    private long kmsgSeq;

    public Envelope(String host) {
        this.host = host;
    }

    /**
     * One line (without its newline).
     *
     * @param uptimeMicros microseconds since boot
     * @param wallMicros   wall clock, microseconds since the epoch (UTC)
     * @param priority     syslog severity 0..7
     * @param bootId       journald boot id (JSON)
     */
    public void line(StringBuilder sb, Format f, long uptimeMicros, long wallMicros, int priority, String bootId,
                     int callerTid, String message) {
        switch (f) {
            case DMESG -> {
                uptime(sb.append('['), uptimeMicros).append("] ").append(message);
            }
            case DMESG_T -> {
                dates(wallMicros);
                sb.append('[').append(ctimeDate).append("] ").append(message);
            }
            case DMESG_R -> uptime(sb.append('<').append(priority).append(">["), uptimeMicros).append("] ").append(message);
            case DMESG_CALLER -> {
                uptime(sb.append('['), uptimeMicros).append("][");
                String tid = Integer.toString(callerTid);
                sb.append(" ".repeat(Math.max(0, 6 - tid.length() - 1))).append('T').append(tid).append("] ").append(message);
            }
            case SYSLOG -> {
                dates(wallMicros);
                sb.append(syslogDate).append(' ').append(host).append(" kernel: ");
                uptime(sb.append('['), uptimeMicros).append("] ").append(message);
            }
            case SHORT -> {
                dates(wallMicros);
                sb.append(syslogDate).append(' ').append(host).append(" kernel: ").append(message);
            }
            case SHORT_ISO -> {
                dates(wallMicros);
                sb.append(isoDate).append("+0000 ").append(host).append(" kernel: ").append(message);
            }
            case SHORT_PRECISE -> {
                dates(wallMicros);
                sb.append(syslogDate).append('.');
                six(sb, wallMicros % 1_000_000);
                sb.append(' ').append(host).append(" kernel: ").append(message);
            }
            case JSON -> {
                sb.append("{\"__REALTIME_TIMESTAMP\":\"").append(wallMicros)
                        .append("\",\"__MONOTONIC_TIMESTAMP\":\"").append(uptimeMicros)
                        .append("\",\"_BOOT_ID\":\"").append(bootId)
                        .append("\",\"PRIORITY\":\"").append(priority)
                        .append("\",\"_TRANSPORT\":\"kernel\",\"SYSLOG_IDENTIFIER\":\"kernel\",\"_HOSTNAME\":\"").append(host)
                        .append("\",\"MESSAGE\":\"");
                jsonEscape(sb, message);
                sb.append("\"}");
            }
            case RFC5424 -> {
                dates(wallMicros);
                sb.append('<').append(priority).append(">1 ").append(isoDate).append('.');
                six(sb, wallMicros % 1_000_000);
                sb.append("+00:00 ").append(host).append(" kernel - - - ").append(message);
            }
            case KMSG -> sb.append(priority).append(',').append(kmsgSeq++).append(',').append(uptimeMicros).append(",-;")
                    .append(message);
            case SEED -> sb.append(message);
            case MIXED -> throw new IllegalArgumentException("MIXED is resolved per line by the caller");
        }
    }

    private void dates(long wallMicros) {
        long second = Math.floorDiv(wallMicros, 1_000_000);
        if (second != cachedSecond) {
            cachedSecond = second;
            LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneOffset.UTC);
            syslogDate = SYSLOG.format(t);
            ctimeDate = CTIME.format(t);
            isoDate = ISO.format(t);
        }
    }

    /** dmesg's uptime: seconds right-aligned in 5 columns (wider when needed), a point, six digits. */
    static StringBuilder uptime(StringBuilder sb, long micros) {
        long s = micros / 1_000_000;
        String sec = Long.toString(s);
        for (int i = sec.length(); i < 5; i++) {
            sb.append(' ');
        }
        sb.append(sec).append('.');
        six(sb, micros % 1_000_000);
        return sb;
    }

    private static void six(StringBuilder sb, long v) {
        String d = Long.toString(v);
        for (int i = d.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(d);
    }

    private static void jsonEscape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
