package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Multi-device file systems and arrays name one device for all their members: btrfs its file system's device in
 * parentheses, md and dm the array or volume. The drive at fault is the member the line names, or, when it names
 * none, nobody in particular. Each test has a failing member and a healthy one side by side, in real kernel line
 * shapes (with the serials a udev-enriched log adds), and checks that only the failing one is reported.
 */
class AttributionTest {
    /** Four SATA disks, sdb to sde, at 1:0:0:0 to 4:0:0:0, serials DISKB to DISKE. */
    static final String DISKS = disks("sdb", "sdc", "sdd", "sde");

    static String disks(String... names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            String addr = (i + 1) + ":0:0:0";
            sb.append("[    2.").append(100000 + i).append("] scsi ").append(addr)
                    .append(": Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5\n");
            sb.append("[    2.").append(200000 + i).append("] sd ").append(addr).append(": (SERIAL=DISK")
                    .append(names[i].substring(2).toUpperCase()).append(")\n");
            sb.append("[    2.").append(300000 + i).append("] sd ").append(addr).append(": [").append(names[i])
                    .append("] Attached SCSI disk\n");
        }
        return sb.toString();
    }

    /** serial (or device) -> its error kinds, of every failing drive and device. */
    static Map<String, String> failing(String log) {
        Run r = Run.withStdin(log.getBytes(StandardCharsets.UTF_8), "--json");
        Map<String, String> out = new TreeMap<>();
        for (JsonNode d : r.drives()) {
            List<String> kinds = new ArrayList<>();
            for (JsonNode k : d.get("errors")) {
                kinds.add(k.get("kind").asText());
            }
            String who = d.get("serial").isNull() ? d.get("devices").get(0).asText() + " " + d.get("members") : d.get("serial").asText();
            out.put(who, String.join(", ", kinds));
        }
        return out;
    }

    @Test
    void btrfsRaid1ChargesTheMemberAfterBdevNotTheDeviceThatNamesTheFileSystem() {
        String log = DISKS + """
                [    5.100000] BTRFS: device fsid 1d3f3b5e-9a0e-4f36-8d3a-5b9c1e2f7a10 devid 1 transid 7 /dev/sdb1 (8:17) scanned by mount (369)
                [    5.100100] BTRFS: device fsid 1d3f3b5e-9a0e-4f36-8d3a-5b9c1e2f7a10 devid 2 transid 7 /dev/sdc1 (8:33) scanned by mount (369)
                [ 1125.529032] BTRFS error (device sdb1): bdev /dev/sdc1 errs: wr 0, rd 1, flush 0, corrupt 0, gen 0
                [ 1125.529121] BTRFS info (device sdb1): read error corrected: ino 257 off 0 (dev /dev/sdc1 sector 2048)
                [ 1125.529300] BTRFS error (device sdb1): fixed up error at logical 124463056945152 on dev /dev/sdc1 physical 408018681856
                """;
        assertEquals(Map.of("DISKC", "btrfs device errors, btrfs read error corrected, btrfs error"), failing(log));
    }

    @Test
    void aBtrfsLineThatNamesNoDeviceAccusesTheFileSystemNotADriveOfIt() {
        String log = DISKS + """
                [    5.100000] BTRFS: device fsid 1d3f3b5e-9a0e-4f36-8d3a-5b9c1e2f7a10 devid 1 transid 7 /dev/sdb1 (8:17) scanned by mount (369)
                [    5.100100] BTRFS: device fsid 1d3f3b5e-9a0e-4f36-8d3a-5b9c1e2f7a10 devid 2 transid 7 /dev/sdc1 (8:33) scanned by mount (369)
                [  294.540322] BTRFS warning (device sdb1): csum failed root 5 ino 257 off 196386816 csum 0x37af8cd6 expected csum 0x8941f998 mirror 2
                """;
        assertEquals(Map.of("btrfs:sdb1 [\"sdb1\",\"sdc1\"]", "btrfs checksum error"), failing(log));
        String table = Run.withStdin(log.getBytes(StandardCharsets.UTF_8)).out();
        assertTrue(table.contains("btrfs file system") && table.contains("btrfs names no device at fault"), table);
    }

    @Test
    void aBtrfsFileSystemOfOneDeviceIsThatDevice() {
        String log = DISKS + """
                [    5.100000] BTRFS: device label data devid 1 transid 1895793 /dev/sdd1 (8:49) scanned by mount (369053)
                [  294.540322] BTRFS warning (device sdd1): csum failed root 5 ino 257 off 196386816 csum 0x37af8cd6 expected csum 0x8941f998 mirror 1
                """;
        assertEquals(Map.of("DISKD", "btrfs checksum error"), failing(log));
    }

    @Test
    void mdRaid1ChargesTheFailingMirrorAndNotTheOneReadsAreRedirectedTo() {
        String log = DISKS + """
                [   30.000000] md/raid1:md0: active with 2 out of 2 mirrors
                [ 2405.000000] blk_update_request: I/O error, dev sdb, sector 29367344 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                [ 2405.000100] md/raid1:md0: sdb1: rescheduling sector 29365296
                [ 2405.100000] md/raid1:md0: redirecting sector 29365336 to other mirror: sdc1
                [ 2406.000000] md/raid1:md0: Disk failure on sdb1, disabling device.
                [ 2406.000000] md/raid1:md0: Operation continuing on 1 devices.
                """;
        assertEquals(Map.of("DISKB", "block I/O error, md read error, md member failed"), failing(log));
    }

    @Test
    void mdRaid5And6ChargeTheMemberTheyNameAmongHealthyOnes() {
        String raid5 = DISKS + """
                [   30.000000] md/raid:md1: device sdb1 operational as raid disk 0
                [   30.000000] md/raid:md1: device sdc1 operational as raid disk 1
                [   30.000000] md/raid:md1: device sdd1 operational as raid disk 2
                [   30.000000] md/raid:md1: device sde1 operational as raid disk 3
                [   30.000100] md/raid:md1: raid level 5 active with 4 out of 4 devices, algorithm 2
                [ 3000.000000] md/raid:md1: read error corrected (8 sectors at 2048 on sdd1)
                [ 3100.000000] md/raid:md1: read error not correctable (sector 4096 on sdd1).
                [ 3100.000100] md/raid:md1: Too many read errors, failing device sdd1.
                [ 3100.000200] md/raid:md1: Disk failure on sdd1, disabling device.
                [ 3100.000300] md/raid:md1: Operation continuing on 3 devices.
                """;
        assertEquals(Map.of("DISKD", "md read error, md member failed"), failing(raid5));
        String raid6 = raid5.replace("raid level 5", "raid level 6") + """
                [ 3200.000000] md/raid:md1: read error NOT corrected!! (sector 8192 on sde1).
                [ 3200.000100] md/raid:md1: Disk failure on sde1, disabling device.
                [ 3200.000200] md/raid:md1: Operation continuing on 2 devices.
                """;
        assertEquals(Map.of("DISKD", "md read error, md member failed", "DISKE", "md read error, md member failed"),
                failing(raid6));
    }

    @Test
    void mdRaid10NamesTheDeviceTheReadFailedOn() {
        String log = DISKS + """
                [ 3000.000000] md/raid10:md2: sde1: redirecting sector 1234 to another mirror
                [ 3000.000100] md/raid10:md2: sde1: unrecoverable I/O read error for block 1234
                [ 3000.000200] md/raid10:md2: sde1: Raid device exceeded read_error threshold [cur 21:max 20]
                [ 3000.000300] md/raid10:md2: sde1: Failing raid device
                [ 3000.000400] md/raid10:md2: Disk failure on sde1, disabling device.
                """;
        assertEquals(Map.of("DISKE", "md read error, md member failed"), failing(log));
    }

    @Test
    void lvmOnMdNamesTheArrayUnderTheVolumeAndChargesOnlyTheFailingDisk() {
        // md0 is sdb1 + sdc1; dm-2 is a logical volume on md0. sdb was failed out earlier; then sdc fails a read that
        // md cannot redirect, and XFS on the volume sees it within the same millisecond.
        String log = DISKS + """
                [   30.000000] md/raid1:md0: active with 2 out of 2 mirrors
                [   30.000100] md/raid1:md0: redirecting sector 100 to other mirror: sdb1
                [ 2405.000000] md/raid1:md0: Disk failure on sdb1, disabling device.
                [ 2405.000100] md/raid1:md0: Operation continuing on 1 devices.
                [ 5000.000000] blk_update_request: I/O error, dev sdc, sector 29367344 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                [ 5000.000100] md/raid1:md0: sdc1: unrecoverable I/O read error for block 29365296
                [ 5000.000300] XFS (dm-2): metadata I/O error in "xfs_trans_read_buf_map" at daddr 0x8e8c20 len 8 error 5
                """;
        Map<String, String> f = failing(log);
        assertEquals("md member failed", f.get("DISKB"));
        assertEquals("block I/O error, md read error", f.get("DISKC"));
        assertEquals("XFS metadata I/O error", f.get("dm-2 [\"md0\"]"), f.toString());
        assertEquals(3, f.size(), f.toString());
    }
}
