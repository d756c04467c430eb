package io.jcoro.disklog.plan;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A line's time as its envelope shows it, as seconds since the epoch, to tell which of two files is older. Only
 * times that say when: ISO dates (journalctl short-iso, RFC 5424, rsyslog's RFC 3339 files, journal JSON), dmesg
 * {@code -T} and SONiC dates with their year, and classic syslog dates, whose year is taken from the file's
 * modification time (a line is not newer than its file: {@code Dec 31} in a file last written on {@code Jan 2} is of
 * the year before). dmesg's uptime counts from its boot and says nothing about which boot: no time.
 */
final class Stamps {
    private Stamps() {
    }

    /** No time. */
    static final long NONE = Long.MIN_VALUE;

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
        "Dec"};

    /** The time {@code t} shows, in seconds since the epoch, or {@link #NONE}; {@code mtime}: the file's, in ms. */
    static long parse(String t, long mtime) {
        t = t.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            if (t.length() >= 19 && digits(t, 0, 4) && t.charAt(4) == '-' && t.charAt(7) == '-'
                    && (t.charAt(10) == 'T' || t.charAt(10) == ' ') && t.charAt(13) == ':') {
                return iso(t);
            }
            String[] w = t.split(" +");
            if (w.length >= 4 && digits(w[0], 0, 4) && w[0].length() == 4 && month(w[1]) > 0) {
                return at(Integer.parseInt(w[0]), month(w[1]), Integer.parseInt(w[2]), w[3]); // SONiC
            }
            if (w.length >= 3 && month(w[0]) > 0) {
                return yearless(month(w[0]), Integer.parseInt(w[1]), w[2], mtime); // classic syslog
            }
            if (w.length >= 5 && month(w[1]) > 0 && digits(w[4], 0, 4)) {
                return at(Integer.parseInt(w[4].substring(0, 4)), month(w[1]), Integer.parseInt(w[2]), w[3]); // ctime
            }
        } catch (NumberFormatException | DateTimeException | IndexOutOfBoundsException e) {
            return NONE;
        }
        return NONE;
    }

    /** {@code YYYY-MM-DD[T ]hh:mm:ss[.frac][Z|+hhmm|+hh:mm]}; no zone: UTC. */
    private static long iso(String t) {
        long s = at(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(5, 7)),
                Integer.parseInt(t.substring(8, 10)), t.substring(11, 19));
        int i = 19;
        while (i < t.length() && (t.charAt(i) == '.' || t.charAt(i) == ',' || Character.isDigit(t.charAt(i)))) {
            i++;
        }
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            String z = t.substring(i + 1).replace(":", "");
            if (z.length() >= 4 && digits(z, 0, 4)) {
                int offset = Integer.parseInt(z.substring(0, 2)) * 3600 + Integer.parseInt(z.substring(2, 4)) * 60;
                s -= t.charAt(i) == '+' ? offset : -offset;
            }
        }
        return s;
    }

    private static long yearless(int month, int day, String time, long mtime) {
        LocalDate file = LocalDate.ofEpochDay(Math.floorDiv(mtime, 86_400_000L));
        int year = file.getYear();
        if (month == 2 && day == 29) {
            while (!LocalDate.of(year, 1, 1).isLeapYear() || LocalDate.of(year, 2, 29).isAfter(file.plusDays(1))) {
                year--;
            }
        } else if (LocalDate.of(year, month, day).isAfter(file.plusDays(1))) {
            year--;
        }
        return at(year, month, day, time);
    }

    private static long at(int year, int month, int day, String time) {
        long days = LocalDate.of(year, month, day).toEpochDay();
        int h = Integer.parseInt(time.substring(0, 2));
        int m = Integer.parseInt(time.substring(3, 5));
        int s = Integer.parseInt(time.substring(6, 8));
        if (time.charAt(2) != ':' || time.charAt(5) != ':') {
            throw new NumberFormatException(time);
        }
        return days * 86_400L + h * 3600L + m * 60L + s;
    }

    private static int month(String w) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(w)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean digits(String s, int from, int to) {
        if (s.length() < to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
