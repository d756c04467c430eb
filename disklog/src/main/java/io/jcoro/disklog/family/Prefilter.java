package io.jcoro.disklog.family;

import io.jcoro.disklog.read.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The families' prefixes as a test on bytes: which family, if any, a message belongs to. The first four bytes of
 * every prefix sit in a table indexed by a multiplicative hash, so one multiply and one load turn away almost every
 * line of a log; a line whose head is in the table gets its prefix and {@link Refine} test.
 */
public final class Prefilter {
    private Prefilter() {
    }

    private static final int BITS = 9;
    private static final Family[] FAMILIES = Family.values();
    /** Every prefix with the family it belongs to, in table order (for messages under four bytes). */
    private static final Prefix[] ALL;
    private static final Family[] ALL_FAMILY;
    /** The heads of all prefixes. */
    private static final int[] HEADS;
    /** An odd multiplier under which the heads fall in distinct slots (found once, at class initialisation). */
    private static final int HASH;
    /** The head in each slot (0, which no line starting with text has, in the others), and its prefix. */
    private static final int[] SLOT_HEAD;
    private static final byte[][] SLOT_TEXT;
    private static final int[] SLOT_REFINE;
    private static final Family[] SLOT_FAMILY;

    static {
        List<Prefix> all = new ArrayList<>();
        List<Family> allFamily = new ArrayList<>();
        List<Integer> heads = new ArrayList<>();
        for (Family f : FAMILIES) {
            for (Prefix p : f.prefixes) {
                all.add(p);
                allFamily.add(f);
                for (String h : p.heads()) {
                    heads.add(Bytes.head(Bytes.ascii(h), 0));
                }
            }
        }
        ALL = all.toArray(new Prefix[0]);
        ALL_FAMILY = allFamily.toArray(new Family[0]);
        HEADS = heads.stream().mapToInt(Integer::intValue).toArray();
        if (HEADS.length != heads.stream().distinct().count()) {
            throw new IllegalStateException("two prefixes share a head: give one of them a longer text");
        }
        HASH = multiplier(HEADS);
        SLOT_HEAD = new int[1 << BITS];
        SLOT_TEXT = new byte[1 << BITS][];
        SLOT_REFINE = new int[1 << BITS];
        SLOT_FAMILY = new Family[1 << BITS];
        for (int i = 0; i < ALL.length; i++) {
            for (String h : ALL[i].heads()) {
                int head = Bytes.head(Bytes.ascii(h), 0);
                int slot = slot(head, HASH);
                SLOT_HEAD[slot] = head;
                SLOT_TEXT[slot] = ALL[i].bytes();
                SLOT_REFINE[slot] = ALL[i].refine().ordinal();
                SLOT_FAMILY[slot] = ALL_FAMILY[i];
            }
        }
    }

    private static int slot(int head, int mul) {
        return (head * mul) >>> (32 - BITS);
    }

    private static int multiplier(int[] heads) {
        for (int k = 0; ; k++) {
            int mul = 0x9E3779B1 + 2 * k;
            boolean[] used = new boolean[1 << BITS];
            boolean ok = true;
            for (int h : heads) {
                int s = slot(h, mul);
                ok &= !used[s];
                used[s] = true;
            }
            if (ok) {
                return mul;
            }
        }
    }

    /** Can a message whose first four bytes are {@code head} belong to a family at all? */
    public static boolean headWanted(int head) {
        return SLOT_HEAD[slot(head, HASH)] == head;
    }

    /** The family of the message at {@code b[m, e)}, or null: most lines of a log belong to none. */
    public static Family family(byte[] b, int m, int e) {
        if (m + 4 <= e) {
            int head = Bytes.head(b, m);
            int slot = slot(head, HASH);
            if (SLOT_HEAD[slot] != head) {
                return null;
            }
            return wanted(b, m, e, head) ? SLOT_FAMILY[slot] : null;
        }
        for (int i = 0; i < ALL.length; i++) {
            if (matches(b, m, e, ALL[i].bytes(), ALL[i].refine())) {
                return ALL_FAMILY[i];
            }
        }
        return null;
    }

    /**
     * For a message whose head is wanted ({@link #headWanted}): does it belong to a family? The head matched, so a
     * prefix of four bytes or less matched too; only a longer one is compared further.
     */
    public static boolean wanted(byte[] b, int m, int e, int head) {
        int slot = slot(head, HASH);
        byte[] text = SLOT_TEXT[slot];
        if (text.length > 4 && !Bytes.startsWith(b, m, e, text)) {
            return false;
        }
        return Refine.test(SLOT_REFINE[slot], b, m, m + text.length, e);
    }

    private static boolean matches(byte[] b, int m, int e, byte[] text, Refine refine) {
        return Bytes.startsWith(b, m, e, text) && refine.test(b, m, m + text.length, e);
    }

    /** The heads in the table, as text: for the test that keeps the table and the families in step. */
    static List<String> heads() {
        List<String> out = new ArrayList<>();
        for (int h : SLOT_HEAD) {
            if (h != 0) {
                out.add(new String(new byte[] {(byte) h, (byte) (h >> 8), (byte) (h >> 16), (byte) (h >> 24)},
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }
}
