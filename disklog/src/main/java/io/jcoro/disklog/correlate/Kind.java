package io.jcoro.disklog.correlate;

/**
 * What a log line says about a drive. {@link #failure} kinds make a drive failing; the others are kept as
 * evidence around a failure (context) or as the record of a pull (removal), and never make a drive failing.
 */
public enum Kind {
    XFS_ERROR("XFS error"),
    XFS_CORRUPTION("XFS corruption"),
    XFS_IO("XFS metadata I/O error"),
    XFS_LOG("XFS log I/O error"),
    XFS_SHUTDOWN("XFS shutdown"),
    XFS_WRITEBACK("XFS writeback error"),
    EXT4_ERROR("ext4 error"),
    EXT4_IO("ext4 I/O error"),
    EXT4_RO("ext4 remounted read-only"),
    EXT4_PAST("ext4 errors since fsck"),
    JBD2_IO("jbd2 I/O error"),
    JOURNAL_ABORT("journal aborted"),
    BTRFS_ERROR("btrfs error"),
    BTRFS_DEVSTAT("btrfs device errors"),
    BTRFS_CSUM("btrfs checksum error"),
    BTRFS_CORRECTED("btrfs read error corrected"),
    BLOCK_IO("block I/O error"),
    BLOCK_MEDIUM("critical medium error"),
    BLOCK_TIMEOUT("block timeout"),
    BLOCK_OTHER("block error"),
    BUFFER_IO("buffer I/O error"),
    SCSI_MEDIUM("SCSI medium error"),
    SCSI_HARDWARE("SCSI hardware error"),
    SCSI_FAILED("SCSI command failed"),
    SCSI_OFFLINE("device offline"),
    ATA_UNC("ATA UNC media error"),
    ATA_TIMEOUT("ATA timeout"),
    ATA_BUS("ATA link/bus error", false),
    NVME_MEDIA("NVMe media error"),
    NVME_IO("NVMe I/O error"),
    NVME_TIMEOUT("NVMe timeout/reset"),
    NVME_DOWN("NVMe controller down"),
    MD_MEMBER("md member failed"),
    MD_READ("md read error"),
    /** device-mapper multipath failed a path to this member: evidence on the dm device, not a drive failure. */
    PATH_FAILED("multipath path failed", false),
    /** A line around a failure that explains it (sense data, CDB, ATA taskfile, hex dump). */
    CONTEXT("context", false),
    /** A side effect of a pull: Synchronize Cache / Start/Stop Unit failed, detach. */
    REMOVAL("removal", false),
    /** An error on a drive that had already been removed: in-flight I/O failing, not the drive. */
    AFTER_REMOVAL("error after removal", false);

    public final String label;
    public final boolean failure;

    Kind(String label) {
        this(label, true);
    }

    Kind(String label, boolean failure) {
        this.label = label;
        this.failure = failure;
    }
}
