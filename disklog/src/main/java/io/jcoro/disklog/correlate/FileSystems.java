package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.regex.Pattern;

/** File systems: XFS, ext2/3/4 and their jbd2 journal, btrfs. Each names a block device; errors go to its disk. */
final class FileSystems {
    private FileSystems() {
    }

    private static final Pattern XFS = Pattern.compile("XFS \\(([^)]+)\\): (.*)");
    private static final Pattern XFS_SEED = Pattern.compile("XFS ERROR \\[(\\w+)\\].*");
    private static final Pattern EXT_DEVICE = Pattern.compile("EXT[234]-fs (error|warning) \\(device ([^)]+)\\):? ?(.*)");
    private static final Pattern EXT_FS = Pattern.compile("EXT[234]-fs \\(([^)]+)\\): (.*)");
    private static final Pattern JBD2 = Pattern.compile("JBD2: .*(?:[Ee]rror|IO|I/O).* (?:on|for) (\\S+?)\\.?");
    private static final Pattern ABORTING = Pattern.compile("Aborting journal on device (\\S+?)\\.?");
    private static final Pattern BTRFS = Pattern.compile("BTRFS:? ?(\\w*) \\(device ([^):\\s]+)(?:[: ]+state [^)]*)?\\):? ?(.*)");
    private static final Pattern BTRFS_MEMBER = Pattern.compile("(?:bdev|on dev|dev) (/dev/\\S+?)(?:[\\s,)]|$)");
    /** A device of a btrfs file system, scanned at mount: {@code BTRFS: device fsid UUID devid 2 transid 7 /dev/sdb1}. */
    private static final Pattern BTRFS_SCAN =
            Pattern.compile("BTRFS: device (?:fsid (\\S+)|label (.+?)) devid \\d+ transid \\d+ (/dev/\\S+).*");

    static Attach xfs(Machine m, Line l, String msg) {
        var seed = XFS_SEED.matcher(msg);
        if (seed.matches()) {
            m.record(m.resolve(seed.group(1)), Kind.XFS_ERROR, l, seed.group(1));
            return Attach.NOTHING;
        }
        var x = XFS.matcher(msg);
        if (!x.matches()) {
            if (msg.startsWith("XFS: Internal error") || msg.startsWith("XFS: metadata I/O error")) {
                m.drives.unattributed++;
            }
            return Attach.NOTHING;
        }
        String token = x.group(1);
        String rest = x.group(2);
        Kind k = xfsKind(rest);
        if (k == null) {
            return Attach.NOTHING;
        }
        Drive d = m.resolve(token);
        m.record(d, k, l, token);
        if (k == Kind.XFS_CORRUPTION || rest.startsWith("First ")) {
            m.contDrive = d;
            return Attach.UNPREFIXED_LINES;
        }
        return Attach.NOTHING;
    }

    private static Kind xfsKind(String rest) {
        if (rest.contains("Shutting down filesystem") || rest.contains("has been shut down")
                || rest.startsWith("xfs_do_force_shutdown")) {
            return rest.contains("Block device removal") ? Kind.REMOVAL : Kind.XFS_SHUTDOWN;
        }
        if (rest.startsWith("Metadata corruption") || rest.startsWith("Metadata CRC error") || rest.startsWith("Corruption")
                || rest.startsWith("Internal error") || rest.contains("returned error -117")) {
            return Kind.XFS_CORRUPTION;
        }
        if (rest.startsWith("metadata I/O error") || rest.contains("returned error -5")) {
            return Kind.XFS_IO;
        }
        if (rest.startsWith("log I/O error") || rest.startsWith("xfs_log_force: error") || rest.startsWith("log mount/recovery failed")
                || rest.startsWith("Log I/O Error")) {
            return Kind.XFS_LOG;
        }
        if (rest.startsWith("writeback error")) {
            return Kind.XFS_WRITEBACK;
        }
        if (rest.startsWith("Unmount and run xfs_repair") || rest.startsWith("Please umount") || rest.startsWith("Please unmount")
                || rest.startsWith("First ") && rest.contains("corrupted")) {
            return Kind.CONTEXT;
        }
        return null;
    }

    static Attach ext(Machine m, Line l, String msg) {
        var x = EXT_DEVICE.matcher(msg);
        if (x.matches()) {
            String token = x.group(2);
            String rest = x.group(3);
            if (x.group(1).equals("error")) {
                m.record(m.resolve(token), Kind.EXT4_ERROR, l, token);
            } else if (rest.contains("I/O error")) {
                m.record(m.resolve(token), Kind.EXT4_IO, l, token);
            }
            return Attach.NOTHING;
        }
        x = EXT_FS.matcher(msg);
        if (x.matches()) {
            String token = x.group(1);
            String rest = x.group(2);
            Kind k = null;
            if (rest.startsWith("I/O error") || rest.startsWith("Delayed block allocation failed")
                    || rest.startsWith("This should not happen")) {
                k = Kind.EXT4_IO;
            } else if (rest.startsWith("Remounting filesystem read-only")) {
                k = Kind.EXT4_RO;
            } else if (rest.startsWith("error count since last fsck")) {
                k = Kind.EXT4_PAST;
            } else if (rest.startsWith("initial error at") || rest.startsWith("last error at")) {
                k = Kind.CONTEXT;
            }
            if (k != null) {
                m.record(m.resolve(token), k, l, token);
            }
        }
        return Attach.NOTHING;
    }

    static Attach jbd2(Machine m, Line l, String msg) {
        return journal(m, JBD2, Kind.JBD2_IO, l, msg);
    }

    static Attach aborting(Machine m, Line l, String msg) {
        return journal(m, ABORTING, Kind.JOURNAL_ABORT, l, msg);
    }

    /** A journal line whose first group names a journal device ("sda1-8"): recorded against its whole disk. */
    private static Attach journal(Machine m, Pattern pattern, Kind kind, Line l, String msg) {
        var j = pattern.matcher(msg);
        if (j.matches()) {
            String token = j.group(1);
            m.record(m.resolveWhole(Devices.journalDisk(token)), kind, l, token);
        }
        return Attach.NOTHING;
    }

    /**
     * btrfs names its file system by one of its devices, {@code (device sda1)}, on every line; the device at fault is
     * the one after {@code bdev}, {@code on dev} or {@code (dev ...}. A line that names none ({@code csum failed ...
     * mirror 2}, {@code bad tree block}) is charged to the device in parentheses only when the log shows the file
     * system has that one device; otherwise to the file system itself, a logical device whose members are the
     * devices the log showed in it: accusing the device that merely names it could send a technician to a healthy
     * drive.
     */
    static Attach btrfs(Machine m, Line l, String msg) {
        var scan = BTRFS_SCAN.matcher(msg);
        if (scan.matches()) {
            String fs = scan.group(1) != null ? scan.group(1) : "label " + scan.group(2);
            String dev = Devices.stripDev(scan.group(3));
            m.btrfsFs.put(dev, fs);
            m.btrfsDevices.computeIfAbsent(fs, k -> new java.util.LinkedHashSet<>()).add(dev);
            return Attach.NOTHING;
        }
        var b = BTRFS.matcher(msg);
        if (!b.matches()) {
            return Attach.NOTHING;
        }
        String level = b.group(1);
        String named = b.group(2);
        String rest = b.group(3);
        String fs = m.btrfsFs.get(named);
        java.util.Set<String> devices = fs == null ? null : m.btrfsDevices.get(fs);
        String token = null;
        var mem = BTRFS_MEMBER.matcher(rest);
        if (mem.find()) {
            token = mem.group(1);
            if (devices != null) {
                devices.add(Devices.stripDev(token));
            }
        } else if (devices != null && devices.size() == 1) {
            token = named; // a file system of one device: that device
        }
        Kind k = null;
        if (rest.contains("errs:")) {
            k = Kind.BTRFS_DEVSTAT;
        } else if (level.equals("error") || level.equals("critical") || level.equals("emerg") || level.equals("alert")) {
            k = Kind.BTRFS_ERROR;
        } else if (level.equals("warning")) {
            if (rest.contains("csum failed") || rest.contains("checksum error")) {
                k = Kind.BTRFS_CSUM;
            } else if (rest.contains("direct IO failed") || rest.contains("i/o error") || rest.contains("lost page write")) {
                k = Kind.BTRFS_ERROR;
            }
        } else if (level.equals("info") && rest.contains("read error corrected")) {
            k = Kind.BTRFS_CORRECTED;
        }
        if (k == null) {
            return Attach.NOTHING;
        }
        if (token != null) {
            m.recordInFamily(token, k, l, "btrfs");
            return Attach.NOTHING;
        }
        Drive fsDrive = m.logical("btrfs:" + named);
        fsDrive.members.add(named);
        if (devices != null) {
            fsDrive.members.addAll(devices);
        }
        fsDrive.note = "btrfs names no device at fault";
        m.record(fsDrive, k, l, null);
        m.lastByFamily.put("btrfs", fsDrive);
        return Attach.NOTHING;
    }
}
