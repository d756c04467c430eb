package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.regex.Pattern;

/**
 * Logical devices over several disks, whose members the log names: md RAID ({@code md/raid1:md0: Disk failure on
 * sdb1}) and device-mapper multipath, which names its paths by device number ({@code 253:3: Failing path 8:32.}).
 *
 * <p>An md array is not a drive: the member md names is charged (a failed member, a read error, a sector it
 * rescheduled or could not read), and the array is reported under its name with its members. raid1 names the
 * mirror a read is redirected to, which is the healthy one: a member, not a failure; raid10 names the device the
 * read failed on.
 */
final class LogicalDevices {
    private LogicalDevices() {
    }

    /** {@code md/raid1:md0: ...}, {@code md/raid:md0:} (raid4/5/6), {@code md/raid10:}; {@code mdX}: dm-raid (LVM). */
    private static final Pattern MD = Pattern.compile("md/raid\\d*:(md\\d+|mdX): (.*)");
    private static final Pattern MD_FAIL = Pattern.compile("(?:Disk failure on|Too many read errors, failing device) (\\S+?)[,.]?(?: disabling device.*)?");
    /** raid1, raid10: "read error corrected (8 sectors at 2048 on sdb1)"; raid5: also "not correctable (sector ...". */
    private static final Pattern MD_READ_ERROR = Pattern.compile(
            "read error (?:corrected|not correctable|NOT corrected!!) \\((?:\\d+ sectors? at \\d+|sector \\d+) on (\\S+?)\\).*");
    /** "sdb1: rescheduling sector", "sdb1: unrecoverable I/O read error for block", raid10's redirect and failing. */
    private static final Pattern MD_MEMBER_READ = Pattern.compile(
            "(\\S+): (?:rescheduling sector|unrecoverable I/O read error|redirecting sector \\d+ to another mirror"
                    + "|Raid device exceeded read_error threshold).*");
    private static final Pattern MD_MEMBER_FAILING = Pattern.compile("(\\S+): Failing raid device");
    /** raid1: the mirror a read goes to instead: the healthy one. */
    private static final Pattern MD_REDIRECT = Pattern.compile("redirecting sector \\d+ to other mirror: (\\S+)");
    /** raid4/5/6 at assembly: "device sdb1 operational as raid disk 0". */
    private static final Pattern MD_OPERATIONAL = Pattern.compile("device (\\S+) operational as raid disk \\d+");

    /** dm-mpath: "253:3: Failing path 8:32." (the dm device's numbers since about 4.x; older kernels omit them). */
    private static final Pattern MULTIPATH =
            Pattern.compile("device-mapper: multipath: (?:(\\d+):(\\d+): )?(Failing|Reinstating) path (\\d+):(\\d+)\\.?");

    static Attach md(Machine m, Line l, String msg) {
        var md = MD.matcher(msg);
        if (!md.matches()) {
            return Attach.NOTHING;
        }
        Drive array = m.logical(md.group(1));
        String rest = md.group(2);
        var f = MD_FAIL.matcher(rest);
        if (f.matches()) {
            member(m, array, l, f.group(1), Kind.MD_MEMBER);
            return Attach.NOTHING;
        }
        var failing = MD_MEMBER_FAILING.matcher(rest);
        if (failing.matches()) {
            member(m, array, l, failing.group(1), Kind.MD_MEMBER);
            return Attach.NOTHING;
        }
        var c = MD_READ_ERROR.matcher(rest);
        if (c.matches()) {
            member(m, array, l, c.group(1), Kind.MD_READ);
            return Attach.NOTHING;
        }
        var r = MD_MEMBER_READ.matcher(rest);
        if (r.matches()) {
            member(m, array, l, r.group(1), Kind.MD_READ);
            return Attach.NOTHING;
        }
        var red = MD_REDIRECT.matcher(rest);
        if (red.matches()) {
            healthy(m, array, red.group(1));
            return Attach.NOTHING;
        }
        var op = MD_OPERATIONAL.matcher(rest);
        if (op.matches()) {
            healthy(m, array, op.group(1));
        }
        return Attach.NOTHING;
    }

    /** A member the line charges. */
    private static void member(Machine m, Drive array, Line l, String token, Kind k) {
        healthy(m, array, token);
        m.record(m.resolve(token), k, l, token);
    }

    /** A member the line names without charging it. */
    private static void healthy(Machine m, Drive array, String token) {
        array.members.add(token);
        String name = array.names.isEmpty() ? null : array.names.iterator().next();
        if (name != null && !Devices.isLogical(Devices.wholeDisk(token))) {
            m.mdArray.put(Devices.wholeDisk(token), name);
        }
    }

    /**
     * Each path multipath names is a member of the dm device, and a failed path is evidence on it (a path can fail
     * for a cable or an HBA: not a failure of the drive).
     */
    static Attach multipath(Machine m, Line l, String msg) {
        var mp = MULTIPATH.matcher(msg);
        if (!mp.matches() || mp.group(2) == null) {
            return Attach.NOTHING; // without the dm device's numbers the path belongs to no device we can name
        }
        Drive dm = m.logical("dm-" + Integer.parseInt(mp.group(2)));
        String path = Devices.sdByNumber(Integer.parseInt(mp.group(4)), Integer.parseInt(mp.group(5)));
        dm.members.add(path != null ? path : mp.group(4) + ":" + mp.group(5));
        if (mp.group(3).equals("Failing")) {
            m.evidence(dm, Kind.PATH_FAILED, l);
        }
        return Attach.NOTHING;
    }
}
