package io.jcoro.disklog.serial;

import io.jcoro.disklog.correlate.Devices;
import io.jcoro.disklog.correlate.Drive;
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
 * An inventory file: {@code KEY,SERIAL} per line ('#' comments, an optional header line), where KEY is a SCSI
 * address, an NVMe PCI function, a WWN or a device name.
 *
 * <p>A WWN is the drive's own identity and applies to any drive with that WWN. An address or a name describes the
 * machine as it is now, so it applies only to a drive that still holds that address or name at the end of the log:
 * after a hot-swap, the old drive at the same address is not given the new one's serial.
 */
public final class Inventory implements Resolver {
    private static final Pattern SCSI = Pattern.compile("\\d+:\\d+:\\d+:\\d+");
    private static final Pattern PCI = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    private static final Pattern WWN = Pattern.compile("(?:wwn-|naa\\.)?(?:0x)?([0-9a-f]{16}|[0-9a-f]{32})");

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
            if (f.length < 2 || f[1].isEmpty()) {
                bad++;
                firstBad = firstBad == 0 ? i + 1 : firstBad;
                continue;
            }
            String key = f[0].toLowerCase(Locale.ROOT);
            String serial = f[1];
            if (SCSI.matcher(key).matches() || PCI.matcher(key).matches()) {
                inv.byAddress.put(key, serial);
            } else if (WWN.matcher(key).matches()) {
                var m = WWN.matcher(key);
                m.matches();
                inv.byWwn.put(m.group(1), serial);
            } else if (key.matches("(?:/dev/)?[a-z][a-z0-9-]*")) {
                inv.byName.put(Devices.wholeDisk(key), serial);
            } else if (i == 0) {
                continue; // a header line
            } else {
                bad++;
                firstBad = firstBad == 0 ? i + 1 : firstBad;
            }
        }
        if (bad > 0) {
            err.println("disklog: " + file + ": " + InputStats.plural(bad, "line") + " not of the form KEY,SERIAL (first: line "
                    + firstBad + "); ignored");
            inv.broken = true;
        }
        return inv;
    }

    @Override
    public void resolve(Drive d, boolean boundAtEnd, List<String> currentNames) {
        if (d.wwn != null) {
            var m = WWN.matcher(d.wwn.toLowerCase(Locale.ROOT));
            if (m.matches() && byWwn.containsKey(m.group(1))) {
                set(d, byWwn.get(m.group(1)));
                return;
            }
        }
        if (!boundAtEnd) {
            return;
        }
        if (d.address != null && byAddress.containsKey(d.address.toLowerCase(Locale.ROOT))) {
            set(d, byAddress.get(d.address.toLowerCase(Locale.ROOT)));
            return;
        }
        for (String n : currentNames) {
            if (byName.containsKey(n)) {
                set(d, byName.get(n));
                return;
            }
        }
    }

    private static void set(Drive d, String serial) {
        d.serial = serial;
        d.serialSource = "inventory";
    }
}
