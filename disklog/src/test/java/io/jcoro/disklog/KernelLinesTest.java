package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real kernel lines, verbatim or nearly so: every envelope of docs/disklog.md ("Inputs"), and the error wordings of
 * docs/kernel-messages.md with the whole disk they must be charged to.
 */
class KernelLinesTest {

    static List<JsonNode> drives(String log) {
        return Run.withStdin(log.getBytes(StandardCharsets.UTF_8), "--json").drives();
    }

    /** The one failing device of {@code log}: its first device name and its error kinds. */
    static String one(String log) {
        List<JsonNode> d = drives(log);
        assertEquals(1, d.size(), "one failing device in:\n" + log + "\ngot " + d);
        List<String> kinds = new ArrayList<>();
        for (JsonNode k : d.get(0).get("errors")) {
            kinds.add(k.get("kind").asText());
        }
        JsonNode devices = d.get(0).get("devices");
        return (devices.isEmpty() ? "?" : devices.get(0).asText()) + " " + String.join(", ", kinds);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        dmesg                 | [  222.909534] XFS (sdb6): log I/O error -5                                              | sdb XFS log I/O error
        dmesg wide            | [6411193.033963] XFS (sdb6): log I/O error -5                                            | sdb XFS log I/O error
        dmesg -T              | [Mon Jul 19 10:37:35 2021] XFS (nbd0): Metadata corruption detected at xfs_dinode_verify.part.0+0x172/0x640 [xfs], inode 0x14506b6d dinode | nbd0 XFS corruption
        dmesg -T German       | [Fr Aug 26 22:01:01 2022] Buffer I/O error on dev sdc1, logical block 640, lost async page write | sdc buffer I/O error
        dmesg -H              | [Apr19 18:52] BTRFS: error (device nvme0n1p2) in btrfs_commit_transaction:2564: errno=-5 IO failure (Error while writing out transaction) | btrfs:nvme0n1p2 btrfs error
        dmesg -e relative     | [  +0,000013] critical medium error, dev nvme0n1, sector 0 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 2 | nvme0n1 critical medium error
        dmesg -r              | <3>[   12.078408] BTRFS error (device dm-2): bad tree block start 0 21037056              | btrfs:dm-2 btrfs error
        dmesg -r no time      | <3>end_request: I/O error, dev sdb, sector 29367344                                     | sdb block I/O error
        caller field          | [  156.190840][ T8038] md/raid1:md127: Disk failure on nvme1n1, disabling device.       | nvme1n1 md member failed
        caller only           | [  T101] EXT4-fs error (device sda7): __ext4_find_entry:1545: inode #37: comm journalctl: checksumming directory block 0 | sda ext4 error
        /dev/kmsg             | 3,627,1218356252,-;blk_update_request: critical medium error, dev sdb, sector 5120       | sdb critical medium error
        kern.log rsyslog      | Apr 16 07:07:38 -worker-02 kernel: [33713.714314] sd 3:0:0:0: [sdb] tag#3 Sense Key : Medium Error [current] | sdb SCSI medium error
        kern.log journald     | Sep  6 14:24:35 node2 kernel: EXT4-fs error (device sdf) in ext4_reserve_inode_write:5795: Journal has aborted | sdf ext4 error
        two-digit day         | Jun 08 10:48:13 compute4 kernel: print_req_error: I/O error, dev sdc, sector 1098288304 flags 0 | sdc block I/O error
        journalctl short      | Sep 27 22:59:05 archiso kernel: blk_update_request: I/O error, dev sdb, sector 1003793896 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 0 | sdb block I/O error
        short-iso             | 2024-09-30T11:20:12+0000 host kernel: I/O error, dev sdc, sector 0 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2 | sdc block I/O error
        short-iso-precise     | 2024-09-30T11:20:12.371717+0000 host kernel: I/O error, dev sdc, sector 0 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2 | sdc block I/O error
        short-precise         | Sep 30 11:20:12.371717 host kernel: XFS (sdc): log I/O error -5                        | sdc XFS log I/O error
        short-monotonic       | [10800.371717] host kernel: XFS (sdc): log I/O error -5                                | sdc XFS log I/O error
        rsyslog RFC 3339      | 2024-09-30T11:20:12.371717+00:00 host kernel: [10800.371717] XFS (sdc): log I/O error -5 | sdc XFS log I/O error
        RFC 5424              | <3>1 2024-09-30T11:20:12.371717+00:00 host kernel - - - I/O error, dev sdc, sector 1234 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2 | sdc block I/O error
        ISO-like date         | 2024-10-31 13:36:11 localhost kernel: [   25.798567] Buffer I/O error on dev mmcblk2, logical block 0, async page read | mmcblk2 buffer I/O error
        SONiC                 | 2025 Jun 18 07:12:32.614365 sonic_testbed CRIT kernel: [ 1019.487101] EXT4-fs error (device loop1): ext4_check_bdev_write_error:217: comm rs:main Q:Reg: Error while async write back metadata | loop1 ext4 error
        OpenWrt logread       | Sat May 11 14:45:54 2024 kern.info kernel: [    2.823391] XFS (sda1): writeback error on sector 738263040 | sda XFS writeback error
        Anaconda              | 23:54:39,681 INFO kernel:md/raid1:md0: Disk failure on sdc1, disabling device.      | sdc md member failed
        Talos                 | 109.200.197.196: kern:   alert: [2024-05-13T15:13:11.99476118Z]: XFS (sdb6): log I/O error -5 | sdb XFS log I/O error
        journal JSON          | {"__REALTIME_TIMESTAMP":"1727695212371717","_BOOT_ID":"9938","MESSAGE":"XFS (sdc): log I/O error -5"} | sdc XFS log I/O error
        seed bare             | XFS ERROR [sdc]                                                                          | sdc XFS error
        """)
    void everyEnvelopeIsRead(String form, String line, String expected) {
        assertEquals(expected, one(line + "\n"), form);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        XFS (dm-0): metadata I/O error: block 0x48 ("xfs_trans_read_buf_map") error 117 numblks 8                 | dm-0 XFS metadata I/O error
        XFS (nvme0n1p1): Metadata CRC error detected at xfs_dir3_block_read_verify+0xc8/0xf0 [xfs], xfs_dir3_block block 0x8e8c20 | nvme0n1 XFS corruption
        XFS (dm-2): Corruption warning: Metadata has LSN (1:2736) ahead of current LSN (1:120). Please unmount and run xfs… | dm-2 XFS corruption
        XFS (dm-0): xfs_log_force: error -5 returned.                                                              | dm-0 XFS log I/O error
        XFS (dm-11): xfs_imap_to_bp: xfs_trans_read_buf() returned error -117.                                     | dm-11 XFS corruption
        XFS (sda3): xfs_do_force_shutdown(0x8) called from line 3486 of file fs/xfs/xfs_inode.c.  Return address = 00000000cc36f40e | sda XFS shutdown
        XFS (dm-4): Internal error xfs_iunlink_remove at line 2038 of file fs/xfs/xfs_inode.c.  Caller xfs_ifree+0x33/0x130 [xfs] | dm-4 XFS corruption
        XFS (dm-4): I/O Error Detected. Shutting down filesystem                                                   | dm-4 XFS shutdown
        XFS (sdb6): Filesystem has been shut down due to log error (0x2).                                          | sdb XFS shutdown
        EXT4-fs warning (device sda1): ext4_end_bio:309: I/O error 10 writing to inode 17 (offset 8388608 size 8388608 starting block 36864) | sda ext4 I/O error
        EXT4-fs (sdi): I/O error while writing superblock                                                          | sdi ext4 I/O error
        EXT4-fs (sda7): error count since last fsck: 627                                                           | sda ext4 errors since fsck
        EXT4-fs error (device mmcblk0p2): ext4_journal_check_start:56 Detected aborted journal                    | mmcblk0 ext4 error
        JBD2: Detected IO errors while flushing file data on sda1-8                                                | sda jbd2 I/O error
        Aborting journal on device loop1-8.                                                                        | loop1 journal aborted
        Aborting journal on device dm-3-8.                                                                         | dm-3 journal aborted
        BTRFS error (device dm-0): bdev /dev/mapper/root_1 errs: wr 0, rd 3535, flush 0, corrupt 0, gen 0         | mapper/root_1 btrfs device errors
        BTRFS error (device dm-15): bdev /dev/dm-10 errs: wr 0, rd 0, flush 0, corrupt 1, gen 0                    | dm-10 btrfs device errors
        BTRFS error (device sdb1 state EA): bdev /dev/sdc1 errs: wr 1, rd 0, flush 0, corrupt 0, gen 0             | sdc btrfs device errors
        BTRFS error (device sdb1: state EA): bdev /dev/sdd1 errs: wr 1, rd 0, flush 0, corrupt 0, gen 0            | sdd btrfs device errors
        BTRFS warning (device nvme0n1): csum failed root -9 ino 319 off 196386816 csum 0x37af8cd6 expected csum 0x8941f998 mirror 1 | btrfs:nvme0n1 btrfs checksum error
        BTRFS info (device dm-2): read error corrected: ino 0 off 363982848 (dev /dev/mapper/storage2 sector 671992) | mapper/storage2 btrfs read error corrected
        BTRFS error (device dm-15): fixed up error at logical 124463056945152 on dev /dev/dm-10 physical 408018681856 | dm-10 btrfs error
        timeout error, dev sdd, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0                       | sdd block timeout
        critical target error, dev sde, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0               | sde block error
        Buffer I/O error on device dm-1, logical block 14403801                                                   | dm-1 buffer I/O error
        nvme0n1: Read(0x2) @ LBA 0, 8 blocks, Unrecovered Read Error (sct 0x2 / sc 0x81) DNR                        | nvme0n1 NVMe media error
        nvme1n1: Write(0x1) @ LBA 96, 8 blocks, Internal Error (sct 0x0 / sc 0x6)                                  | nvme1n1 NVMe I/O error
        nvme nvme2: I/O 0 QID 0 timeout, reset controller                                                          | nvme2 NVMe timeout/reset
        nvme nvme0: controller is down; will reset: CSTS=0xffffffff, PCI_STATUS=0x10                              | nvme0 NVMe controller down
        md/raid:md0: read error corrected (8 sectors at 1234 on sdb1)                                              | sdb md read error
        md/raid1:md0: sdb1: rescheduling sector 29365296                                                           | sdb md read error
        sd 1:0:0:0: [sda] tag#12 FAILED Result: hostbyte=DID_BAD_TARGET driverbyte=DRIVER_OK cmd_age=94s         | sda SCSI command failed
        sd 0:0:124:0: [sda] tag#0 Sense Key : Hardware Error [current] [descriptor]                               | sda SCSI hardware error
        sd 2:0:0:0: rejecting I/O to offline device                                                              | ? device offline
        """)
    void everyErrorWordingIsChargedToTheWholeDisk(String line, String expected) {
        String log = line.startsWith("sd 2:0:0:0: rejecting")
                ? "[1.0] scsi 2:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5\n[2.0] " + line + "\n"
                : "[2.0] " + line + "\n";
        String got = one(log);
        if (expected.startsWith("?")) {
            assertTrue(got.endsWith(expected.substring(2)) || got.contains(expected.substring(2)), got);
        } else {
            assertEquals(expected, got);
        }
    }

    @Test
    void preFourKernelsSplitOneScsiErrorOverLinesWithoutPrefix() {
        String log = """
                Jan 10 03:14:07 fs1 kernel: [15074410.390831] sd 8:0:1:0: [sdh]
                Jan 10 03:14:07 fs1 kernel: [15074410.390833] Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE
                Jan 10 03:14:07 fs1 kernel: [15074410.390835] sd 8:0:1:0: [sdh]
                Jan 10 03:14:07 fs1 kernel: [15074410.390837] Sense Key : Medium Error [current] [descriptor]
                Jan 10 03:14:07 fs1 kernel: [15074410.390901] end_request: critical medium error, dev sdh, sector 6353827720
                """;
        assertEquals("sdh SCSI medium error, critical medium error", one(log));
    }

    @Test
    void ataContinuationLinesCarryTheMediaError() {
        String log = """
                [    1.0] ata3.00: ATA-9: WDC WD40EFRX-68N32N0, 82.00A82, max UDMA/133
                [    1.1] scsi 2:0:0:0: Direct-Access     ATA      WDC WD40EFRX-68N 0A82 PQ: 0 ANSI: 5
                [    1.2] sd 2:0:0:0: [sdc] Attached SCSI disk
                [  222.909534] ata3.00: failed command: READ FPDMA QUEUED
                [  222.913453] ata3.00: cmd 60/f0:08:75:79:2d/00:00:14:00:00/40 tag 1 ncq 122880 in
                [  222.913458]          res 41/40:00:e0:79:2d/00:00:14:00:00/40 Emask 0x409 (media error) <F>
                [  222.941465] ata3: EH complete
                """;
        // no "error: { UNC }" line: only the continuation says it was a media error
        JsonNode d = drives(log).get(0);
        assertEquals("WDC WD40EFRX-68N32N0", d.get("model").asText());
        assertEquals("ATA UNC media error", d.get("errors").get(0).get("kind").asText());
        assertEquals("ata3", d.get("ataPort").asText());
    }

    @Test
    void mdArrayErrorsAreReportedUnderTheArrayWithItsMembers() {
        String log = """
                [  10.0] md/raid1:md0: Disk failure on sdb1, disabling device.
                [  10.1] md/raid1:md0: redirecting sector 29365336 to other mirror: sdc1
                [  11.0] XFS (md0): metadata I/O error in "xfs_trans_read_buf_map" at daddr 0x8e8c20 len 8 error 5
                """;
        List<JsonNode> d = drives(log);
        assertEquals(2, d.size());
        assertEquals("sdb", d.get(0).get("devices").get(0).asText());
        assertEquals("md0", d.get(1).get("devices").get(0).asText());
        assertEquals("[\"sdb1\",\"sdc1\"]", d.get(1).get("members").toString());
        assertTrue(d.get(1).get("logical").asBoolean());
    }

    /** The failing drive whose first device name is {@code name}. */
    static JsonNode named(List<JsonNode> drives, String name) {
        for (JsonNode d : drives) {
            if (d.get("devices").get(0).asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no drive " + name + " in " + drives);
    }

    @Test
    void aDmDeviceGetsTheDiskThatFailedAtTheSameMomentAsAMember() {
        // the same failed write seen by the block layer and by XFS on the LVM volume above it (docs/disklog.md)
        String log = """
                [ 4711.000100] sd 2:0:0:0: [sdc] tag#7 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_OK
                [ 4711.000212] blk_update_request: I/O error, dev sdc, sector 123456 op 0x1:(WRITE) flags 0x0 phys_seg 1 prio class 0
                [ 4711.000390] XFS (dm-3): metadata I/O error in "xfs_buf_ioend" at daddr 0x1e240 len 8 error 5
                [ 4799.500000] XFS (dm-5): log I/O error -5
                [ 4801.000000] blk_update_request: I/O error, dev sdd, sector 99 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                """;
        List<JsonNode> d = drives(log);
        assertEquals("[\"sdc\"]", named(d, "dm-3").get("members").toString());
        assertTrue(named(d, "dm-5").get("members") == null || named(d, "dm-5").get("members").isEmpty(),
                "an error 1.5 s away is another I/O: " + named(d, "dm-5"));
        assertEquals("sdc", named(d, "sdc").get("devices").get(0).asText());
    }

    @Test
    void theSameMomentWorksEitherWayRoundAndWithWallClockTimes() {
        String log = """
                Sep 30 11:20:12 host kernel: Buffer I/O error on dev dm-0, logical block 14403801, async page read
                Sep 30 11:20:12 host kernel: I/O error, dev sdb, sector 0 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2
                """;
        assertEquals("[\"sdb\"]", named(drives(log), "dm-0").get("members").toString());
    }

    @Test
    void multipathNamesItsPathsByDeviceNumber() {
        String log = """
                [  100.0] device-mapper: multipath: 253:3: Failing path 8:32.
                [  100.1] device-mapper: multipath: 253:3: Failing path 65:16.
                [  160.0] XFS (dm-3): log I/O error -5
                """;
        JsonNode dm = named(drives(log), "dm-3");
        assertEquals("[\"sdc\",\"sdr\"]", dm.get("members").toString());
        assertTrue(dm.get("logical").asBoolean());
        assertTrue(dm.toString().contains("multipath path failed"), dm.toString());
    }

    @Test
    void aFailedPathAloneIsNoFailingDrive() {
        assertEquals(0, drives("[  100.0] device-mapper: multipath: 253:3: Failing path 8:32.\n").size());
    }

    @Test
    void suppressedCallbacksCountAsMoreErrorsOfTheLastDrive() {
        String log = """
                [  10.0] blk_update_request: I/O error, dev sdb, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                [  10.5] blk_print_req_error: 291 callbacks suppressed
                """;
        JsonNode d = drives(log).get(0);
        assertEquals(292, d.get("count").asInt());
        assertEquals(291, d.get("suppressed").asInt());
    }

    @Test
    void theRemovalOfADriveIsNotAFailure() {
        String log = """
                Mar  5 12:07:30 localhost kernel: scsi host10: usb-storage 1-2:1.0
                Mar  5 12:07:31 localhost kernel: scsi 10:0:0:0: Direct-Access     Kingston DataTraveler 3.0 PMAP PQ: 0 ANSI: 6
                Mar  5 12:07:31 localhost kernel: sd 10:0:0:0: [sdk] Attached SCSI removable disk
                Mar  5 12:07:38 localhost kernel: usb 1-2: USB disconnect, device number 3
                Mar  5 12:07:38 localhost kernel: sd 10:0:0:0: [sdk] Synchronizing SCSI cache
                Mar  5 12:07:38 localhost kernel: sd 10:0:0:0: [sdk] Synchronize Cache(10) failed: Result: hostbyte=DID_ERROR driverbyte=DRIVER_OK
                Mar  5 12:07:39 localhost kernel: sd 10:0:0:0: [sdk] tag#0 FAILED Result: hostbyte=DID_NO_CONNECT driverbyte=DRIVER_OK
                Mar  5 12:07:39 localhost kernel: blk_update_request: I/O error, dev sdk, sector 1234 op 0x1:(WRITE) flags 0x0 phys_seg 1 prio class 0
                Mar  5 12:07:39 localhost kernel: XFS (sdk1): Block device removal (0x20) detected at fs_bdev_mark_dead+0x59/0x70 (fs/xfs/xfs_fsops.c:500).  Shutting down filesystem.
                """;
        Run r = Run.withStdin(log.getBytes(StandardCharsets.UTF_8), "--json");
        assertEquals(0, r.status(), r.out());
        assertEquals(List.of(), r.drives());
    }

    @Test
    void aUsbDiskGetsItsUsbSerialButNotARootHubsAddress() {
        String log = """
                [   25.770091] usb usb4: SerialNumber: 0000:00:14.0
                [   25.798562] usb 2-2: New USB device strings: Mfr=1, Product=2, SerialNumber=3
                [   25.798564] usb 2-2: Product: Lenovo Portable HDD
                [   25.798567] usb 2-2: SerialNumber: 000000001E4C
                [   25.820244] usb-storage 2-2:1.0: USB Mass Storage device detected
                [   25.820457] scsi host0: usb-storage 2-2:1.0
                [   28.852179] scsi 0:0:0:0: Direct-Access     Lenovo   USB Hard Drive   0006 PQ: 0 ANSI: 2
                [   28.855000] sd 0:0:0:0: [sdb] Attached SCSI disk
                [  100.000000] Buffer I/O error on dev sdb1, logical block 0, async page read
                """;
        JsonNode d = drives(log).get(0);
        assertEquals("000000001E4C", d.get("serial").asText());
        assertTrue(d.get("serialSource").asText().contains("USB"), d.toString());
    }

    @Test
    void anAtaSerialMismatchNamesTheOldAndTheNewDrive() {
        String log = """
                [    1.0] ata3.00: ATA-11: ST8000NM000A-2KE101, SN02, max UDMA/133
                [    1.1] scsi 2:0:0:0: Direct-Access     ATA      ST8000NM000A-2KE SN02 PQ: 0 ANSI: 5
                [    1.2] sd 2:0:0:0: [sdc] Attached SCSI disk
                [  100.0] blk_update_request: I/O error, dev sdc, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                [  200.0] ata3.00: serial number mismatch 'ZA1FN3R7' != 'ZA1GQ8VD'
                [  200.1] ata3.00: detaching (SCSI 2:0:0:0)
                [  201.0] scsi 2:0:0:0: Direct-Access     ATA      ST8000NM000A-2KE SN04 PQ: 0 ANSI: 5
                [  201.1] sd 2:0:0:0: [sdc] Attached SCSI disk
                [  300.0] blk_update_request: I/O error, dev sdc, sector 4096 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                """;
        List<String> serials = drives(log).stream().map(d -> d.get("serial").asText()).toList();
        assertEquals(List.of("ZA1FN3R7", "ZA1GQ8VD"), serials);
    }

    @Test
    void vendorMptAndSynologyKernelsPrintSerials() {
        String mpt = """
                [    3.0] scsi 0:0:5:0: Direct-Access     SEAGATE  ST900MM0026      0003 PQ: 0 ANSI: 6
                [    3.1] scsi 0:0:5:0: serial_number(S0N01WTZ00009320PEKN)
                [    3.2] sd 0:0:5:0: [sdb] Attached SCSI disk
                [  100.0] blk_update_request: critical medium error, dev sdb, sector 5120
                """;
        assertEquals("S0N01WTZ00009320PEKN", drives(mpt).get(0).get("serial").asText());
        String synology = """
                [    2.0] ata6.00: ATA-9: WDC WD40EFRX-68N32N0, 82.00A82, max UDMA/133
                [    2.1] ata6.00: SN:           Y5KJ4M7X
                [    2.2] scsi 5:0:0:0: Direct-Access     ATA      WDC WD40EFRX-68N 0A82 PQ: 0 ANSI: 5
                [    2.3] sd 5:0:0:0: [sdf] Attached SCSI disk
                [  100.0] Buffer I/O error on dev sdf1, logical block 7, async page read
                """;
        JsonNode d = drives(synology).get(0);
        assertEquals("Y5KJ4M7X", d.get("serial").asText());
        assertEquals("ata6", d.get("ataPort").asText());
    }

    @Test
    void aRebootClearsTheBindingsAndTheSameSerialIsTheSameDrive() {
        String log = """
                [    0.000000] Linux version 6.8.0
                [    1.0] scsi 0:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5
                [    1.1] sd 0:0:0:0 (SERIAL=AAA111)
                [    1.2] sd 0:0:0:0: [sda] Attached SCSI disk
                [    1.3] scsi 1:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5
                [    1.4] sd 1:0:0:0 (SERIAL=BBB222)
                [    1.5] sd 1:0:0:0: [sdb] Attached SCSI disk
                [  500.0] XFS (sda1): log I/O error -5
                [    0.000000] Linux version 6.8.0
                [    1.3] scsi 1:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5
                [    1.4] sd 1:0:0:0 (SERIAL=BBB222)
                [    1.5] sd 1:0:0:0: [sda] Attached SCSI disk
                [    1.0] scsi 0:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5
                [    1.1] sd 0:0:0:0 (SERIAL=AAA111)
                [    1.2] sd 0:0:0:0: [sdb] Attached SCSI disk
                [  600.0] XFS (sda1): log I/O error -5
                [  700.0] XFS (sdb1): log I/O error -5
                """;
        // after the reboot the names swapped: sda is BBB222 now, and AAA111 (now sdb) fails again
        List<JsonNode> d = drives(log);
        assertEquals(List.of("AAA111", "BBB222"), d.stream().map(x -> x.get("serial").asText()).toList());
        assertEquals("[\"sda\",\"sdb\"]", d.get(0).get("devices").toString());
        assertEquals(2, d.get(0).get("count").asInt());
    }

    @Test
    void anXfsErrorThatNamesNoDeviceIsCountedOnStderr() {
        Run r = Run.withStdin("Oct 14 15:00:04 bd15-076 kernel: XFS: Internal error XFS_WANT_CORRUPTED_RETURN at line 342 of file fs/xfs/xfs_alloc.c.  Caller 0xffffffffa01e76c2\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(0, r.status());
        assertTrue(r.err().contains("1 error line named no device"), r.err());
    }
}
