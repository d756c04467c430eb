package io.jcoro.disklog.serial;

import io.jcoro.disklog.correlate.Devices;
import io.jcoro.disklog.correlate.Drive;
import io.jcoro.disklog.correlate.Host;
import io.jcoro.disklog.read.InputStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An inventory file: {@code KEY,SERIAL} or {@code HOST,KEY,SERIAL} per line ('#' comments, an optional header
 * line), where KEY is a SCSI address, an NVMe PCI function, a WWN or a device name.
 *
 * <p>A WWN is the drive's own identity and applies to any drive with that WWN. An address or a name describes a
 * machine as it is now, so it applies only to a drive that still holds that address or name at the end of the log:
 * after a hot-swap, the old drive at the same address is not given the new one's serial. Such an entry that names a
 * failing drive's address or name and is not applied says why, in the drive's row. Every host has an address
 * 0:0:0:0 and an sda: in a log of several hosts, only entries with a HOST apply by address or name.
 */
public final class Inventory implements Resolver {
    private static final Pattern SCSI = Pattern.compile("\\d+:\\d+:\\d+:\\d+");
    private static final Pattern PCI = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    private static final Pattern WWN = Pattern.compile("(?:wwn-|naa\\.)?(?:0x)?([0-9a-f]{16}|[0-9a-f]{32})");

    /** By address and by name: keyed {@code host + "\t" + key}, the host empty when the line gives none. */
    private final Map<String, String> byAddress = new HashMap<>();
    private final Map<String, String> byWwn = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    /** The file or one of its lines was bad; the good lines are used. */
    public boolean broken;

    public static Inventory load(Path file, PrintStream err) {
        Inventory inv = new Inventory();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("disklog: " + file + ": no such file (inventory)");
            inv.broken = true;
            return inv;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("disklog: " + file + ": cannot read the inventory (" + e.getMessage() + ")");
            inv.broken = true;
            return inv;
        }
        int bad = 0;
        int firstBad = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s*[,;\\t]\\s*");
            for (int k = 0; k < f.length; k++) {
                // spreadsheets quote their fields
                f[k] = f[k].replaceAll("^\"|\"$", "").strip();
            }
            if (f.length < 2 || f.length > 3 || f[f.length - 1].isEmpty()) {
                bad++;
                firstBad = firstBad == 0 ? i + 1 : firstBad;
                continue;
            }
            String host = f.length == 3 ? f[0].toLowerCase(Locale.ROOT) : "";
            String key = f[f.length - 2].toLowerCase(Locale.ROOT);
            String serial = f[f.length - 1];
            if (SCSI.matcher(key).matches() || PCI.matcher(key).matches()) {
                inv.byAddress.put(host + "\t" + key, serial);
            } else if (WWN.matcher(key).matches()) {
                var m = WWN.matcher(key);
                m.matches();
                inv.byWwn.put(m.group(1), serial);
            } else if (key.matches("(?:/dev/)?[a-z][a-z0-9-]*")) {
                inv.byName.put(host + "\t" + Devices.wholeDisk(key), serial);
            } else if (i == 0) {
                continue; // a header line
            } else {
                bad++;
                firstBad = firstBad == 0 ? i + 1 : firstBad;
            }
        }
        if (bad > 0) {
            err.println("disklog: " + file + ": " + InputStats.plural(bad, "line") + " not of the form KEY,SERIAL or"
                    + " HOST,KEY,SERIAL (first: line " + firstBad + "); ignored");
            inv.broken = true;
        }
        return inv;
    }

    @Override
    public void resolve(Drive d, Now now) {
        if (d.wwn != null) {
            var m = WWN.matcher(d.wwn.toLowerCase(Locale.ROOT));
            if (m.matches() && byWwn.containsKey(m.group(1))) {
                set(d, byWwn.get(m.group(1)));
                return;
            }
        }
        if (d.logical) {
            return;
        }
        Host host = d.lastHost != null ? d.lastHost : d.hosts.isEmpty() ? null : d.hosts.iterator().next();
        if (d.address != null) {
            String addr = d.address.toLowerCase(Locale.ROOT);
            String[] e = entry(byAddress, host, addr, now);
            if (e != null) {
                Drive there = now.at(host, d.address);
                if (e[1] == null && there == d) {
                    set(d, e[0]);
                } else {
                    d.serialNote = "inventory " + d.address + " " + e[0] + " not applied: " + (e[1] != null ? e[1]
                            : d.removed != null ? "the drive was removed at " + d.removed.when()
                            : there != null ? "another drive held " + d.address + " at the end of the log"
                            : "nothing held " + d.address + " at the end of the log");
                }
                return;
            }
        }
        List<String> current = now.names(d);
        for (String n : d.names) {
            String[] e = entry(byName, host, n, now);
            if (e == null) {
                continue;
            }
            if (e[1] == null && current.contains(n) && now.holds(d)) {
                set(d, e[0]);
            } else {
                d.serialNote = "inventory " + n + " " + e[0] + " not applied: " + (e[1] != null ? e[1]
                        : "the drive no longer held " + n + " at the end of the log");
            }
            return;
        }
    }

    /**
     * The inventory's serial for {@code key} on {@code host}, and why it cannot apply (null when it can): an entry
     * without a host, in a log of several hosts, names no drive.
     */
    private static String[] entry(Map<String, String> map, Host host, String key, Now now) {
        String name = host == null || host.name() == null ? "" : host.name().toLowerCase(Locale.ROOT);
        String serial = map.get(name + "\t" + key);
        if (serial != null) {
            return new String[] {serial, null};
        }
        serial = map.get("\t" + key);
        if (serial == null) {
            return null;
        }
        return new String[] {serial, now.severalHosts() ? "the log has several hosts and the line names none"
                + " (HOST," + key + ",SERIAL)" : null};
    }

    private static void set(Drive d, String serial) {
        d.serial = serial;
        d.serialSource = "inventory";
    }
}
