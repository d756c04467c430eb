package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.regex.Pattern;

/**
 * Logical devices over several disks, whose members the log names: md RAID ({@code md/raid1:md0: Disk failure on
 * sdb1}) and device-mapper multipath, which names its paths by device number ({@code 253:3: Failing path 8:32.}).
 */
final class LogicalDevices {
    private LogicalDevices() {
    }

    private static final Pattern MD = Pattern.compile("md/raid\\d*:(md\\d+): (.*)");
    private static final Pattern MD_FAIL = Pattern.compile("Disk failure on (\\S+?),? disabling device.*");
    private static final Pattern MD_CORRECTED = Pattern.compile("read error (?:corrected|not correctable) \\(\\d+ sectors? at \\d+ on (\\S+?)\\).*");
    private static final Pattern MD_RESCHEDULE = Pattern.compile("(\\S+): rescheduling sector.*");
    private static final Pattern MD_REDIRECT = Pattern.compile("redirecting sector \\d+ to other mirror: (\\S+)");
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
        var c = MD_CORRECTED.matcher(rest);
        if (c.matches()) {
            member(m, array, l, c.group(1), Kind.MD_READ);
            return Attach.NOTHING;
        }
        var r = MD_RESCHEDULE.matcher(rest);
        if (r.matches()) {
            member(m, array, l, r.group(1), Kind.MD_READ);
            return Attach.NOTHING;
        }
        var red = MD_REDIRECT.matcher(rest);
        if (red.matches()) {
            array.members.add(red.group(1));
        }
        return Attach.NOTHING;
    }

    private static void member(Machine m, Drive array, Line l, String token, Kind k) {
        array.members.add(token);
        m.record(m.resolve(token), k, l, token);
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
