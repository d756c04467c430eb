package io.jcoro.disklog.family;

import static io.jcoro.disklog.family.Prefix.digits;
import static io.jcoro.disklog.family.Prefix.of;

import java.util.List;

/**
 * The kernel message families disklog understands: the one table that both the prefilter (which lines are worth a
 * look, decided on bytes) and the correlator (which handler reads them) are built from. A kept line carries the
 * family its prefix matched, so the two cannot disagree. docs/kernel-messages.md is this table written out, and a
 * test fails when they differ.
 *
 * <p>Adding a subsystem is one constant here (its prefixes, what its lines prove, real example lines) and one arm in
 * the correlator's dispatch, which the compiler demands: the switch over this enum has no default.
 */
public enum Family {
    BOOT("Boot markers", "A new boot: every binding of names and addresses to drives is dropped (drives stay).",
            "none: the machine",
            List.of("Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0) #45-Ubuntu SMP",
                    "-- Boot 99386174e13f4e9cb2044baee8704fa6 --"),
            of("Linux version "), of("-- Boot "), of("-- Reboot --")),
    SCSI_DISK("SCSI disk (sd)", "Binds the name in brackets to the drive at that SCSI address, at this moment; errors,"
            + " sense data and removal noise of that drive.", "the drive at the address H:C:T:L",
            List.of("sd 2:0:0:0: [sdc] tag#5 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s",
                    "sd 3:0:0:0: [sdb] tag#3 Sense Key : Medium Error [current]",
                    "sd 0:0:0:0: [sda] Synchronize Cache(10) failed: Result: hostbyte=DID_ERROR driverbyte=DRIVER_OK"),
            of("sd ", Refine.SD_NAMED, digits("sd %d"))),
    SCSI("SCSI device (scsi)", "A new drive at an address (Direct-Access, with vendor, model and revision); its WWN,"
            + " SAS address and enclosure slot from mpt3sas; a USB disk's SCSI host.", "the drive at the address H:C:T:L",
            List.of("scsi 0:0:0:0: Direct-Access     ATA      ST4000NE001-2MA1 EN01 PQ: 0 ANSI: 5",
                    "scsi 2:0:0:0: SATA: handle(0x0011), sas_addr(0x4433221100000000), phy(0), device_name(0x5000c500a1b2c3d4)",
                    "scsi 2:0:0:0: enclosure logical id (0x500605b00f3dfa80), slot(16)"),
            of("scsi ")),
    ATA("libata (ataN)", "An error-handling episode on a port: UNC media errors and timeouts are drive failures,"
            + " bus and CRC errors context; the full model; a detach; the serials of a mismatch.",
            "the drive on the port, tied to an address by detach lines, by model, or by the sd lines of the episode",
            List.of("ata3.00: error: { UNC }", "ata3.00: ATA-11: ST4000NE001-2MA101, EN01, max UDMA/133",
                    "ata5.00: detaching (SCSI 4:0:0:0)"),
            of("ata", Refine.NUMBERED, digits("ata%d"))),
    NVME("NVMe", "A controller's PCI function; media and I/O errors of a namespace (sct 0x2 is a media error);"
            + " command timeouts and a dead controller.", "the controller's drive, through nvmeN -> PCI function",
            List.of("nvme nvme0: pci function 0000:3b:00.0",
                    "nvme0n1: Read(0x2) @ LBA 0, 8 blocks, Unrecovered Read Error (sct 0x2 / sc 0x81) DNR",
                    "nvme nvme2: I/O 0 QID 0 timeout, reset controller",
                    "nvme nvme0: controller is down; will reset: CSTS=0xffffffff, PCI_STATUS=0x10"),
            of("nvme")),
    XFS("XFS", "Corruption, CRC and metadata I/O errors, log errors, shutdown, writeback errors (mount chatter is"
            + " turned away).", "the block device in parentheses, taken to its whole disk",
            List.of("XFS (sdb6): log I/O error -5",
                    "XFS (dm-4): Internal error xfs_iunlink_remove at line 2038 of file fs/xfs/xfs_inode.c.  Caller xfs_ifree+0x33/0x130 [xfs]",
                    "XFS ERROR [sdc]"),
            of("XFS", Refine.NOT_XFS_CHATTER, "XFS ", "XFS:", "XFS(")),
    EXT("ext4, ext3, ext2", "File system errors, I/O errors, remount read-only, the error count since the last fsck"
            + " (mount chatter is turned away).", "the block device named, taken to its whole disk",
            List.of("EXT4-fs error (device sda7): __ext4_find_entry:1545: inode #37: comm journalctl: checksumming directory block 0",
                    "EXT4-fs (sdi): I/O error while writing superblock"),
            of("EXT", Refine.NOT_EXT_CHATTER, "EXT4", "EXT3", "EXT2")),
    BTRFS("btrfs", "Errors, device error counters, checksum failures, corrected read errors; the devices of each"
            + " file system, scanned at mount.",
            "the device after bdev, on dev or (dev ...), not the one that names the file system; a line that names"
            + " none: the file system, a logical device (its one device, when the log shows it has only one)",
            List.of("BTRFS error (device dm-0): bdev /dev/mapper/root_1 errs: wr 0, rd 3535, flush 0, corrupt 0, gen 0",
                    "BTRFS warning (device nvme0n1): csum failed root -9 ino 319 off 196386816 csum 0x37af8cd6 expected csum 0x8941f998 mirror 1",
                    "BTRFS: device fsid 1d3f3b5e-9a0e-4f36-8d3a-5b9c1e2f7a10 devid 2 transid 7 /dev/sdb1 (8:17) scanned by mount (369)"),
            of("BTRFS")),
    BUFFER("Buffer I/O", "A failed page read or write.", "the block device named, taken to its whole disk",
            List.of("Buffer I/O error on dev sdb, logical block 640, lost async page write"),
            of("Buffer I/O error")),
    JBD2("jbd2", "I/O errors of the ext4 journal.", "the journal's device (sda1-8 is sda)",
            List.of("JBD2: Detected IO errors while flushing file data on sda1-8"),
            of("JBD2")),
    JOURNAL_ABORT("Journal abort", "An aborted ext4 journal.", "the journal's device (loop1-8 is loop1)",
            List.of("Aborting journal on device loop1-8."),
            of("Aborting journal")),
    MD("md RAID", "A member failed or had read errors (raid1, raid4/5/6, raid10); the members of the array. raid1"
            + " names the mirror a read is redirected to: the healthy one.",
            "the member named, and the array as a logical device",
            List.of("md/raid1:md127: Disk failure on nvme1n1, disabling device.",
                    "md/raid1:md0: redirecting sector 29365336 to other mirror: sdc1",
                    "md/raid:md1: read error not correctable (sector 4096 on sdd1).",
                    "md/raid10:md2: sde1: redirecting sector 1234 to another mirror"),
            of("md", Refine.MD_ARRAY, "md/r", "md: ", "md0:", "md1:", "md2:", "md3:", "md4:", "md5:", "md6:", "md7:",
                    "md8:", "md9:", "md10", "md11", "md12", "md13", "md14", "md15", "md16", "md17", "md18", "md19")),
    BLOCK("Block layer", "A failed request in every wording since 3.x (I/O, critical medium, timeout, critical"
            + " target...); N callbacks suppressed adds N to the drive that had the family's last error.",
            "the disk named after dev",
            List.of("blk_update_request: I/O error, dev sdc, sector 123456 op 0x1:(WRITE) flags 0x0 phys_seg 1 prio class 0",
                    "critical medium error, dev nvme0n1, sector 0 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 2",
                    "end_request: I/O error, dev sdb, sector 29367344",
                    "blk_print_req_error: 291 callbacks suppressed"),
            of("blk_"), of("buffer_io_error"), of("btrfs_dev_stat"), of("end_request"), of("print_req_error"),
            of("protection error, dev"), of("I/O error, dev"), of("critical "), of("timeout error, dev"),
            of("recoverable transport error")),
    USB("USB", "A USB disk's product name and serial (which may be the enclosure's), and its disconnect.",
            "the disk behind the USB device, through scsi hostN: usb-storage",
            List.of("usb 2-2: SerialNumber: 000000001E4C", "usb 1-2: USB disconnect, device number 3"),
            of("usb", Refine.USB_IDENTITY, "usb ", "usb-")),
    MULTIPATH("device-mapper multipath", "A path (a disk, by device number) under a dm device, and its failure:"
            + " evidence on the dm device, not a drive failure.", "the dm device; the path as a member",
            List.of("device-mapper: multipath: 253:3: Failing path 8:32."),
            of("device-mapper: multipath: ")),
    SAS_REMOVAL("SAS device removal (mpt2sas, mpt3sas)", "The HBA dropped a device: the drive with that SAS address"
            + " was removed, as ataN.00: detaching says for SATA; its later errors are the noise of a pull.",
            "the drive whose SAS address a scsi H:C:T:L: SATA:/SSP: line gave",
            List.of("mpt3sas_cm0: removing handle(0x000f), sas_addr(0x500304801f080d3d)",
                    "mpt2sas0: removing handle(0x0010), sas_addr(0x5001438007a0978a)"),
            of("mpt3sas_cm", Refine.SAS_REMOVAL), of("mpt2sas", Refine.SAS_REMOVAL));

    /** A heading for the family. */
    public final String title;
    /** What a line of the family proves. */
    public final String proves;
    /** Which device the line is charged to. */
    public final String device;
    /** Real kernel messages of the family (without their envelope). */
    public final List<String> examples;
    public final List<Prefix> prefixes;

    Family(String title, String proves, String device, List<String> examples, Prefix... prefixes) {
        this.title = title;
        this.proves = proves;
        this.device = device;
        this.examples = examples;
        this.prefixes = List.of(prefixes);
    }
}
