package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.regex.Pattern;

/**
 * The SCSI families: {@code sd H:C:T:L: [sdX] ...} (binds the name, carries the disk's errors and sense data) and
 * {@code scsi H:C:T:L: ...} (a new device at an address; mpt3sas's WWN, SAS address and slot).
 */
final class Scsi {
    private Scsi() {
    }

    private static final Pattern SD = Pattern.compile("sd (\\d+:\\d+:\\d+:\\d+):? ?(.*)");
    private static final Pattern NAMED = Pattern.compile("\\[([a-z]+[a-z0-9]*)\\] ?(?:tag#\\d+ )?(.*)");
    static final Pattern SERIAL = Pattern.compile("\\(SERIAL=([^)]*)\\)|serial_number\\((.*)\\)");
    private static final Pattern SCSI = Pattern.compile("scsi (\\d+:\\d+:\\d+:\\d+):? ?(.*)");
    private static final Pattern SCSI_HOST_USB = Pattern.compile("scsi host(\\d+): usb-storage (\\d+-[\\d.]+)(?::.*)?");
    /** mpt3sas at slave_configure: the drive's SAS address and, for SATA behind the HBA, its WWN. */
    private static final Pattern SAS_DEVICE =
            Pattern.compile("(SATA|SSP|STP): handle\\(0x\\w+\\), sas_addr\\((0x\\w+)\\)(.*?device_name\\((0x\\w+)\\))?.*");
    private static final Pattern SLOT = Pattern.compile("enclosure logical id \\((0x\\w+)\\), slot\\((\\d+)\\).*");
    private static final Pattern SIZE = Pattern.compile("\\d+ \\d+-byte logical blocks: \\(([^/)]+)[/)].*");

    static Attach sd(Machine m, Line l, String msg) {
        var sd = SD.matcher(msg);
        if (!sd.matches()) {
            return Attach.NOTHING;
        }
        String addr = sd.group(1);
        String rest = sd.group(2);
        if (rest.startsWith("[")) {
            var n = NAMED.matcher(rest);
            if (!n.matches()) {
                return Attach.NOTHING;
            }
            Drive d = m.bind(addr, n.group(1));
            Ata.noteScsiAddr(m, addr);
            return text(m, d, n.group(2), l, n.group(1));
        }
        var s = SERIAL.matcher(rest);
        if (s.lookingAt()) {
            m.serial(addr, s.group(1) != null ? s.group(1) : s.group(2), "log");
            return Attach.NOTHING;
        }
        if (rest.startsWith("Attached Disk Drive")) {
            announce(m, addr, null, null, null);
            return Attach.NOTHING;
        }
        if (rest.startsWith("rejecting I/O to offline device")) {
            Drive d = m.byAddr.get(addr);
            if (d != null) {
                m.record(d, Kind.SCSI_OFFLINE, l, addr);
            }
        }
        return Attach.NOTHING;
    }

    /** What an sd line says after {@code [sdX] tag#N}. */
    private static Attach text(Machine m, Drive d, String text, Line l, String token) {
        if (text.isEmpty()) {
            // pre-4.x kernels split one SCSI error over several lines; the rest follow without a prefix
            m.contDrive = d;
            m.contScsi = true;
            return Attach.UNPREFIXED_LINES;
        }
        Kind k = kind(d, text);
        if (k != null) {
            m.record(d, k, l, token);
        } else {
            var size = SIZE.matcher(text);
            if (size.matches()) {
                d.size = size.group(1).strip();
            }
        }
        return Attach.NOTHING;
    }

    /** What the text of an sd line (or of the unprefixed tail of a split one) says about the drive, or null. */
    static Kind kind(Drive d, String text) {
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

    static Attach scsi(Machine m, Line l, String msg) {
        var host = SCSI_HOST_USB.matcher(msg);
        if (host.matches()) {
            m.hostUsb.put(host.group(1), host.group(2));
            return Attach.NOTHING;
        }
        var sc = SCSI.matcher(msg);
        if (!sc.matches()) {
            return Attach.NOTHING;
        }
        String addr = sc.group(1);
        String rest = sc.group(2);
        var s = SERIAL.matcher(rest);
        if (s.lookingAt()) {
            m.serial(addr, s.group(1) != null ? s.group(1) : s.group(2), "log");
            return Attach.NOTHING;
        }
        int pq = rest.indexOf(" PQ: ");
        if (pq > 0) {
            String type = rest.substring(0, Math.min(rest.length(), 14)).strip();
            if (!type.startsWith("Direct-Access")) {
                m.byAddr.remove(addr);
                return Attach.NOTHING;
            }
            // "%s %.8s %.16s %.4s PQ: %d ANSI: %d": fixed widths, read from the PQ: end
            String rev = field(rest, pq - 4, pq);
            String model = field(rest, pq - 21, pq - 5);
            String vendor = field(rest, pq - 30, pq - 22);
            announce(m, addr, vendor, model, rev);
            return Attach.NOTHING;
        }
        Drive d = m.byAddr.get(addr);
        if (d == null) {
            return Attach.NOTHING;
        }
        var sas = SAS_DEVICE.matcher(rest);
        if (sas.matches()) {
            m.sasAddr.put(sas.group(2).toLowerCase(java.util.Locale.ROOT), addr);
            if (sas.group(4) != null && !sas.group(1).equals("STP")) {
                d.wwn = sas.group(4);
            }
            return Attach.NOTHING;
        }
        var slot = SLOT.matcher(rest);
        if (slot.matches()) {
            d.slot = slot.group(2);
            return Attach.NOTHING;
        }
        if (rest.startsWith("rejecting I/O to offline device")) {
            m.record(d, Kind.SCSI_OFFLINE, l, addr);
        }
        return Attach.NOTHING;
    }

    private static String field(String s, int from, int to) {
        if (from < 0 || to > s.length() || from >= to) {
            return null;
        }
        String f = s.substring(from, to).strip();
        return f.isEmpty() ? null : f;
    }

    /** A new device at an address: a new Drive, unless the one there has not been used yet. */
    private static void announce(Machine m, String addr, String vendor, String model, String rev) {
        Drive d = m.byAddr.get(addr);
        if (d == null || !d.fresh()) {
            Drive before = m.previousBoot.remove(addr);
            if (before != null && before.serial == null && before.removed == null && before.announced
                    && same(before.model, model) && same(before.firmware, rev) && d == null) {
                // the same unidentified drive after a reboot: one row, not one per boot
                d = before;
            } else {
                d = m.newDrive();
            }
            d.at(addr);
            m.byAddr.put(addr, d);
        }
        d.announced = true;
        if (model != null) {
            d.vendor = vendor;
            d.model = model;
            d.firmware = rev;
        }
        String port = Ata.portFor(m, addr, model);
        if (port != null) {
            String[] id = m.ataIdentity.get(port);
            d.model = id[0];
            d.firmware = id[1];
            d.ataPort = port;
            m.ataAddr.put(port, addr);
            String sn = m.ataSerial.remove(port);
            if (sn != null) {
                d = m.setSerial(d, sn, "log");
            }
        }
        String pending = m.pendingSerial.remove(addr);
        if (pending != null) {
            d = m.setSerial(d, pending, "log (ATA serial mismatch line)");
        }
        String usb = m.hostUsb.get(addr.substring(0, addr.indexOf(':')));
        if (usb != null) {
            if (d.model == null && m.usbProduct.containsKey(usb)) {
                d.model = m.usbProduct.get(usb);
            }
            String sn = m.usbSerial.get(usb);
            if (sn != null && d.serial == null) {
                m.setSerial(d, sn, "log (USB iSerial; may be the enclosure's, not the disk's)");
            }
        }
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
