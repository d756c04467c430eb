package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.regex.Pattern;

/**
 * USB disks: the device's product name and serial ({@code usb 2-2: SerialNumber: ...}; for a USB-SATA bridge often
 * the enclosure's), tied to the disk through {@code scsi hostN: usb-storage 2-2:1.0}, and its disconnect, which
 * removes every disk on that SCSI host.
 */
final class Usb {
    private Usb() {
    }

    private static final Pattern SERIAL = Pattern.compile("usb (\\d+-[\\d.]+): SerialNumber: (\\S+)");
    private static final Pattern GONE = Pattern.compile("usb (\\d+-[\\d.]+): USB disconnect.*");
    private static final Pattern PRODUCT = Pattern.compile("usb (\\d+-[\\d.]+): Product: (.+)");
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");

    static Attach handle(Machine m, Line l, String msg) {
        var s = SERIAL.matcher(msg);
        if (s.matches()) {
            // a root hub's "serial" is its PCI address, not a serial
            if (!PCI_ADDRESS.matcher(s.group(2)).matches()) {
                m.usbSerial.put(s.group(1), s.group(2));
            }
            return Attach.NOTHING;
        }
        var p = PRODUCT.matcher(msg);
        if (p.matches()) {
            m.usbProduct.put(p.group(1), p.group(2).strip());
            return Attach.NOTHING;
        }
        var g = GONE.matcher(msg);
        if (g.matches()) {
            String dev = g.group(1);
            for (var e : m.hostUsb.entrySet()) {
                if (e.getValue().equals(dev)) {
                    String prefix = e.getKey() + ":";
                    for (var a : m.byAddr.entrySet()) {
                        if (a.getKey().startsWith(prefix)) {
                            m.removed(a.getValue(), l);
                        }
                    }
                }
            }
        }
        return Attach.NOTHING;
    }
}
