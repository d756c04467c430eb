package io.jcoro.disklog.family;

import static io.jcoro.disklog.read.Bytes.ascii;
import static io.jcoro.disklog.read.Bytes.digit;
import static io.jcoro.disklog.read.Bytes.indexOf;
import static io.jcoro.disklog.read.Bytes.startsWith;
import static io.jcoro.disklog.read.Bytes.startsWithAny;

/**
 * What must follow a {@link Prefix} for the line to matter: the frequent harmless lines of a wanted subsystem (XFS
 * and ext4 mount chatter, USB enumeration, an sd line without a device name) are turned away here, as bytes, so
 * that they cost no String and no generator switch. An enum, not a lambda per prefix: the prefilter's switch over
 * it is one inlined jump in the scan loop.
 */
public enum Refine {
    /** Nothing more. */
    NONE,
    /** A digit right after the prefix ({@code ata3}, not {@code ata_piix}). */
    NUMBERED,
    /** {@code /}, {@code :} or a digit after {@code md} ({@code md/raid1:}, {@code md: }, {@code md127:}). */
    MD_ARRAY,
    /** After {@code sd H:C:T:L}: a {@code [name]}, a {@code (SERIAL=...)}, or the few name-less lines used. */
    SD_NAMED,
    /** Not XFS's mount, recovery and quota chatter. */
    NOT_XFS_CHATTER,
    /** Not ext4's mount and recovery chatter. */
    NOT_EXT_CHATTER,
    /** {@code usb 1-1: } then a serial, a product name or a disconnect: what ties a USB disk to its identity. */
    USB_IDENTITY,
    /** {@code mpt3sas_cm0: } then {@code removing handle(}: a SAS device gone from the HBA. */
    SAS_REMOVAL;

    private static final byte[] ATTACHED_DISK = ascii("Attached Disk");
    private static final byte[] REJECTING = ascii("rejecting");
    private static final byte[] SERIAL_NUMBER = ascii("serial_number");
    private static final byte[][] XFS_CHATTER = {
        ascii("Mounting"), ascii("Ending clean"), ascii("Unmounting"), ascii("Starting recovery"), ascii("Ending recovery"),
        ascii("Quotacheck"), ascii("Mount"), ascii("Deprecated"),
    };
    private static final byte[][] EXT_CHATTER = {
        ascii("mounted"), ascii("re-mounted"), ascii("unmounting"), ascii("recovery complete"), ascii("orphan cleanup"),
        ascii("Mount option"), ascii("Using encoding"),
    };
    private static final byte[][] USB_WANTED = {ascii("SerialNumber: "), ascii("Product: "), ascii("USB disconnect")};
    private static final byte[] REMOVING_HANDLE = ascii("removing handle(");

    /** Does {@code b[at, e)}, just after a prefix that starts at {@code m}, pass this test? */
    boolean test(byte[] b, int m, int at, int e) {
        return test(ordinal(), b, m, at, e);
    }

    /**
     * {@link #test} by the constant's ordinal: the prefilter keeps the ordinals in an int array, and a switch over an
     * int is one jump in the scan loop (a switch over the enum itself goes through a look-up table first).
     */
    static boolean test(int ordinal, byte[] b, int m, int at, int e) {
        switch (ordinal) {
            case 0:
                return true;
            case 1:
                return at < e && digit(b[at]);
            case 2:
                return at < e && (b[at] == '/' || b[at] == ':' || digit(b[at]));
            case 3:
                return sdNamed(b, at, e);
            case 4:
                return !afterParen(b, m, e, XFS_CHATTER);
            case 5:
                return !afterParen(b, m, e, EXT_CHATTER);
            case 6:
                return afterColon(b, at, e, USB_WANTED);
            default:
                return afterColon(b, at, e, REMOVING_HANDLE);
        }
    }

    private static boolean sdNamed(byte[] b, int i, int e) {
        while (i < e && (digit(b[i]) || b[i] == ':')) {
            i++;
        }
        if (i < e && b[i] == ' ') {
            i++;
        }
        if (i >= e) {
            return false;
        }
        byte c = b[i];
        return c == '[' || c == '(' || startsWith(b, i, e, ATTACHED_DISK) || startsWith(b, i, e, REJECTING)
                || startsWith(b, i, e, SERIAL_NUMBER);
    }

    /** {@code PREFIX (dev): text}: does text start with one of {@code words}? */
    private static boolean afterParen(byte[] b, int m, int e, byte[][] words) {
        int close = indexOf(b, (byte) ')', m, Math.min(e, m + 48));
        if (close < 0 || close + 3 > e || b[close + 1] != ':') {
            return false;
        }
        int t = close + 2;
        if (b[t] == ' ') {
            t++;
        }
        return startsWithAny(b, t, e, words);
    }

    /** {@code NAME: text} within 32 bytes of {@code i}: does text start with one of {@code words}? */
    private static boolean afterColon(byte[] b, int i, int e, byte[]... words) {
        int lim = Math.min(e - 1, i + 32);
        while (i < lim && !(b[i] == ':' && b[i + 1] == ' ')) {
            i++;
        }
        return i < lim && startsWithAny(b, i + 2, e, words);
    }
}
