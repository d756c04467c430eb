package io.jcoro.disklog;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import io.jcoro.Yielder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/*
 * The correlator: the seed's get_serials, made to stream. It drives the matcher (sending it a Steer for every line,
 * as get_serials sends match_regex its next regular expression) and keeps, as the log goes forward, which drive
 * holds each name and each address *at this moment*:
 *
 *   name    -> Drive   set by any "sd H:C:T:L: [sdX]" line (error lines included), NVMe via controller -> PCI
 *   address -> Drive   a new Drive on "scsi H:C:T:L: Direct-Access" after the old one was announced; a serial
 *                      line names the drive at the address
 *   ataN    -> address linked by "ataN.00: detaching (SCSI H:C:T:L)", by the ATA model matching the truncated
 *                      SCSI model at discovery, or by the sd lines inside the same error-handling episode
 *
 * An error is attributed to the drive bound at the moment of the error, which is what makes the hot-swap case
 * come out right (kernel-logs.md §11). A reboot clears every binding; drives stay, and a serial seen again brings
 * its old Drive back. Memory grows with the number of drives, never with the log.
 *
 * It is a generator: it yields each drive the moment it starts failing (what --follow prints), and returns the
 * findings when the stream ends.
 */
final class Correlator {
    /** An unprefixed or context line joins a failure at most this many matched lines after it. */
    private static final int CONTEXT_WINDOW = 16;
    private static final int INCIDENT_LINES = 64;

    private static final Pattern SD = Pattern.compile("sd (\\d+:\\d+:\\d+:\\d+):? ?(.*)");
    private static final Pattern NAMED = Pattern.compile("\\[([a-z]+[a-z0-9]*)\\] ?(?:tag#\\d+ )?(.*)");
    private static final Pattern SERIAL = Pattern.compile("\\(SERIAL=([^)]*)\\)|serial_number\\((.*)\\)");
    private static final Pattern SCSI = Pattern.compile("scsi (\\d+:\\d+:\\d+:\\d+):? ?(.*)");
    private static final Pattern SCSI_HOST_USB = Pattern.compile("scsi host(\\d+): usb-storage (\\d+-[\\d.]+)(?::.*)?");
    private static final Pattern WWN = Pattern.compile("(?:SATA|SSP): handle\\(0x\\w+\\), sas_addr\\(0x\\w+\\).*device_name\\((0x\\w+)\\).*");
    private static final Pattern SLOT = Pattern.compile("enclosure logical id \\((0x\\w+)\\), slot\\((\\d+)\\).*");
    private static final Pattern SIZE = Pattern.compile("\\d+ \\d+-byte logical blocks: \\(([^/)]+)[/)].*");
    private static final Pattern ATA = Pattern.compile("(ata\\d+)(\\.\\d+)? ?: ?(.*)");
    private static final Pattern ATA_ID = Pattern.compile("ATA-\\d+: (.*), (\\S+), max .*");
    private static final Pattern ATA_DETACH = Pattern.compile("detaching \\(SCSI (\\d+:\\d+:\\d+:\\d+)\\).*");
    private static final Pattern ATA_MISMATCH = Pattern.compile("(?:dev \\d+ )?serial number mismatch '([^']*)' != '([^']*)'.*");
    private static final Pattern ATA_SN = Pattern.compile("SN: *(\\S+)");
    private static final Pattern NVME_CTRL = Pattern.compile("nvme (nvme\\d+): (.*)");
    private static final Pattern NVME_PCI = Pattern.compile("nvme ([0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]):? ?(.*)");
    private static final Pattern NVME_NS = Pattern.compile("(nvme\\d+(?:c\\d+)?n\\d+): (.*) @ LBA \\d+, \\d+ blocks, .*\\(sct 0x(\\w+) / sc 0x(\\w+)\\).*");
    private static final Pattern BLOCK = Pattern.compile(
            "(?:(?:end_request|blk_update_request|print_req_error|blk_print_req_error): )?([\\w /]+?) error, dev ([^,\\s]+), sector \\d+.*");
    private static final Pattern SUPPRESSED = Pattern.compile("(\\w+): (\\d+) callbacks suppressed");
    private static final Pattern BUFFER = Pattern.compile("Buffer I/O error on dev(?:ice)? ([^,\\s]+), logical block.*");
    private static final Pattern XFS = Pattern.compile("XFS \\(([^)]+)\\): (.*)");
    private static final Pattern XFS_SEED = Pattern.compile("XFS ERROR \\[(\\w+)\\].*");
    private static final Pattern EXT_DEVICE = Pattern.compile("EXT[234]-fs (error|warning) \\(device ([^)]+)\\):? ?(.*)");
    private static final Pattern EXT_FS = Pattern.compile("EXT[234]-fs \\(([^)]+)\\): (.*)");
    private static final Pattern JBD2 = Pattern.compile("JBD2: .*(?:[Ee]rror|IO|I/O).* (?:on|for) (\\S+?)\\.?");
    private static final Pattern ABORTING = Pattern.compile("Aborting journal on device (\\S+?)\\.?");
    private static final Pattern BTRFS = Pattern.compile("BTRFS:? ?(\\w*) \\(device ([^):\\s]+)(?:[: ]+state [^)]*)?\\):? ?(.*)");
    private static final Pattern BTRFS_MEMBER = Pattern.compile("(?:bdev|on dev|dev) (/dev/\\S+?)(?:[\\s,)]|$)");
    private static final Pattern MD = Pattern.compile("md/raid\\d*:(md\\d+): (.*)");
    private static final Pattern NVME_QID_TIMEOUT = Pattern.compile("I/O \\d+ (?:\\(.*\\) )?QID \\d+ timeout.*");
    /** dm-mpath: "253:3: Failing path 8:32." (the dm device's numbers since about 4.x; older kernels omit them). */
    private static final Pattern MULTIPATH =
            Pattern.compile("device-mapper: multipath: (?:(\\d+):(\\d+): )?(Failing|Reinstating) path (\\d+):(\\d+)\\.?");
    private static final Pattern MD_FAIL = Pattern.compile("Disk failure on (\\S+?),? disabling device.*");
    private static final Pattern MD_CORRECTED = Pattern.compile("read error (?:corrected|not correctable) \\(\\d+ sectors? at \\d+ on (\\S+?)\\).*");
    private static final Pattern MD_RESCHEDULE = Pattern.compile("(\\S+): rescheduling sector.*");
    private static final Pattern MD_REDIRECT = Pattern.compile("redirecting sector \\d+ to other mirror: (\\S+)");
    private static final Pattern USB_SERIAL = Pattern.compile("usb (\\d+-[\\d.]+): SerialNumber: (\\S+)");
    private static final Pattern USB_GONE = Pattern.compile("usb (\\d+-[\\d.]+): USB disconnect.*");
    private static final Pattern USB_PRODUCT = Pattern.compile("usb (\\d+-[\\d.]+): Product: (.+)");
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");

    /** Drives by their first error (a class, not a lambda: a lambda would be spun at run time). */
    private static final class ByFirstError implements Comparator<Drive> {
        @Override
        public int compare(Drive a, Drive b) {
            return Long.compare(a.first == null ? Long.MAX_VALUE : a.first.seq, b.first == null ? Long.MAX_VALUE : b.first.seq);
        }
    }

    private static final Comparator<Drive> BY_FIRST_ERROR = new ByFirstError();

    /** What Main reads at the end. */
    record Findings(List<Drive> failing, long unattributed, int boots, long lines) {
    }

    private final Resolver resolver;
    /** --follow: resolve a serial the moment a drive starts failing, while it holds its names. */
    private final boolean live;
    private int nextId;
    /**
     * Every drive seen, in the order first seen. A set: a drive found again after a reboot or a hot-swap is merged
     * into the one that had its serial, and removing it from a list cost a scan of every drive, for every merge.
     */
    private final Set<Drive> all = new LinkedHashSet<>();
    private final Map<String, Drive> byName = new HashMap<>();
    private final Map<String, Drive> byAddr = new HashMap<>();
    private Map<String, Drive> previousBoot = new HashMap<>();
    private final Map<String, Drive> bySerial = new HashMap<>();
    private final Map<String, Drive> logicals = new LinkedHashMap<>();
    private final Map<String, String> ataAddr = new HashMap<>();
    private final Map<String, String[]> ataIdentity = new HashMap<>();
    private final Map<String, String> ataSerial = new HashMap<>();
    private final Map<String, String> pendingSerial = new HashMap<>();
    private final Map<String, String> nvmePci = new HashMap<>();
    private final Map<String, String> usbSerial = new HashMap<>();
    private final Map<String, String> usbProduct = new HashMap<>();
    private final Map<String, String> hostUsb = new HashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, Drive> lastByFamily = new HashMap<>();
    /** The last error on a disk and on a dm device, to tie the two when they happened together. */
    private Line lastDiskError;
    private String lastDiskName;
    private Line lastDmError;
    private Drive lastDm;
    private final List<Drive> newlyFailing = new ArrayList<>();

    /** Where continuation lines go: an ATA incident, or a drive (XFS hex dump, split SCSI error). */
    private Incident contIncident;
    private Drive contDrive;
    private boolean contScsi;

    private long unattributed;
    private int boots;
    private double lastUptime = Double.NaN;
    private String lastBootId;
    private long lines;

    private Correlator(Resolver resolver, boolean live) {
        this.resolver = resolver;
        this.live = live;
    }

    /**
     * The correlator over the matcher's lines: yields each drive when it starts failing, returns the findings.
     * {@code resolver} finds serials the log lacks (inventory, sysfs); it may be {@link Resolver#NONE}.
     */
    static Generator<Drive, Void, Findings> over(Generator<Line, Steer, Void> matcher, Resolver resolver, boolean live) {
        return Generator.returning(y -> new Correlator(resolver, live).run(matcher, y));
    }

    private Findings run(Generator<Line, Steer, Void> matcher, Yielder<Drive, Void> y) {
        try (matcher) {
            Line line;
            try {
                line = matcher.next();
            } catch (StopIteration end) {
                return finish();
            }
            while (true) {
                lines++;
                Steer steer = handle(line);
                if (!newlyFailing.isEmpty()) {
                    for (Drive d : List.copyOf(newlyFailing)) {
                        if (live) {
                            resolver.resolveLive(d);
                        }
                        y.yield(d);
                    }
                    newlyFailing.clear();
                }
                try {
                    line = matcher.send(steer);
                } catch (StopIteration end) {
                    return finish();
                }
            }
        }
    }

    // ---------------------------------------------------------------- dispatch

    Steer handle(Line l) {
        if (l.continuation) {
            return continuation(l);
        }
        contIncident = null;
        contDrive = null;
        contScsi = false;
        String msg = l.message();
        boot(l, msg);
        if (msg.isEmpty()) {
            return Steer.NEXT;
        }
        return switch (msg.charAt(0)) {
            case 's' -> msg.startsWith("sd ") ? sd(l, msg) : scsi(l, msg);
            case 'a' -> ata(l, msg);
            case 'n' -> nvme(l, msg);
            case 'X' -> xfs(l, msg);
            case 'E' -> ext(l, msg);
            case 'B' -> msg.startsWith("BTRFS") ? btrfs(l, msg) : buffer(l, msg);
            case 'J' -> jbd2(l, msg);
            case 'A' -> aborting(l, msg);
            case 'm' -> md(l, msg);
            case 'u' -> usb(l, msg);
            case 'd' -> msg.startsWith("device-mapper: ") ? deviceMapper(l, msg) : block(l, msg);
            case 'L', '-' -> Steer.NEXT;
            default -> block(l, msg);
        };
    }

    private void boot(Line l, String m) {
        boolean isNew = false;
        if (!Double.isNaN(l.uptime)) {
            if (!Double.isNaN(lastUptime) && l.uptime + 1.0 < lastUptime) {
                isNew = true;
            }
            lastUptime = l.uptime;
        }
        if (l.bootId != null) {
            if (lastBootId != null && !lastBootId.equals(l.bootId)) {
                isNew = true;
            }
            lastBootId = l.bootId;
        }
        if (m.startsWith("Linux version ") || m.startsWith("-- Boot ") || m.startsWith("-- Reboot --")) {
            isNew = true;
        }
        if (isNew) {
            // the uptime of the new boot starts here (or at its first line that has one)
            lastUptime = l.uptime;
            newBoot();
        }
    }

    private void newBoot() {
        for (Incident inc : List.copyOf(incidents.values())) {
            flush(inc);
        }
        incidents.clear();
        boots++;
        previousBoot = new HashMap<>(byAddr);
        byName.clear();
        byAddr.clear();
        ataAddr.clear();
        ataIdentity.clear();
        ataSerial.clear();
        pendingSerial.clear();
        nvmePci.clear();
        usbSerial.clear();
        usbProduct.clear();
        hostUsb.clear();
        lastByFamily.clear();
    }

    // ---------------------------------------------------------------- SCSI

    private Steer sd(Line l, String msg) {
        var m = SD.matcher(msg);
        if (!m.matches()) {
            return Steer.NEXT;
        }
        String addr = m.group(1);
        String rest = m.group(2);
        if (rest.startsWith("[")) {
            var n = NAMED.matcher(rest);
            if (!n.matches()) {
                return Steer.NEXT;
            }
            Drive d = bind(addr, n.group(1), l);
            noteScsiAddr(addr);
            return scsiText(d, n.group(2), l, n.group(1));
        }
        var s = SERIAL.matcher(rest);
        if (s.lookingAt()) {
            serial(addr, s.group(1) != null ? s.group(1) : s.group(2), "log", l);
            return Steer.NEXT;
        }
        if (rest.startsWith("Attached Disk Drive")) {
            announce(addr, null, null, null, l);
            return Steer.NEXT;
        }
        if (rest.startsWith("rejecting I/O to offline device")) {
            Drive d = byAddr.get(addr);
            if (d != null) {
                record(d, Kind.SCSI_OFFLINE, l, addr);
            }
        }
        return Steer.NEXT;
    }

    /** What an sd line says after {@code [sdX] tag#N}. */
    private Steer scsiText(Drive d, String text, Line l, String token) {
        if (text.isEmpty()) {
            // pre-4.x kernels split one SCSI error over several lines; the rest follow without a prefix
            contDrive = d;
            contScsi = true;
            return Steer.CONTINUATION;
        }
        Kind k = scsiKind(d, text);
        if (k != null) {
            record(d, k, l, token);
        } else {
            var size = SIZE.matcher(text);
            if (size.matches()) {
                d.size = size.group(1).strip();
            }
        }
        return Steer.NEXT;
    }

    private static Kind scsiKind(Drive d, String text) {
        if (text.startsWith("FAILED Result:") || text.startsWith("Result:")) {
            if (d.removed != null && (text.contains("DID_NO_CONNECT") || text.contains("DID_BAD_TARGET"))) {
                return Kind.REMOVAL;
            }
            return text.startsWith("FAILED") ? Kind.SCSI_FAILED : Kind.CONTEXT;
        }
        if (text.startsWith("Sense Key")) {
            if (text.contains("Medium Error")) {
                return Kind.SCSI_MEDIUM;
            }
            if (text.contains("Hardware Error")) {
                return Kind.SCSI_HARDWARE;
            }
            return Kind.CONTEXT;
        }
        if (text.startsWith("Add. Sense") || text.startsWith("CDB:") || text.startsWith("ASC=")
                || text.startsWith("<<vendor>>") || text.startsWith("Descriptor sense") || text.startsWith("Info fld")
                || text.startsWith("megasas: RESET")) {
            return Kind.CONTEXT;
        }
        if (text.startsWith("Synchronize Cache") && text.contains("failed") || text.startsWith("Start/Stop Unit failed")) {
            return Kind.REMOVAL;
        }
        if (text.startsWith("Unhandled sense code") || text.startsWith("Unhandled error code")
                || text.startsWith("timing out command")) {
            return Kind.SCSI_FAILED;
        }
        if (text.startsWith("rejecting I/O to offline device") || text.startsWith("Medium access timeout failure")) {
            return Kind.SCSI_OFFLINE;
        }
        return null;
    }

    private Steer scsi(Line l, String msg) {
        var host = SCSI_HOST_USB.matcher(msg);
        if (host.matches()) {
            hostUsb.put(host.group(1), host.group(2));
            return Steer.NEXT;
        }
        var m = SCSI.matcher(msg);
        if (!m.matches()) {
            return Steer.NEXT;
        }
        String addr = m.group(1);
        String rest = m.group(2);
        var s = SERIAL.matcher(rest);
        if (s.lookingAt()) {
            serial(addr, s.group(1) != null ? s.group(1) : s.group(2), "log", l);
            return Steer.NEXT;
        }
        int pq = rest.indexOf(" PQ: ");
        if (pq > 0) {
            String type = rest.substring(0, Math.min(rest.length(), 14)).strip();
            if (!type.startsWith("Direct-Access")) {
                byAddr.remove(addr);
                return Steer.NEXT;
            }
            // "%s %.8s %.16s %.4s PQ: %d ANSI: %d": fixed widths, read from the PQ: end
            String rev = field(rest, pq - 4, pq);
            String model = field(rest, pq - 21, pq - 5);
            String vendor = field(rest, pq - 30, pq - 22);
            announce(addr, vendor, model, rev, l);
            return Steer.NEXT;
        }
        Drive d = byAddr.get(addr);
        if (d == null) {
            return Steer.NEXT;
        }
        var w = WWN.matcher(rest);
        if (w.matches()) {
            d.wwn = w.group(1);
            return Steer.NEXT;
        }
        var slot = SLOT.matcher(rest);
        if (slot.matches()) {
            d.slot = slot.group(2);
            return Steer.NEXT;
        }
        if (rest.startsWith("rejecting I/O to offline device")) {
            record(d, Kind.SCSI_OFFLINE, l, addr);
        }
        return Steer.NEXT;
    }

    private static String field(String s, int from, int to) {
        if (from < 0 || to > s.length() || from >= to) {
            return null;
        }
        String f = s.substring(from, to).strip();
        return f.isEmpty() ? null : f;
    }

    /** A new device at an address: a new Drive, unless the one there has not been used yet. */
    private void announce(String addr, String vendor, String model, String rev, Line l) {
        Drive d = byAddr.get(addr);
        if (d == null || !d.fresh()) {
            Drive before = previousBoot.remove(addr);
            if (before != null && before.serial == null && before.removed == null && before.announced
                    && same(before.model, model) && same(before.firmware, rev) && d == null) {
                // the same unidentified drive after a reboot: one row, not one per boot
                d = before;
            } else {
                d = newDrive(false);
            }
            d.at(addr);
            byAddr.put(addr, d);
        }
        d.announced = true;
        if (model != null) {
            d.vendor = vendor;
            d.model = model;
            d.firmware = rev;
        }
        String port = ataPortFor(addr, model);
        if (port != null) {
            String[] id = ataIdentity.get(port);
            d.model = id[0];
            d.firmware = id[1];
            d.ataPort = port;
            ataAddr.put(port, addr);
            String sn = ataSerial.remove(port);
            if (sn != null) {
                d = setSerial(d, sn, "log", l);
            }
        }
        String pending = pendingSerial.remove(addr);
        if (pending != null) {
            d = setSerial(d, pending, "log (ATA serial mismatch line)", l);
        }
        String usb = hostUsb.get(addr.substring(0, addr.indexOf(':')));
        if (usb != null) {
            if (d.model == null && usbProduct.containsKey(usb)) {
                d.model = usbProduct.get(usb);
            }
            String sn = usbSerial.get(usb);
            if (sn != null && d.serial == null) {
                setSerial(d, sn, "log (USB iSerial; may be the enclosure's, not the disk's)", l);
            }
        }
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** The ATA port whose full model the truncated SCSI model starts; the port numbered host+1 wins a tie. */
    private String ataPortFor(String addr, String model) {
        if (model == null || ataIdentity.isEmpty()) {
            return null;
        }
        String host = addr.substring(0, addr.indexOf(':'));
        String best = null;
        for (var e : ataIdentity.entrySet()) {
            if (e.getValue()[0].startsWith(model)) {
                if (best == null || e.getKey().equals("ata" + (Integer.parseInt(host) + 1))) {
                    best = e.getKey();
                }
            }
        }
        return best;
    }

    /** {@code sd H:C:T:L: [name]}: the name is on the drive at that address from now on. */
    private Drive bind(String addr, String name, Line l) {
        Drive d = byAddr.get(addr);
        if (d == null) {
            Drive named = byName.get(name);
            // a drive known so far only by this name (its discovery is not in the log) learns its address
            d = named != null && named.address == null ? named : newDrive(false);
            d.at(addr);
            byAddr.put(addr, d);
        }
        if (byName.get(name) != d) {
            byName.put(name, d);
        }
        d.names.add(name);
        return d;
    }

    private void serial(String addr, String serial, String source, Line l) {
        serial = serial.strip();
        if (serial.isEmpty()) {
            return;
        }
        Drive d = byAddr.get(addr);
        if (d == null) {
            d = newDrive(false);
            d.at(addr);
            byAddr.put(addr, d);
        }
        setSerial(d, serial, source, l);
    }

    /** Gives a drive its serial; returns the Drive that now stands for it (an older one with the same serial). */
    private Drive setSerial(Drive d, String serial, String source, Line l) {
        if (d.serial != null) {
            if (d.serial.equals(serial)) {
                return d;
            }
            // another serial at the same address without a discovery line in between: another drive
            Drive n = newDrive(false);
            n.at(d.address);
            if (d.address != null) {
                byAddr.put(d.address, n);
            }
            d = n;
        }
        Drive known = bySerial.get(serial);
        if (known != null && known != d) {
            known.absorb(d);
            d.failing = false;
            replace(d, known);
            return known;
        }
        d.serial = serial;
        d.serialSource = source;
        bySerial.put(serial, d);
        return d;
    }

    private void replace(Drive old, Drive now) {
        byAddr.replaceAll((k, v) -> v == old ? now : v);
        byName.replaceAll((k, v) -> v == old ? now : v);
        all.remove(old);
        newlyFailing.remove(old);
        if (now.failing) {
            all.add(now); // (kept in its place when it is there already)
        }
    }

    private Drive newDrive(boolean logical) {
        Drive d = new Drive(nextId++, logical);
        all.add(d);
        return d;
    }

    /** An sd line during an open ATA incident whose port is not linked yet: most likely the same event. */
    private void noteScsiAddr(String addr) {
        for (Incident inc : incidents.values()) {
            if (!ataAddr.containsKey(inc.port) && inc.candidate == null) {
                inc.candidate = addr;
            }
        }
    }

    // ---------------------------------------------------------------- ATA

    /** The lines of one libata error-handling episode on a port, kept until it ends. */
    static final class Incident {
        final String port;
        final List<Line> lines = new ArrayList<>();
        final List<Kind> kinds = new ArrayList<>();
        String candidate;
        boolean failed;

        Incident(String port) {
            this.port = port;
        }

        void add(Line l, Kind k) {
            if (lines.size() < INCIDENT_LINES) {
                lines.add(l);
                kinds.add(k);
            }
            failed |= k.failure;
        }
    }

    private Steer ata(Line l, String msg) {
        var m = ATA.matcher(msg);
        if (!m.matches()) {
            return Steer.NEXT;
        }
        String port = m.group(1);
        boolean device = m.group(2) != null;
        String rest = m.group(3);
        if (device) {
            var id = ATA_ID.matcher(rest);
            if (id.matches()) {
                ataIdentity.put(port, new String[] {id.group(1).strip(), id.group(2).strip()});
                return Steer.NEXT;
            }
            var det = ATA_DETACH.matcher(rest);
            if (det.matches()) {
                String addr = det.group(1);
                ataAddr.put(port, addr);
                Drive d = byAddr.get(addr);
                if (d != null && d.removed == null) {
                    d.removed = l;
                    d.add(Kind.REMOVAL, l);
                }
                return Steer.NEXT;
            }
            var mis = ATA_MISMATCH.matcher(rest);
            if (mis.matches()) {
                String addr = ataAddr.get(port);
                Drive d = addr == null ? null : byAddr.get(addr);
                if (d != null && d.serial == null) {
                    setSerial(d, mis.group(1), "log (ATA serial mismatch line)", l);
                }
                if (addr != null) {
                    pendingSerial.put(addr, mis.group(2));
                }
                return Steer.NEXT;
            }
            var sn = ATA_SN.matcher(rest);
            if (sn.matches()) {
                String addr = ataAddr.get(port);
                Drive d = addr == null ? null : byAddr.get(addr);
                if (d != null) {
                    setSerial(d, sn.group(1), "log", l);
                } else {
                    ataSerial.put(port, sn.group(1));
                }
                return Steer.NEXT;
            }
        }
        Incident inc = incidents.get(port);
        if (rest.startsWith("exception Emask")) {
            if (inc != null) {
                flush(inc);
            }
            inc = new Incident(port);
            incidents.put(port, inc);
            inc.add(l, Kind.CONTEXT);
            contIncident = inc;
            return Steer.CONTINUATION;
        }
        if (rest.startsWith("EH complete")) {
            if (inc != null) {
                flush(inc);
            }
            return Steer.NEXT;
        }
        Kind k = device ? ataKind(rest) : null;
        if (inc == null) {
            // an episode whose exception line is not in the log: a failed command or a taskfile starts one too
            if (k == null || !k.failure && !rest.startsWith("failed command") && !rest.startsWith("cmd ")) {
                return Steer.NEXT;
            }
            inc = new Incident(port);
            incidents.put(port, inc);
        }
        inc.add(l, k == null ? Kind.CONTEXT : k);
        contIncident = inc;
        return Steer.CONTINUATION;
    }

    private static Kind ataKind(String rest) {
        if (rest.startsWith("error: {")) {
            if (rest.contains("UNC")) {
                return Kind.ATA_UNC;
            }
            if (rest.contains("ICRC") || rest.contains("IDNF")) {
                return Kind.ATA_BUS;
            }
            return Kind.CONTEXT;
        }
        Kind k = emask(rest);
        return k != null ? k : Kind.CONTEXT;
    }

    /** {@code Emask 0x409 (media error)}, {@code (timeout)}, {@code (ATA bus error)} in a taskfile line. */
    private static Kind emask(String text) {
        if (!text.contains("Emask")) {
            return null;
        }
        if (text.contains("(media error)")) {
            return Kind.ATA_UNC;
        }
        if (text.contains("(timeout)")) {
            return Kind.ATA_TIMEOUT;
        }
        if (text.contains("(ATA bus error)") || text.contains("(HSM violation)")) {
            return Kind.ATA_BUS;
        }
        return null;
    }

    /** The end of an ATA episode: its lines become evidence if it held a failure, else they are dropped. */
    private void flush(Incident inc) {
        incidents.remove(inc.port);
        if (!inc.failed) {
            return;
        }
        String addr = ataAddr.get(inc.port);
        if (addr == null && inc.candidate != null) {
            addr = inc.candidate;
            ataAddr.put(inc.port, addr);
        }
        Drive d = addr == null ? null : byAddr.get(addr);
        if (d == null) {
            d = byName.get(inc.port);
            if (d == null) {
                d = newDrive(false);
                d.ataPort = inc.port;
                d.names.add(inc.port);
                byName.put(inc.port, d);
            }
        }
        if (d.ataPort == null) {
            d.ataPort = inc.port;
        }
        for (int i = 0; i < inc.lines.size(); i++) {
            recordForced(d, inc.kinds.get(i), inc.lines.get(i));
        }
    }

    private Steer continuation(Line l) {
        String text = l.message().strip();
        if (contIncident != null) {
            Kind k = emask(text);
            contIncident.add(l, k != null ? k : Kind.CONTEXT);
            return Steer.CONTINUATION;
        }
        if (contDrive != null) {
            Kind k = contScsi ? scsiKind(contDrive, text) : null;
            if (k == null && contScsi && BLOCK.matcher(text).matches()) {
                return block(l, text);
            }
            recordForced(contDrive, k != null ? k : Kind.CONTEXT, l);
            return Steer.CONTINUATION;
        }
        return Steer.NEXT;
    }

    // ---------------------------------------------------------------- NVMe

    private Steer nvme(Line l, String msg) {
        var c = NVME_CTRL.matcher(msg);
        if (c.matches()) {
            String ctrl = c.group(1);
            String rest = c.group(2);
            if (rest.startsWith("pci function ")) {
                String pci = rest.substring(13).strip();
                nvmePci.put(ctrl, pci);
                Drive d = byAddr.get(pci);
                if (d == null) {
                    Drive before = previousBoot.remove(pci);
                    d = before != null && before.serial == null && before.removed == null ? before : newDrive(false);
                    d.at(pci);
                    byAddr.put(pci, d);
                }
                d.nvmeController = ctrl;
                return Steer.NEXT;
            }
            Kind k = null;
            if (NVME_QID_TIMEOUT.matcher(rest).matches()) {
                k = Kind.NVME_TIMEOUT;
            } else if (rest.startsWith("controller is down") || rest.startsWith("Removing after probe failure")
                    || rest.startsWith("Device not ready") || rest.startsWith("Disabling device after reset failure")) {
                k = Kind.NVME_DOWN;
            }
            if (k != null) {
                String pci = nvmePci.get(ctrl);
                Drive d = pci == null ? null : byAddr.get(pci);
                if (d == null) {
                    d = nameOnly(ctrl);
                }
                d.nvmeController = ctrl;
                record(d, k, l, ctrl);
            }
            return Steer.NEXT;
        }
        var p = NVME_PCI.matcher(msg);
        if (p.matches()) {
            var s = SERIAL.matcher(p.group(2));
            if (s.lookingAt()) {
                serial(p.group(1).toLowerCase(java.util.Locale.ROOT), s.group(1) != null ? s.group(1) : s.group(2), "log", l);
            }
            return Steer.NEXT;
        }
        var ns = NVME_NS.matcher(msg);
        if (ns.matches()) {
            recordInFamily(ns.group(1), "2".equals(ns.group(3)) ? Kind.NVME_MEDIA : Kind.NVME_IO, l, "nvme");
            return Steer.NEXT;
        }
        return suppressed(msg);
    }

    // ---------------------------------------------------------------- block layer

    private Steer block(Line l, String msg) {
        var m = BLOCK.matcher(msg);
        if (m.matches()) {
            String what = m.group(1);
            String token = m.group(2);
            Kind k = switch (what) {
                case "I/O" -> Kind.BLOCK_IO;
                case "critical medium" -> Kind.BLOCK_MEDIUM;
                case "timeout" -> Kind.BLOCK_TIMEOUT;
                default -> Kind.BLOCK_OTHER;
            };
            if (token.equals("?")) {
                unattributed++;
                return Steer.NEXT;
            }
            recordInFamily(token, k, l, "block");
            return Steer.NEXT;
        }
        return suppressed(msg);
    }

    /**
     * Records an error of a family whose kernel messages are rate-limited, and remembers the drive: a later
     * "N callbacks suppressed" of that family counts N more errors for it.
     */
    private void recordInFamily(String token, Kind k, Line l, String family) {
        Drive d = resolve(token);
        record(d, k, l, token);
        lastByFamily.put(family, d);
    }

    /** "xxx: N callbacks suppressed": N more errors of the drive that had the family's last error. */
    private Steer suppressed(String msg) {
        var sup = SUPPRESSED.matcher(msg);
        if (sup.matches()) {
            suppressed(sup.group(1), sup.group(2));
        }
        return Steer.NEXT;
    }

    private void suppressed(String who, String count) {
        String family = switch (who) {
            case "blk_update_request", "blk_print_req_error", "print_req_error" -> "block";
            case "buffer_io_error" -> "buffer";
            case "btrfs_dev_stat_print_on_error" -> "btrfs";
            case "nvme_log_error" -> "nvme";
            default -> null;
        };
        Drive d = family == null ? null : lastByFamily.get(family);
        if (d != null) {
            long n = Long.parseLong(count);
            d.suppressed += n;
        }
    }

    private Steer buffer(Line l, String msg) {
        var m = BUFFER.matcher(msg);
        if (m.matches()) {
            recordInFamily(m.group(1), Kind.BUFFER_IO, l, "buffer");
        }
        return Steer.NEXT;
    }

    // ---------------------------------------------------------------- file systems

    private Steer xfs(Line l, String msg) {
        var seed = XFS_SEED.matcher(msg);
        if (seed.matches()) {
            record(resolve(seed.group(1)), Kind.XFS_ERROR, l, seed.group(1));
            return Steer.NEXT;
        }
        var m = XFS.matcher(msg);
        if (!m.matches()) {
            if (msg.startsWith("XFS: Internal error") || msg.startsWith("XFS: metadata I/O error")) {
                unattributed++;
            }
            return Steer.NEXT;
        }
        String token = m.group(1);
        String rest = m.group(2);
        Kind k = xfsKind(rest);
        if (k == null) {
            return Steer.NEXT;
        }
        Drive d = resolve(token);
        record(d, k, l, token);
        if (k == Kind.XFS_CORRUPTION || rest.startsWith("First ")) {
            contDrive = d;
            return Steer.CONTINUATION;
        }
        return Steer.NEXT;
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

    private Steer ext(Line l, String msg) {
        var m = EXT_DEVICE.matcher(msg);
        if (m.matches()) {
            String token = m.group(2);
            String rest = m.group(3);
            if (m.group(1).equals("error")) {
                record(resolve(token), Kind.EXT4_ERROR, l, token);
            } else if (rest.contains("I/O error")) {
                record(resolve(token), Kind.EXT4_IO, l, token);
            }
            return Steer.NEXT;
        }
        m = EXT_FS.matcher(msg);
        if (m.matches()) {
            String token = m.group(1);
            String rest = m.group(2);
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
                record(resolve(token), k, l, token);
            }
        }
        return Steer.NEXT;
    }

    private Steer jbd2(Line l, String msg) {
        return journal(JBD2, Kind.JBD2_IO, l, msg);
    }

    private Steer aborting(Line l, String msg) {
        return journal(ABORTING, Kind.JOURNAL_ABORT, l, msg);
    }

    /** A journal line whose first group names a journal device ("sda1-8"): recorded against its whole disk. */
    private Steer journal(Pattern pattern, Kind kind, Line l, String msg) {
        var m = pattern.matcher(msg);
        if (m.matches()) {
            String token = m.group(1);
            record(resolveWhole(Devices.journalDisk(token)), kind, l, token);
        }
        return Steer.NEXT;
    }

    private Steer btrfs(Line l, String msg) {
        var m = BTRFS.matcher(msg);
        if (!m.matches()) {
            return Steer.NEXT;
        }
        String level = m.group(1);
        String token = m.group(2);
        String rest = m.group(3);
        var mem = BTRFS_MEMBER.matcher(rest);
        if (mem.find()) {
            token = mem.group(1);
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
        if (k != null) {
            recordInFamily(token, k, l, "btrfs");
        }
        return Steer.NEXT;
    }

    private Steer md(Line l, String msg) {
        var m = MD.matcher(msg);
        if (!m.matches()) {
            return Steer.NEXT;
        }
        String md = m.group(1);
        String rest = m.group(2);
        Drive array = logical(md);
        var f = MD_FAIL.matcher(rest);
        if (f.matches()) {
            member(array, l, f.group(1), Kind.MD_MEMBER);
            return Steer.NEXT;
        }
        var c = MD_CORRECTED.matcher(rest);
        if (c.matches()) {
            member(array, l, c.group(1), Kind.MD_READ);
            return Steer.NEXT;
        }
        var r = MD_RESCHEDULE.matcher(rest);
        if (r.matches()) {
            member(array, l, r.group(1), Kind.MD_READ);
            return Steer.NEXT;
        }
        var red = MD_REDIRECT.matcher(rest);
        if (red.matches()) {
            array.members.add(red.group(1));
        }
        return Steer.NEXT;
    }

    /**
     * Multipath names the paths beneath a dm device by device number: each named path is a member of the dm device,
     * and a failed path is evidence on it (a path can fail for a cable or an HBA: not a failure of the drive).
     */
    private Steer deviceMapper(Line l, String msg) {
        var m = MULTIPATH.matcher(msg);
        if (!m.matches() || m.group(2) == null) {
            return Steer.NEXT; // without the dm device's numbers the path belongs to no device we can name
        }
        Drive dm = logical("dm-" + Integer.parseInt(m.group(2)));
        String path = Devices.sdByNumber(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        dm.members.add(path != null ? path : m.group(4) + ":" + m.group(5));
        if (m.group(3).equals("Failing")) {
            recordForced(dm, Kind.PATH_FAILED, l);
        }
        return Steer.NEXT;
    }

    private void member(Drive array, Line l, String token, Kind k) {
        array.members.add(token);
        record(resolve(token), k, l, token);
    }

    private Steer usb(Line l, String msg) {
        var s = USB_SERIAL.matcher(msg);
        if (s.matches()) {
            // a root hub's "serial" is its PCI address, not a serial (kernel-logs.md §3)
            if (!PCI_ADDRESS.matcher(s.group(2)).matches()) {
                usbSerial.put(s.group(1), s.group(2));
            }
            return Steer.NEXT;
        }
        var p = USB_PRODUCT.matcher(msg);
        if (p.matches()) {
            usbProduct.put(p.group(1), p.group(2).strip());
            return Steer.NEXT;
        }
        var g = USB_GONE.matcher(msg);
        if (g.matches()) {
            String dev = g.group(1);
            for (var e : hostUsb.entrySet()) {
                if (e.getValue().equals(dev)) {
                    String prefix = e.getKey() + ":";
                    for (var a : byAddr.entrySet()) {
                        if (a.getKey().startsWith(prefix) && a.getValue().removed == null) {
                            a.getValue().removed = l;
                            a.getValue().add(Kind.REMOVAL, l);
                        }
                    }
                }
            }
        }
        return Steer.NEXT;
    }

    // ---------------------------------------------------------------- names to drives

    /** The drive that holds a device name (a partition, /dev/..., a namespace) now. */
    private Drive resolve(String token) {
        return resolveWhole(Devices.wholeDisk(token));
    }

    private Drive resolveWhole(String whole) {
        if (Devices.isLogical(whole)) {
            return logical(whole);
        }
        String ctrl = Devices.nvmeController(whole);
        if (ctrl != null) {
            String pci = nvmePci.get(ctrl);
            Drive d = pci == null ? null : byAddr.get(pci);
            if (d != null) {
                d.nvmeController = ctrl;
                d.names.add(whole);
                byName.put(whole, d);
                return d;
            }
        }
        return nameOnly(whole);
    }

    /** The drive bound to a name, or a new one known only by that name (its binding line is not in the log). */
    private Drive nameOnly(String whole) {
        Drive d = byName.get(whole);
        if (d == null) {
            d = newDrive(false);
            d.names.add(whole);
            byName.put(whole, d);
        }
        return d;
    }

    private Drive logical(String whole) {
        return logicals.computeIfAbsent(whole, n -> {
            Drive d = newDrive(true);
            d.names.add(n);
            return d;
        });
    }

    // ---------------------------------------------------------------- evidence

    private void record(Drive d, Kind k, Line l, String token) {
        if (token != null && k != Kind.CONTEXT) {
            d.errorDevices.add(Devices.stripDev(token));
        }
        if (k.failure && token != null) {
            sameMoment(d, l, Devices.wholeDisk(token));
        }
        if (k == Kind.CONTEXT && l.seq - d.lastFailureSeq > CONTEXT_WINDOW) {
            return;
        }
        recordForced(d, k, l);
    }

    /**
     * The log does not say which disks are under a dm device (kernel-logs.md §8), but an error on dm-N and an error
     * on a disk at the same moment (within 10 ms of uptime, or the same time stamp, and a few lines apart) are the
     * same failed I/O seen from both layers: the disk is a member of dm-N.
     */
    private void sameMoment(Drive d, Line l, String whole) {
        boolean dm = d.logical && (whole.startsWith("dm-") || whole.startsWith("mapper/"));
        if (d.logical && !dm) {
            return;
        }
        if (dm) {
            if (lastDiskError != null && together(lastDiskError, l)) {
                d.members.add(lastDiskName);
            }
            lastDmError = l;
            lastDm = d;
        } else {
            if (lastDmError != null && together(lastDmError, l)) {
                lastDm.members.add(whole);
            }
            lastDiskError = l;
            lastDiskName = whole;
        }
    }

    private static boolean together(Line a, Line b) {
        if (a.input != b.input || Math.abs(a.seq - b.seq) > 20) {
            return false;
        }
        if (!Double.isNaN(a.uptime) && !Double.isNaN(b.uptime)) {
            return Math.abs(a.uptime - b.uptime) <= 0.010;
        }
        return !a.time().isEmpty() && a.time().equals(b.time());
    }

    private void recordForced(Drive d, Kind k, Line l) {
        if (k.failure && d.removed != null) {
            k = Kind.AFTER_REMOVAL;
        }
        d.add(k, l);
        if (k.failure && !d.failing) {
            d.failing = true;
            newlyFailing.add(d);
        }
    }

    private Findings finish() {
        for (Incident inc : List.copyOf(incidents.values())) {
            flush(inc);
        }
        List<Drive> failing = new ArrayList<>();
        Set<Drive> bound = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        bound.addAll(byAddr.values());
        bound.addAll(byName.values());
        for (Drive d : all) {
            if (d.failing) {
                if (d.serial == null) {
                    resolver.resolve(d, bound.contains(d), currentNames(d));
                }
                failing.add(d);
            }
        }
        // drives that turn out to share a serial (a name-only drive and its addressed self) are one row
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
        return new Findings(out, unattributed, boots, lines);
    }

    private List<String> currentNames(Drive d) {
        List<String> names = new ArrayList<>();
        for (var e : byName.entrySet()) {
            if (e.getValue() == d) {
                names.add(e.getKey());
            }
        }
        return names;
    }
}
