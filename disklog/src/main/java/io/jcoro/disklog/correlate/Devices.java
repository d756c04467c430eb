package io.jcoro.disklog.correlate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Block device names as the kernel prints them, taken back to the whole disk (docs/kernel-messages.md, "Device
 * names").
 *
 * <p>The kernel names a partition {@code <disk>p<N>} when the disk name ends in a digit and {@code <disk><N>}
 * otherwise, so a naive "strip trailing digits" is wrong ({@code nvme0n1} is a whole disk). jbd2 adds
 * {@code -<journal inode>} ({@code sda1-8}).
 */
public final class Devices {
    private Devices() {
    }

    /** Letter-named disk families, whose partitions are the name plus digits. */
    private static final Pattern LETTER_DISK = Pattern.compile("((?:sd|hd|vd|xvd)[a-z]+)\\d*");
    /** Digit-ending disk names, whose partitions are the name plus {@code p<N>}. */
    private static final Pattern DIGIT_DISK =
            Pattern.compile("((?:nvme\\d+(?:c\\d+)?n\\d+|mmcblk\\d+|md\\d+|loop\\d+|nbd\\d+|zd\\d+|rbd\\d+|nullb\\d+|drbd\\d+|pmem\\d+|dm-\\d+))(?:p\\d+)?");
    private static final Pattern NVME_NS = Pattern.compile("nvme(\\d+)(?:c(\\d+))?n\\d+");

    /**
     * The whole-disk name for a device token from a log line: {@code /dev/} dropped, partitions taken back to the
     * disk. Tokens of unknown shape are returned as they are (less {@code /dev/}).
     */
    public static String wholeDisk(String token) {
        String t = stripDev(token);
        Matcher m = LETTER_DISK.matcher(t);
        if (m.matches()) {
            return m.group(1);
        }
        m = DIGIT_DISK.matcher(t);
        if (m.matches()) {
            return m.group(1);
        }
        return t;
    }

    /** A jbd2 journal token ({@code sda1-8}, {@code dm-3-8}) without its journal-inode suffix, then whole disk. */
    public static String journalDisk(String token) {
        String t = stripDev(token);
        int dash = t.lastIndexOf('-');
        if (dash > 0 && dash < t.length() - 1 && allDigits(t, dash + 1) && !t.substring(0, dash).equals("dm")) {
            t = t.substring(0, dash);
        }
        return wholeDisk(t);
    }

    public static String stripDev(String token) {
        String t = token.strip();
        if (t.startsWith("/dev/")) {
            t = t.substring(5);
        }
        return t;
    }

    /**
     * True for names that are not a physical drive: device mapper, md, loop and network block devices. Errors on
     * them are reported under that name, with members where the log names them.
     */
    public static boolean isLogical(String whole) {
        return whole.startsWith("dm-") || whole.startsWith("mapper/") || LOGICAL.matcher(whole).matches();
    }

    /** (Compiled once: {@code String.matches} compiles its pattern on every call, and this runs for every error.) */
    private static final Pattern LOGICAL = Pattern.compile("md\\d+|md/.*|loop\\d+|nbd\\d+|zd\\d+|rbd\\d+|drbd\\d+|nullb\\d+");

    /**
     * The NVMe controller ({@code nvme0}) behind a namespace name, by the kernel's naming: {@code nvme0n1} is on
     * {@code nvme0}; a multipath path device {@code nvme1c0n1} is on controller {@code nvme0}. Null for other names.
     */
    public static String nvmeController(String whole) {
        Matcher m = NVME_NS.matcher(whole);
        if (!m.matches()) {
            return null;
        }
        return "nvme" + (m.group(2) != null ? m.group(2) : m.group(1));
    }

    /**
     * The SCSI disk a {@code major:minor} pair names ({@code 8:32} is sdc), for the device numbers device-mapper
     * prints; null for other majors (NVMe and most others are allocated dynamically and cannot be named).
     */
    public static String sdByNumber(int major, int minor) {
        int block;
        if (major == 8) {
            block = 0;
        } else if (major >= 65 && major <= 71) {
            block = major - 64;
        } else if (major >= 128 && major <= 135) {
            block = major - 120;
        } else {
            return null;
        }
        if (minor < 0 || minor > 255) {
            return null;
        }
        int index = block * 16 + (minor >> 4); // sixteen minors per disk: the disk, then fifteen partitions
        StringBuilder letters = new StringBuilder();
        int i = index;
        do {
            letters.insert(0, (char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return "sd" + letters;
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
