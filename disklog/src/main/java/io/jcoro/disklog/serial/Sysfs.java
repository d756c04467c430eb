package io.jcoro.disklog.serial;

import io.jcoro.disklog.correlate.Drive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serials from sysfs on the live host: {@code /sys/block/X/device/vpd_pg80} for SCSI and SATA,
 * {@code /sys/block/X/device/serial} for NVMe. Used only for a drive that still holds its name at the end of the
 * log, and only when the name still points at the same address and the model agrees: otherwise the name now
 * belongs to another drive and its serial would send the technician to the wrong bay.
 */
public final class Sysfs implements Resolver {
    private final Path root;

    public Sysfs(Path root) {
        this.root = root;
    }

    @Override
    public void resolve(Drive d, Now now) {
        if (!now.holds(d) || d.logical || d.removed != null || now.severalHosts()) {
            return; // (the live host is one of them, and which one is not known)
        }
        for (String name : now.names(d)) {
            Path dev = root.resolve("block").resolve(name).resolve("device");
            if (!Files.isDirectory(dev)) {
                continue;
            }
            if (d.address != null && !addressMatches(dev, d.address)) {
                continue;
            }
            String model = text(dev.resolve("model"));
            if (model != null && d.model != null && !d.model.startsWith(model) && !model.startsWith(d.model)) {
                continue;
            }
            String serial = vpd80(dev.resolve("vpd_pg80"));
            if (serial == null) {
                serial = text(dev.resolve("serial"));
            }
            if (serial != null && !serial.isEmpty()) {
                d.serial = serial;
                d.serialSource = "sysfs";
                return;
            }
        }
    }

    /** The device directory is (a link to) .../H:C:T:L for SCSI, or its PCI function appears in the path for NVMe. */
    private static boolean addressMatches(Path dev, String address) {
        try {
            Path real = dev.toRealPath();
            if (real.getFileName() != null && real.getFileName().toString().equals(address)) {
                return true;
            }
            String addrFile = text(dev.resolve("address"));
            if (address.equals(addrFile)) {
                return true;
            }
            return real.toString().contains("/" + address + "/") || real.toString().endsWith("/" + address);
        } catch (IOException e) {
            return false;
        }
    }

    /** VPD page 0x80: a 4-byte header (byte 1 is 0x80, bytes 2-3 the length), then the serial, space-padded. */
    static String vpd80(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            if (b.length < 4 || (b[1] & 0xff) != 0x80) {
                return null;
            }
            int len = Math.min(((b[2] & 0xff) << 8) | (b[3] & 0xff), b.length - 4);
            String s = new String(b, 4, len, StandardCharsets.US_ASCII).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
