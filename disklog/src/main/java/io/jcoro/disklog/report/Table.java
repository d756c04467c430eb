package io.jcoro.disklog.report;

import java.util.List;

/**
 * Columns of text fitted to a width: a terminal's, so that a row never wraps. The columns give way step by step,
 * the least needed first: long cells are cut (ending in {@code …}) down to a floor, then whole columns are left out
 * (NOTE, then LAST, MODEL, ADDRESS), then the floors are lowered. SERIAL and COUNT are never cut; a cut time is
 * useless, so FIRST is cut last. The full text is in {@code --explain} and {@code --json}.
 */
final class Table {
    private Table() {
    }

    static final String CUT = "…";
    private static final int GAP = 2;
    /** The steps, in order: "NAME:N" cuts a column to N characters, "-NAME" leaves it out. */
    private static final String[] STEPS = {
        "NOTE:24", "ERRORS:32", "MODEL:20", "DEVICE:24", "HOST:16", "-NOTE",
        "ERRORS:20", "MODEL:14", "DEVICE:16", "ADDRESS:12", "-LAST", "-MODEL",
        "ERRORS:14", "DEVICE:12", "HOST:10", "-ADDRESS", "ERRORS:8", "DEVICE:8", "HOST:8", "FIRST:8",
    };

    /** The widths of {@code natural} columns fitted to {@code width} (0: no limit); a column left out is -1 wide. */
    static int[] fit(String[] header, int[] natural, int width) {
        int[] w = natural.clone();
        if (width <= 0) {
            return w;
        }
        for (int k = 0; k < STEPS.length && total(w) > width; k++) {
            String step = STEPS[k];
            if (step.startsWith("-")) {
                int i = index(header, step.substring(1));
                if (i >= 0) {
                    w[i] = -1;
                }
                continue;
            }
            int colon = step.indexOf(':');
            int i = index(header, step.substring(0, colon));
            int floor = Math.max(Integer.parseInt(step.substring(colon + 1)), i < 0 ? 0 : header[i].length());
            if (i >= 0 && w[i] > floor) {
                w[i] = Math.max(floor, w[i] - (total(w) - width));
            }
        }
        // a column left out may have freed more than was needed: give it back to the cut ones, most needed first
        for (String name : GIVE_BACK) {
            int i = index(header, name);
            int room = width - total(w);
            if (i >= 0 && w[i] >= 0 && w[i] < natural[i] && room > 0) {
                w[i] += Math.min(room, natural[i] - w[i]);
            }
        }
        return w;
    }

    private static final String[] GIVE_BACK = {"FIRST", "DEVICE", "ERRORS", "HOST", "ADDRESS", "MODEL", "LAST", "NOTE"};

    /** Was anything cut or left out? */
    static boolean cut(int[] natural, int[] fitted) {
        for (int i = 0; i < natural.length; i++) {
            if (fitted[i] < natural[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * One row in columns of these widths: padded, the last cell not padded; with {@code cut}, a cell wider than its
     * column is cut, else it pushes the rest of the row right.
     */
    static String format(String[] row, int[] width, boolean cut) {
        StringBuilder sb = new StringBuilder();
        int last = width.length - 1;
        while (last > 0 && width[last] < 0) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            if (width[i] < 0) {
                continue;
            }
            String c = row[i];
            if (cut && c.length() > width[i]) {
                c = c.substring(0, Math.max(0, width[i] - 1)) + CUT;
            }
            sb.append(c);
            if (i < last) {
                sb.append(" ".repeat(Math.max(0, width[i] - c.length()) + GAP));
            }
        }
        return sb.toString().stripTrailing();
    }

    /** The widest cell of each column. */
    static int[] natural(List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        return w;
    }

    private static int total(int[] w) {
        int t = 0;
        int shown = 0;
        for (int x : w) {
            if (x >= 0) {
                t += x;
                shown++;
            }
        }
        return t + GAP * Math.max(0, shown - 1);
    }

    private static int index(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
