package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * NVMe: {@code nvme nvmeN: ...} (a controller: its PCI function, timeouts, a dead controller),
 * {@code nvme DDDD:BB:DD.F: ...} (a PCI function: the enriched serial line) and {@code nvmeNnM: ...} (a namespace's
 * failed command, {@code sct 0x2} being a media error).
 */
final class Nvme {
    private Nvme() {
    }

    private static final Pattern CTRL = Pattern.compile("nvme (nvme\\d+): (.*)");
    private static final Pattern PCI = Pattern.compile("nvme ([0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]):? ?(.*)");
    private static final Pattern NAMESPACE = Pattern.compile("(nvme\\d+(?:c\\d+)?n\\d+): (.*) @ LBA \\d+, \\d+ blocks, .*\\(sct 0x(\\w+) / sc 0x(\\w+)\\).*");
    private static final Pattern QID_TIMEOUT = Pattern.compile("I/O \\d+ (?:\\(.*\\) )?QID \\d+ timeout.*");

    static Attach handle(Machine m, Line l, String msg) {
        var c = CTRL.matcher(msg);
        if (c.matches()) {
            controller(m, l, c.group(1), c.group(2));
            return Attach.NOTHING;
        }
        var p = PCI.matcher(msg);
        if (p.matches()) {
            var s = Scsi.SERIAL.matcher(p.group(2));
            if (s.lookingAt()) {
                m.serial(p.group(1).toLowerCase(Locale.ROOT), s.group(1) != null ? s.group(1) : s.group(2), "log");
            }
            return Attach.NOTHING;
        }
        var ns = NAMESPACE.matcher(msg);
        if (ns.matches()) {
            m.recordInFamily(ns.group(1), "2".equals(ns.group(3)) ? Kind.NVME_MEDIA : Kind.NVME_IO, l, "nvme");
            return Attach.NOTHING;
        }
        return Block.suppressed(m, msg);
    }

    private static void controller(Machine m, Line l, String ctrl, String rest) {
        if (rest.startsWith("pci function ")) {
            String pci = rest.substring(13).strip();
            m.nvmePci.put(ctrl, pci);
            Drive d = m.byAddr.get(pci);
            if (d == null) {
                Drive before = m.previousBoot.remove(pci);
                d = before != null && before.serial == null && before.removed == null ? before : m.newDrive();
                d.at(pci);
                m.byAddr.put(pci, d);
            }
            d.nvmeController = ctrl;
            return;
        }
        Kind k = null;
        if (QID_TIMEOUT.matcher(rest).matches()) {
            k = Kind.NVME_TIMEOUT;
        } else if (rest.startsWith("controller is down") || rest.startsWith("Removing after probe failure")
                || rest.startsWith("Device not ready") || rest.startsWith("Disabling device after reset failure")) {
            k = Kind.NVME_DOWN;
        }
        if (k != null) {
            String pci = m.nvmePci.get(ctrl);
            Drive d = pci == null ? null : m.byAddr.get(pci);
            if (d == null) {
                d = m.nameOnly(ctrl);
            }
            d.nvmeController = ctrl;
            m.record(d, k, l, ctrl);
        }
    }
}
