package io.jcoro.disklog.family;

import io.jcoro.disklog.read.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * How a message of a family starts: its text, a finer test of the bytes after it, and the first four bytes a
 * matching message can have (what the prefilter's hash table holds). A text of four bytes or more is its own head;
 * a shorter one names its heads.
 *
 * @param text   the message starts with it
 * @param refine what must follow it
 * @param heads  the first four bytes of every message that can match
 */
public record Prefix(String text, Refine refine, List<String> heads) {
    public Prefix {
        for (String h : heads) {
            if (h.length() != 4 || !h.startsWith(text.substring(0, Math.min(4, text.length())))) {
                throw new IllegalArgumentException("a head is the first four bytes of the prefix " + text + ": " + h);
            }
        }
    }

    static Prefix of(String text) {
        return of(text, Refine.NONE);
    }

    static Prefix of(String text, Refine refine) {
        if (text.length() < 4) {
            throw new IllegalArgumentException("a prefix under four bytes names its heads: " + text);
        }
        return new Prefix(text, refine, List.of(text.substring(0, 4)));
    }

    /** A short prefix and its heads. */
    static Prefix of(String text, Refine refine, String... heads) {
        return new Prefix(text, refine, List.of(heads));
    }

    /** {@code format} with each digit 0-9 for {@code %d}: the heads of a name followed by a number. */
    static String[] digits(String format) {
        List<String> out = new ArrayList<>();
        for (char d = '0'; d <= '9'; d++) {
            out.add(format.replace("%d", String.valueOf(d)));
        }
        return out.toArray(new String[0]);
    }

    byte[] bytes() {
        return Bytes.ascii(text);
    }
}
