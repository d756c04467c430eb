package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One machine as the log goes forward: which drive holds each name and each address *at this moment*, and what the
 * handlers need to tie a line to a drive. An error is charged to the drive bound at the moment of the error, which
 * is what makes a hot-swap come out right. A reboot clears the bindings; the drives stay in {@link Drives}.
 *
 * <pre>
 *   name    -> Drive    set by any "sd H:C:T:L: [sdX]" line (error lines included); NVMe via controller -> PCI
 *   address -> Drive    a new Drive on "scsi H:C:T:L: Direct-Access" after the old one was announced
 *   ataN    -> address  "ataN.00: detaching (SCSI H:C:T:L)", the ATA model matching the SCSI model, or the sd
 *                       lines inside the same error-handling episode
 *   SAS address -> address   mpt3sas's "scsi H:C:T:L: SATA: handle(...), sas_addr(...)"
 * </pre>
 *
 * Each host in the log has its own ({@link Hosts}): interleaved hosts never share a binding.
 */
final class Machine {
    /** A context line joins a failure at most this many kept lines after it. */
    private static final int CONTEXT_WINDOW = 16;

    final Drives drives;
    final Host host;
    /** The one input whose lines that name no host came here, while there is one ({@link Hosts}). */
    io.jcoro.disklog.read.Input feeder;
    boolean fedByMany;
    final Map<String, Drive> byName = new HashMap<>();
    final Map<String, Drive> byAddr = new HashMap<>();
    /** The address bindings of the boot before, to bring back an unidentified drive after a reboot. */
    Map<String, Drive> previousBoot = new HashMap<>();
    /** dm-N, mdN, loopN: reported under their name. */
    final Map<String, Drive> logicals = new LinkedHashMap<>();
    final Map<String, String> ataAddr = new HashMap<>();
    final Map<String, String[]> ataIdentity = new HashMap<>();
    final Map<String, String> ataSerial = new HashMap<>();
    final Map<String, String> pendingSerial = new HashMap<>();
    final Map<String, String> nvmePci = new HashMap<>();
    final Map<String, String> usbSerial = new HashMap<>();
    final Map<String, String> usbProduct = new HashMap<>();
    final Map<String, String> hostUsb = new HashMap<>();
    final Map<String, String> sasAddr = new HashMap<>();
    /** btrfs: the file system (fsid or label) of each device scanned at mount, and the devices of each. */
    final Map<String, String> btrfsFs = new HashMap<>();
    final Map<String, java.util.Set<String>> btrfsDevices = new HashMap<>();
    /** md: the array each member (a whole disk) is in, from the lines that name members. */
    final Map<String, String> mdArray = new HashMap<>();
    final Map<String, Ata.Incident> incidents = new LinkedHashMap<>();
    /** The drive that had the last error of each rate-limited family ("N callbacks suppressed" adds to it). */
    final Map<String, Drive> lastByFamily = new HashMap<>();
    /** The last error on a disk and on a dm device, to tie the two when they happened together. */
    private Line lastDiskError;
    private String lastDiskName;
    private Line lastDmError;
    private Drive lastDm;

    /** Where continuation lines go: an ATA incident, or a drive (XFS hex dump, split SCSI error). */
    Ata.Incident contIncident;
    Drive contDrive;
    boolean contScsi;

    int boots;
    double lastUptime = Double.NaN;
    String lastBootId;

    Machine(Drives drives, Host host) {
        this.drives = drives;
        this.host = host;
    }

    /** A reboot: the names and addresses of the boot before mean nothing now. */
    void newBoot() {
        for (Ata.Incident inc : List.copyOf(incidents.values())) {
            Ata.flush(this, inc);
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
        sasAddr.clear();
        btrfsFs.clear();
        btrfsDevices.clear();
        mdArray.clear();
        lastByFamily.clear();
    }

    Drive newDrive() {
        return drives.add(false, host);
    }

    /** Evidence on a drive of this machine. */
    void evidence(Drive d, Kind k, Line l) {
        drives.record(d, k, l, host);
    }

    /** {@code sd H:C:T:L: [name]}: the name is on the drive at that address from now on. */
    Drive bind(String addr, String name) {
        Drive d = byAddr.get(addr);
        if (d == null) {
            Drive named = byName.get(name);
            // a drive known so far only by this name (its discovery is not in the log) learns its address
            d = named != null && named.address == null ? named : newDrive();
            d.at(addr);
            byAddr.put(addr, d);
        }
        hold(d, name);
        return d;
    }

    /** The line being handled: when a drive was last seen under a name. */
    Line line;

    /** {@code d} holds {@code name} now (seen on the line being handled). */
    void hold(Drive d, String name) {
        if (byName.get(name) != d) {
            byName.put(name, d);
        }
        d.named(name, line);
    }

    /** A serial line for an address: the drive there has that serial. */
    void serial(String addr, String serial, String source) {
        serial = serial.strip();
        if (serial.isEmpty()) {
            return;
        }
        Drive d = byAddr.get(addr);
        if (d == null) {
            d = newDrive();
            d.at(addr);
            byAddr.put(addr, d);
        }
        setSerial(d, serial, source);
    }

    /** Gives a drive its serial; returns the Drive that now stands for it (an older one with the same serial). */
    Drive setSerial(Drive d, String serial, String source) {
        if (d.serial != null) {
            if (d.serial.equals(serial)) {
                return d;
            }
            // another serial at the same address without a discovery line in between: another drive
            Drive n = newDrive();
            n.at(d.address);
            if (d.address != null) {
                byAddr.put(d.address, n);
            }
            d = n;
        }
        Drive known = drives.bySerial.get(serial);
        if (known != null && known != d) {
            known.absorb(d);
            d.failing = false;
            replace(d, known);
            return known;
        }
        d.serial = serial;
        d.serialSource = source;
        drives.bySerial.put(serial, d);
        return d;
    }

    private void replace(Drive old, Drive now) {
        byAddr.replaceAll((k, v) -> v == old ? now : v);
        byName.replaceAll((k, v) -> v == old ? now : v);
        drives.merged(old, now);
    }

    /** The drive at an address was pulled: what follows on it is the noise of the pull. */
    void removed(Drive d, Line l) {
        if (d != null && d.removed == null) {
            d.removed = l;
            d.add(Kind.REMOVAL, l, host);
        }
    }

    /** The drive that holds a device name (a partition, /dev/..., a namespace) now. */
    Drive resolve(String token) {
        return resolveWhole(Devices.wholeDisk(token));
    }

    Drive resolveWhole(String whole) {
        if (Devices.isLogical(whole)) {
            return logical(whole);
        }
        String ctrl = Devices.nvmeController(whole);
        if (ctrl != null) {
            String pci = nvmePci.get(ctrl);
            Drive d = pci == null ? null : byAddr.get(pci);
            if (d != null) {
                d.nvmeController = ctrl;
                hold(d, whole);
                return d;
            }
        }
        return nameOnly(whole);
    }

    /** The drive bound to a name, or a new one known only by that name (its binding line is not in the log). */
    Drive nameOnly(String whole) {
        Drive d = byName.get(whole);
        if (d == null) {
            d = newDrive();
        }
        hold(d, whole);
        return d;
    }

    Drive logical(String whole) {
        Drive d = logicals.get(whole);
        if (d == null) {
            d = drives.add(true, host);
            d.names.add(whole);
            logicals.put(whole, d);
        }
        return d;
    }

    /** Evidence named by {@code token}; a context line counts only near a failure of the same drive. */
    void record(Drive d, Kind k, Line l, String token) {
        if (token != null && k != Kind.CONTEXT) {
            d.errorDevices.add(Devices.stripDev(token));
        }
        if (k.failure && token != null) {
            sameMoment(d, l, Devices.wholeDisk(token));
        }
        if (k == Kind.CONTEXT && l.seq - d.lastFailureSeq > CONTEXT_WINDOW) {
            return;
        }
        drives.record(d, k, l, host);
    }

    /**
     * Records an error of a family whose kernel messages are rate-limited, and remembers the drive: a later
     * "N callbacks suppressed" of that family counts N more errors for it.
     */
    void recordInFamily(String token, Kind k, Line l, String family) {
        Drive d = resolve(token);
        record(d, k, l, token);
        lastByFamily.put(family, d);
    }

    /**
     * The log does not say which disks are under a dm device, but an error on dm-N and an error on a disk at the
     * same moment (within 10 ms of uptime, or the same time stamp, and a few lines apart) are the same failed I/O
     * seen from both layers: the disk is a member of dm-N.
     */
    private void sameMoment(Drive d, Line l, String whole) {
        boolean dm = d.logical && (whole.startsWith("dm-") || whole.startsWith("mapper/"));
        if (d.logical && !dm) {
            return;
        }
        if (dm) {
            if (lastDiskError != null && together(lastDiskError, l)) {
                d.members.add(below(lastDiskName));
            }
            lastDmError = l;
            lastDm = d;
        } else {
            if (lastDmError != null && together(lastDmError, l)) {
                lastDm.members.add(below(whole));
            }
            lastDiskError = l;
            lastDiskName = whole;
        }
    }

    /**
     * What is right below a dm device whose I/O failed with this disk's: the md array the disk is a member of (LVM
     * on md: the volume's member is the array, whose members are the disks), or the disk.
     */
    private String below(String disk) {
        String array = mdArray.get(disk);
        return array != null ? array : disk;
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

    /**
     * The names a drive holds now: those bound to it, and an NVMe namespace of the controller now at its PCI
     * function (a namespace is bound only when an error names it, but its name follows from the controller's).
     */
    List<String> currentNames(Drive d) {
        List<String> names = new ArrayList<>();
        for (var e : byName.entrySet()) {
            if (e.getValue() == d) {
                names.add(e.getKey());
            }
        }
        for (String n : d.names) {
            String ctrl = Devices.nvmeController(n);
            if (ctrl != null && !names.contains(n) && d.address != null && d.address.equals(nvmePci.get(ctrl))
                    && byAddr.get(d.address) == d) {
                names.add(n);
            }
        }
        return names;
    }
}
