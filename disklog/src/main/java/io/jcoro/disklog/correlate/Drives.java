package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Line;
import io.jcoro.disklog.serial.Resolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every drive the log has shown, whatever machine and boot: a serial is a physical drive wherever it turns up, so
 * a serial seen again brings back the same Drive. Also the drives that have just started failing, for the
 * correlator to yield.
 */
final class Drives {
    private int nextId;
    /**
     * Every drive seen, in the order first seen. A set: a drive found again after a reboot or a hot-swap is merged
     * into the one that had its serial, and removing it from a list cost a scan of every drive, for every merge.
     */
    final Set<Drive> all = new LinkedHashSet<>();
    final Map<String, Drive> bySerial = new HashMap<>();
    final List<Drive> newlyFailing = new ArrayList<>();
    long unattributed;

    Drive add(boolean logical, Host host) {
        Drive d = new Drive(nextId++, logical);
        d.hosts.add(host);
        all.add(d);
        return d;
    }

    /** Evidence on a drive, whatever its kind; a failure on a removed drive is the noise of the pull. */
    void record(Drive d, Kind k, Line l, Host host) {
        if (k.failure && d.removed != null) {
            k = Kind.AFTER_REMOVAL;
        }
        d.add(k, l, host);
        if (k.failure && !d.failing) {
            d.failing = true;
            newlyFailing.add(d);
        }
    }

    /** The failing drives (of the hosts asked for) whose counts changed since they were shown (--follow). */
    List<Drive> changedSinceShown(HostPatterns keep) {
        List<Drive> out = new ArrayList<>();
        for (Drive d : all) {
            if (d.failing && d.shown > 0 && d.count() != d.shown && kept(d, keep)) {
                out.add(d);
            }
        }
        return out;
    }

    /** {@code old} turned out to be {@code now} (they share a serial): one drive from here on. */
    void merged(Drive old, Drive now) {
        all.remove(old);
        newlyFailing.remove(old);
        if (now.failing) {
            all.add(now); // (kept in its place when it is there already)
        }
    }

    /** Is the drive on a host --host asks for? */
    static boolean kept(Drive d, HostPatterns keep) {
        if (keep.all()) {
            return true;
        }
        for (Host h : d.hosts) {
            if (keep.matches(h)) {
                return true;
            }
        }
        return false;
    }

    /** Drives by their first error (a class, not a lambda: a lambda would be spun at run time). */
    private static final class ByFirstError implements Comparator<Drive> {
        @Override
        public int compare(Drive a, Drive b) {
            return Long.compare(a.first == null ? Long.MAX_VALUE : a.first.seq, b.first == null ? Long.MAX_VALUE : b.first.seq);
        }
    }

    private static final Comparator<Drive> BY_FIRST_ERROR = new ByFirstError();

    /**
     * The failing drives, serials the log lacked resolved (a lookup by address or name only for a drive that still
     * holds one in {@code now}), drives that turn out to share a serial made one.
     */
    Findings findings(List<Machine> machines, Resolver resolver, long lines, HostPatterns keep) {
        List<Drive> failing = new ArrayList<>();
        AtEnd now = new AtEnd(machines);
        int boots = 0;
        for (Machine m : machines) {
            boots += m.boots;
        }
        for (Drive d : all) {
            if (d.failing && kept(d, keep)) {
                d.currentNames = now.names(d);
                if (d.serial == null) {
                    resolver.resolve(d, now);
                }
                failing.add(d);
            }
        }
        Map<String, Drive> bySerialOut = new LinkedHashMap<>();
        List<Drive> out = new ArrayList<>();
        failing.sort(BY_FIRST_ERROR);
        for (Drive d : failing) {
            if (d.serial != null && bySerialOut.containsKey(d.serial)) {
                bySerialOut.get(d.serial).absorb(d);
                continue;
            }
            if (d.serial != null) {
                bySerialOut.put(d.serial, d);
            }
            out.add(d);
        }
        List<Host> hosts = new ArrayList<>();
        for (Machine m : machines) {
            if (keep.matches(m.host)) {
                hosts.add(m.host);
            }
        }
        return new Findings(out, unattributed, boots, lines, hosts);
    }
}
