package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Line;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One physical drive (or one logical device: dm, md, loop) as the log shows it over time: what identifies it,
 * the names and addresses it had, and the evidence against it. A drive is not a name: after a hot-swap the same
 * name and address belong to a new Drive; after a reboot the same serial brings back the same Drive.
 *
 * <p>Memory per drive is bounded: the first {@link #HEAD} and the last {@link #TAIL} evidence lines are kept, the
 * rest are counted.
 */
public final class Drive {
    public static final int HEAD = 40;
    public static final int TAIL = 10;

    /** One line of evidence, what it says, and the host it was logged by. */
    public record Evidence(Kind kind, Line line, Host host) {
    }

    public final int id;
    /** The hosts it was seen on: more than one for a drive moved from one machine to another. */
    public final Set<Host> hosts = new LinkedHashSet<>();
    /** The host of its last evidence line. */
    public Host lastHost;
    /** dm-N, mdN, loopN, mapper/NAME: reported under its name, with members where the log names them. */
    public final boolean logical;
    public String serial;
    /** Where the serial came from: "log", "log (USB ...)", "inventory", "sysfs". */
    public String serialSource;
    public String vendor;
    public String model;
    public String firmware;
    public String wwn;
    public String size;
    public String slot;
    /** The SCSI address (H:C:T:L) or NVMe PCI function it had last. */
    public String address;
    public final Set<String> addresses = new LinkedHashSet<>();
    /** Whole-disk names it had (sdc, nvme0n1). */
    public final Set<String> names = new LinkedHashSet<>();
    /** For each name, the last line that showed this drive under it. */
    public final Map<String, Line> nameSeen = new java.util.HashMap<>();
    /**
     * The names it held at the end of the log (after a reboot or a hot-swap a name may belong to another drive);
     * null while the log is being read.
     */
    public List<String> currentNames;
    /** Why a serial lookup ({@code --inventory}) that named this drive's address or name was not applied, or null. */
    public String serialNote;
    /** Device tokens as the error lines spelled them (sdc1, nvme0n1p2). */
    public final Set<String> errorDevices = new LinkedHashSet<>();
    public final Set<String> members = new LinkedHashSet<>();
    public String ataPort;
    public String nvmeController;
    /** The drive was announced by a discovery line (scsi ... Direct-Access, or the seed's "Attached Disk Drive"). */
    public boolean announced;
    /** The line that shows it was pulled (ataN.00: detaching, USB disconnect, SAS removal); null while present. */
    public Line removed;
    public boolean failing;
    /** What the row must say about how the device was told (a btrfs file system that names no device at fault). */
    public String note;

    public final List<Evidence> head = new ArrayList<>();
    public final ArrayDeque<Evidence> tail = new ArrayDeque<>();
    public final List<Evidence> removal = new ArrayList<>();
    public long evidenceCount;
    public final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    /** Error lines (failure kinds), plus errors the kernel said it suppressed. */
    public long failures;
    public long suppressed;
    public Line first;
    public Line last;
    public long lastFailureSeq = Long.MIN_VALUE / 2;
    /** The count it was last shown with (--follow shows a drive again when its count changes). */
    public long shown;

    /** Its errors: error lines, and errors the kernel said it suppressed. */
    public long count() {
        return failures + suppressed;
    }

    Drive(int id, boolean logical) {
        this.id = id;
        this.logical = logical;
    }

    /** Nothing has happened to it yet beyond being named by a serial line. */
    boolean fresh() {
        return !announced && names.isEmpty() && evidenceCount == 0 && removed == null;
    }

    void named(String name, Line at) {
        names.add(name);
        if (at != null) {
            nameSeen.put(name, at);
        }
    }

    void at(String addr) {
        if (addr != null) {
            address = addr;
            addresses.add(addr);
        }
    }

    void add(Kind kind, Line line, Host host) {
        Evidence ev = new Evidence(kind, line, host);
        hosts.add(host);
        counts.merge(kind, 1L, Long::sum);
        if (kind == Kind.REMOVAL || kind == Kind.AFTER_REMOVAL) {
            if (removal.size() < HEAD) {
                removal.add(ev);
            }
            return;
        }
        evidenceCount++;
        if (head.size() < HEAD) {
            head.add(ev);
        } else {
            tail.addLast(ev);
            if (tail.size() > TAIL) {
                tail.removeFirst();
            }
        }
        if (first == null || line.seq < first.seq) {
            first = line;
        }
        if (last == null || line.seq > last.seq) {
            last = line;
            lastHost = host;
        }
        if (kind.failure) {
            failures++;
            lastFailureSeq = Math.max(lastFailureSeq, line.seq);
        }
    }

    /** A class, not Comparator.comparingLong and a lambda, which would be spun at run time (start-up pays). */
    private static final class InLogOrder implements Comparator<Evidence> {
        @Override
        public int compare(Evidence a, Evidence b) {
            return Long.compare(a.line().seq, b.line().seq);
        }
    }

    private static final Comparator<Evidence> IN_LOG_ORDER = new InLogOrder();

    /** The evidence kept, in log order. */
    public List<Evidence> evidence() {
        List<Evidence> all = new ArrayList<>(head);
        all.addAll(tail);
        all.sort(IN_LOG_ORDER);
        return all;
    }

    public long omitted() {
        return evidenceCount - head.size() - tail.size();
    }

    /** The failure kinds seen, in the order they first appeared. */
    public List<Kind> kinds() {
        List<Kind> out = new ArrayList<>();
        for (Evidence e : evidence()) {
            if (e.kind().failure && !out.contains(e.kind())) {
                out.add(e.kind());
            }
        }
        for (Kind k : counts.keySet()) {
            if (k.failure && !out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Takes over another Drive's identity details and evidence: both were the same physical drive. */
    void absorb(Drive other) {
        if (vendor == null) {
            vendor = other.vendor;
        }
        if (model == null) {
            model = other.model;
        }
        if (firmware == null) {
            firmware = other.firmware;
        }
        if (wwn == null) {
            wwn = other.wwn;
        }
        if (size == null) {
            size = other.size;
        }
        if (slot == null) {
            slot = other.slot;
        }
        if (ataPort == null) {
            ataPort = other.ataPort;
        }
        if (nvmeController == null) {
            nvmeController = other.nvmeController;
        }
        addresses.addAll(other.addresses);
        if (other.address != null) {
            address = other.address;
        }
        names.addAll(other.names);
        for (var e : other.nameSeen.entrySet()) {
            Line mine = nameSeen.get(e.getKey());
            if (mine == null || e.getValue().seq > mine.seq) {
                nameSeen.put(e.getKey(), e.getValue());
            }
        }
        errorDevices.addAll(other.errorDevices);
        members.addAll(other.members);
        announced |= other.announced;
        if (other.removed != null && (removed == null || other.removed.seq > removed.seq)) {
            removed = other.removed;
        }
        hosts.addAll(other.hosts);
        for (Evidence e : other.evidence()) {
            add(e.kind(), e.line(), e.host());
        }
        evidenceCount += other.omitted();
        for (Evidence e : other.removal) {
            add(e.kind(), e.line(), e.host());
        }
        suppressed += other.suppressed;
        failures += other.omittedFailures();
        failing |= other.failing;
    }

    private long omittedFailures() {
        long kept = 0;
        for (Evidence e : evidence()) {
            if (e.kind().failure) {
                kept++;
            }
        }
        return failures - kept;
    }

    /**
     * What the table shows as the device: the whole-disk names, those it holds at the end of the log first and the
     * others with the last time it was seen under them ({@code sdd, sdc (until 12:04:31)}: after a reboot or a
     * hot-swap the name may be another drive's now); or the logical name with its members.
     */
    public String deviceLabel() {
        List<String> shown = new ArrayList<>();
        if (currentNames != null && !logical) {
            for (String n : names) {
                if (currentNames.contains(n)) {
                    shown.add(n);
                }
            }
            for (String n : names) {
                if (!currentNames.contains(n)) {
                    Line seen = nameSeen.get(n);
                    shown.add(seen == null ? n : n + " (until " + seen.when() + ")");
                }
            }
        } else {
            shown.addAll(names);
        }
        String n = String.join(", ", shown);
        if (logical && !members.isEmpty()) {
            return n + " (" + String.join(" ", members) + ")";
        }
        if (n.isEmpty() && nvmeController != null) {
            return nvmeController;
        }
        return n.isEmpty() ? "-" : n;
    }

    public String modelLabel() {
        if (logical) {
            String n = names.isEmpty() ? "" : names.iterator().next();
            if (n.startsWith("md")) {
                return "md RAID";
            }
            if (n.startsWith("dm-") || n.startsWith("mapper/")) {
                return "device-mapper";
            }
            if (n.startsWith("loop")) {
                return "loop device";
            }
            if (n.startsWith("btrfs:")) {
                return "btrfs file system";
            }
            return "logical device";
        }
        if (model != null) {
            return vendor != null && !vendor.equals("ATA") && !model.startsWith(vendor) ? vendor + " " + model : model;
        }
        if (nvmeController != null) {
            return "NVMe (" + nvmeController + ")";
        }
        return "?";
    }
}
