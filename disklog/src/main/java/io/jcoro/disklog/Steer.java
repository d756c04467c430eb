package io.jcoro.disklog;

/**
 * What the correlator tells the matcher to look for after a line, as the seed's {@code get_serials} sends
 * {@code match_regex} its next regular expression.
 */
enum Steer {
    /** Any line the matcher recognises. */
    NEXT,
    /**
     * Also the lines right after this one that have no prefix of their own (ATA {@code res} lines, XFS hex dumps,
     * the tail of a pre-4.x split SCSI error): they belong to this line's event.
     */
    CONTINUATION
}
