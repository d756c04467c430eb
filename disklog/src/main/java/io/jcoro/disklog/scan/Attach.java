package io.jcoro.disklog.scan;

/**
 * The correlator's answer to each line, as the seed's {@code get_serials} sends {@code match_regex} its next regular
 * expression: whether the lines right after this one that have no prefix of their own belong to its event.
 */
public enum Attach {
    /** No: the next line is read on its own. */
    NOTHING,
    /**
     * Yes: unprefixed lines that follow (ATA {@code res} lines, XFS hex dumps, the tail of a pre-4.x split SCSI
     * error) are handed over as continuations of this line.
     */
    UNPREFIXED_LINES
}
