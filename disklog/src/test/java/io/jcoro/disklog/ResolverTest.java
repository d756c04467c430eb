package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serials the log does not give: an inventory file, and sysfs (a sysfs tree built in a temporary directory). */
class ResolverTest {
    @TempDir
    Path dir;

    /** The sample without its (SERIAL=...) lines. */
    Path unserialized() throws IOException {
        List<String> lines = Files.readAllLines(Run.resource("sample-kern.log")).stream()
                .filter(l -> !l.contains("(SERIAL=")).collect(Collectors.toList());
        return Files.write(dir.resolve("kern.log"), lines);
    }

    static List<String> serials(Run r) {
        return r.drives().stream().map(d -> d.get("serial").isNull() ? "?" : d.get("serial").asText()).toList();
    }

    @Test
    void withoutSerialLinesDrivesAreStillReportedWithModelAndAddress() throws IOException {
        Run r = Run.of("--json", unserialized().toString());
        assertEquals(List.of("?", "?", "?", "?"), serials(r));
        JsonNode old = r.drives().get(1);
        assertEquals("ST8000NM000A-2KE101", old.get("model").asText());
        assertEquals("2:0:0:0", old.get("address").asText());
        assertTrue(Run.of(unserialized().toString()).out().contains("serial unknown"));
    }

    @Test
    void inventoryByAddressAppliesOnlyToTheDriveStillThereAtTheEnd() throws IOException {
        Path inv = Files.writeString(dir.resolve("inventory.csv"),
                "key,serial\n# bay map, as of today\n0:0:0:0,INV-A\n\"2:0:0:0\",\"INV-C\"\n0000:3b:00.0;INV-N\n");
        Run r = Run.of("--json", "--inventory", inv.toString(), unserialized().toString());
        assertEquals(1, r.status(), r.err());
        // the old drive at 2:0:0:0 was swapped out: today's inventory does not describe it
        assertEquals(List.of("INV-A", "?", "INV-N", "INV-C"), serials(r));
        assertEquals("inventory 2:0:0:0 INV-C not applied: the drive was removed at 7431.714921",
                r.drives().get(1).get("serialNote").asText());
        assertEquals("inventory", r.drives().get(0).get("serialSource").asText());
    }

    @Test
    void inventoryByWwnAndByDeviceName() throws IOException {
        Path log = Files.writeString(dir.resolve("sas.log"), String.join("\n",
                "[    3.0] scsi 0:0:5:0: Direct-Access     SEAGATE  ST900MM0026      0003 PQ: 0 ANSI: 6",
                "[    3.1] scsi 0:0:5:0: SSP: handle(0x000b), sas_addr(0x5000c5005e8fe501), phy(5), device_name(0x5000c5005e8fe503)",
                "[    3.2] scsi 0:0:5:0: enclosure logical id (0x500605b00f3dfa80), slot(5)",
                "[    3.3] sd 0:0:5:0: [sdb] Attached SCSI disk",
                "[    3.4] scsi 0:0:6:0: Direct-Access     SEAGATE  ST900MM0026      0003 PQ: 0 ANSI: 6",
                "[    3.5] sd 0:0:6:0: [sdc] Attached SCSI disk",
                "[  100.0] blk_update_request: critical medium error, dev sdb, sector 5120",
                "[  101.0] Buffer I/O error on dev sdc1, logical block 10, async page read", ""));
        Path inv = Files.writeString(dir.resolve("inv.csv"), "wwn-0x5000c5005e8fe503,S0N01WTZ\n/dev/sdc,S0N0SDC\n");
        Run r = Run.of("--json", "--inventory", inv.toString(), log.toString());
        assertEquals(List.of("S0N01WTZ", "S0N0SDC"), serials(r));
        JsonNode b = r.drives().get(0);
        assertEquals("5", b.get("slot").asText());
        assertEquals("0x5000c5005e8fe503", b.get("wwn").asText());
        assertEquals("SEAGATE", b.get("vendor").asText());
        assertTrue(Run.of(log.toString()).out().contains("0:0:5:0 slot 5"));
    }

    @Test
    void aBadInventoryLineIsReportedAndTheRestUsed() throws IOException {
        Path inv = Files.writeString(dir.resolve("inv.csv"), "0:0:0:0,INV-A\nthis line is wrong\n");
        Run r = Run.of("--json", "--inventory", inv.toString(), unserialized().toString());
        assertEquals(2, r.status());
        assertEquals("INV-A", serials(r).get(0));
        assertEquals(List.of("disklog: " + inv + ": 1 line not of the form KEY,SERIAL or HOST,KEY,SERIAL (first: line 2); ignored"), r.errLines());
        Run missing = Run.of("--inventory", dir.resolve("none.csv").toString(), unserialized().toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("disklog: " + dir.resolve("none.csv") + ": no such file"), missing.err());
    }

    /** A sysfs tree: block/NAME/device is a link to the device directory, as on a real host. */
    Path sysfs() throws IOException {
        Path root = dir.resolve("sys");
        scsi(root, "sda", "0:0:0:0", "ST4000NM0035-1V4", "ZC18K2QJ");
        scsi(root, "sdc", "2:0:0:0", "ST8000NM000A-2KE", "ZA1GQ8VD");
        Path ctrl = Files.createDirectories(root.resolve("devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0/nvme/nvme0"));
        Files.writeString(ctrl.resolve("serial"), "S439NE0N201842      \n");
        Files.writeString(ctrl.resolve("address"), "0000:3b:00.0\n");
        Files.writeString(ctrl.resolve("model"), "Samsung SSD 970 EVO Plus 1TB            \n");
        Files.createDirectories(root.resolve("block/nvme0n1"));
        Files.createSymbolicLink(root.resolve("block/nvme0n1/device"), ctrl);
        return root;
    }

    private static void scsi(Path root, String name, String addr, String model, String serial) throws IOException {
        Path dev = Files.createDirectories(root.resolve("devices/pci0000:00/0000:00:17.0/ata/host/target/" + addr));
        Files.writeString(dev.resolve("model"), model + "\n");
        byte[] s = (serial + "    ").getBytes(StandardCharsets.US_ASCII);
        byte[] vpd = new byte[4 + s.length];
        vpd[1] = (byte) 0x80;
        vpd[3] = (byte) s.length;
        System.arraycopy(s, 0, vpd, 4, s.length);
        Files.write(dev.resolve("vpd_pg80"), vpd);
        Files.createDirectories(root.resolve("block/" + name));
        Files.createSymbolicLink(root.resolve("block/" + name + "/device"), dev);
    }

    @Test
    void sysfsGivesSerialsOnlyForDrivesStillHoldingTheirNames() throws IOException {
        Path root = sysfs();
        Run r = Run.of("--json", "--sysfs", "--sysfs-root", root.toString(), unserialized().toString());
        // the old sdc was pulled: /sys/block/sdc is the replacement now, and must not be given to it
        assertEquals(List.of("ZC18K2QJ", "?", "S439NE0N201842", "ZA1GQ8VD"), serials(r));
        assertEquals("sysfs", r.drives().get(0).get("serialSource").asText());
    }

    @Test
    void sysfsIsNotUsedWhenTheNameNowPointsAtAnotherAddress() throws IOException {
        Path root = dir.resolve("sys");
        scsi(root, "sda", "7:0:0:0", "ST4000NM0035-1V4", "SOMEONE-ELSE");
        Run r = Run.of("--json", "--sysfs", "--sysfs-root", root.toString(), unserialized().toString());
        assertEquals("?", serials(r).get(0));
    }
}
