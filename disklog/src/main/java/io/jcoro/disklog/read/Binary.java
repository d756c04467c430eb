package io.jcoro.disklog.read;

/**
 * The one rule for binary data: a control byte is below 0x20 and not tab, newline, carriage return, form feed or
 * ESC, or it is DEL. NUL bytes are counted apart: a log written during a crash often has runs of them with good text
 * around. Applied to an input's first bytes (skip the whole input) and to each line that would be read (skip the
 * line).
 */
public final class Binary {
    private Binary() {
    }

    static boolean control(int v) {
        return v < 0x20 && v != '\t' && v != '\n' && v != '\r' && v != '\f' && v != 0x1b || v == 0x7f;
    }

    /**
     * True when the first bytes of an input are not text: more than 1 in 20 control bytes (NULs not counted), or
     * nothing but control bytes and NULs.
     */
    public static boolean input(byte[] b, int n) {
        int lim = Math.min(n, 1 << 16);
        int ctrl = 0;
        int text = 0;
        int nul = 0;
        for (int i = 0; i < lim; i++) {
            int v = b[i] & 0xff;
            if (v == 0) {
                nul++;
            } else if (control(v)) {
                ctrl++;
            } else {
                text++;
            }
        }
        if (text == 0) {
            return ctrl > 0 || nul > 0 && nul == lim && lim == n;
        }
        return ctrl * 20 > text + ctrl;
    }

    /** True when a line holds a NUL, or more than two other control bytes: binary data, not a log line. */
    public static boolean line(byte[] b, int s, int e) {
        int bad = 0;
        for (int i = s; i < e; i++) {
            int v = b[i] & 0xff;
            if (control(v)) {
                if (v == 0) {
                    return true;
                }
                bad++;
            }
        }
        return bad > 2;
    }
}
