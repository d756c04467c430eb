package io.jcoro.disklog.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jcoro.disklog.correlate.Drive;
import io.jcoro.disklog.correlate.Host;
import io.jcoro.disklog.correlate.Kind;
import io.jcoro.disklog.scan.Line;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The findings as a table (with the evidence under each row for --explain) or as JSON Lines. */
public final class Report {
    private Report() {
    }

    public static final String[] HEADER = {"SERIAL", "MODEL", "DEVICE", "ADDRESS", "ERRORS", "FIRST", "LAST", "COUNT", "NOTE"};
    private static final String[] HOST_HEADER = {"HOST", "SERIAL", "MODEL", "DEVICE", "ADDRESS", "ERRORS", "FIRST",
        "LAST", "COUNT", "NOTE"};

    /**
     * How the table is laid out.
     *
     * @param explain    the evidence under each row
     * @param hostColumn a HOST column first: the log has lines of more than one host
     * @param width      the width to fit (a terminal's), or 0: no limit
     */
    public record Style(boolean explain, boolean hostColumn, int width) {
    }

    /** The header of a table in {@code style}. */
    public static String[] header(Style style) {
        return style.hostColumn() ? HOST_HEADER : HEADER;
    }

    /** A drive's row in {@code style}. */
    public static String[] row(Drive d, Style style) {
        String[] r = row(d);
        if (!style.hostColumn()) {
            return r;
        }
        String[] out = new String[r.length + 1];
        out[0] = hosts(d);
        System.arraycopy(r, 0, out, 1, r.length);
        return out;
    }

    /** The hosts a drive was seen on, its last one last (a drive moved between machines is on several). */
    static String hosts(Drive d) {
        List<String> names = new ArrayList<>();
        for (Host h : d.hosts) {
            if (h != d.lastHost) {
                names.add(h.label());
            }
        }
        if (d.lastHost != null) {
            names.add(d.lastHost.label());
        }
        return String.join(",", names);
    }

    public static String[] row(Drive d) {
        String serial = d.logical ? "-" : d.serial != null ? d.serial : "serial unknown";
        String address = d.address == null ? "-" : d.address;
        if (d.slot != null) {
            address += " slot " + d.slot;
        }
        List<String> kinds = new ArrayList<>();
        for (Kind k : d.kinds()) {
            kinds.add(k.label);
        }
        List<String> notes = new ArrayList<>();
        if (d.removed != null) {
            notes.add("removed at " + when(d.removed));
        }
        if (d.serial != null && d.serialSource != null && !d.serialSource.equals("log")) {
            notes.add("serial from " + d.serialSource);
        }
        if (d.serial == null && !d.logical && d.wwn != null) {
            notes.add("WWN " + d.wwn);
        }
        if (d.note != null) {
            notes.add(d.note);
        }
        if (d.serialNote != null) {
            notes.add(d.serialNote);
        }
        return new String[] {
            serial, d.modelLabel(), d.deviceLabel(), address, String.join(", ", kinds),
            d.first == null ? "-" : when(d.first), d.last == null ? "-" : when(d.last),
            Long.toString(d.failures + d.suppressed), String.join("; ", notes),
        };
    }

    private static String when(Line l) {
        return l.when();
    }

    /**
     * The table, one row per drive, fitted to the style's width (a line under it says so when a cell was cut); with
     * {@code explain}, each row's evidence under it.
     */
    public static void table(List<Drive> drives, Style style, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(header(style));
        for (Drive d : drives) {
            rows.add(row(d, style));
        }
        int[] natural = Table.natural(rows);
        int[] width = Table.fit(rows.get(0), natural, style.width());
        for (int k = 0; k < rows.size(); k++) {
            out.println(Table.format(rows.get(k), width, true));
            if (style.explain() && k > 0) {
                explain(drives.get(k - 1), style, out);
            }
        }
        if (Table.cut(natural, width)) {
            out.println("(cut to fit " + style.width() + " columns: --width 0, --explain or --json for the full text)");
        }
    }

    /**
     * Rows printed one at a time (--follow prints drives as they appear, before the widths of the whole table are
     * known): columns of these widths, fitted to the style's width.
     */
    public static final class Rows {
        private final int[] width;
        private final boolean cut;

        /** {@code widths}: each column's width; the last one's is its floor, its cells are not padded. */
        public Rows(Style style, int[] widths) {
            int[] w = widths.clone();
            w[w.length - 1] = Math.max(w[w.length - 1], 40); // (room for a note, when there is a width to fit)
            this.width = Table.fit(header(style), w, style.width());
            this.cut = style.width() > 0;
        }

        public String format(String[] row) {
            return Table.format(row, width, cut);
        }
    }

    public static void explain(Drive d, Style style, PrintStream out) {
        boolean perHost = d.hosts.size() > 1;
        for (Host h : d.hosts) {
            if (perHost || style.hostColumn() || h.fromDirectory()) {
                out.println("    host " + h.label() + ": " + h.source());
            }
        }
        if (d.wwn != null || d.size != null || d.ataPort != null || d.firmware != null) {
            List<String> id = new ArrayList<>();
            if (d.firmware != null) {
                id.add("firmware " + d.firmware);
            }
            if (d.size != null) {
                id.add("size " + d.size);
            }
            if (d.ataPort != null) {
                id.add("port " + d.ataPort);
            }
            if (d.wwn != null) {
                id.add("WWN " + d.wwn);
            }
            if (d.serialSource != null) {
                id.add("serial from " + d.serialSource);
            }
            out.println("    " + String.join(", ", id));
        }
        for (Drive.Evidence e : d.evidence()) {
            out.println("    " + tag(e.kind()) + " " + (perHost ? e.host().label() + " " : "") + e.line().where() + ": "
                    + e.line().text.strip());
        }
        if (d.omitted() > 0) {
            out.println("    ... " + d.omitted() + " more evidence lines not shown");
        }
        if (d.suppressed > 0) {
            out.println("    ... and " + d.suppressed + " errors the kernel suppressed (callbacks suppressed)");
        }
        for (Drive.Evidence e : d.removal) {
            out.println("    " + tag(e.kind()) + " " + (perHost ? e.host().label() + " " : "") + e.line().where() + ": "
                    + e.line().text.strip());
        }
        out.println();
    }

    private static String tag(Kind k) {
        return k.failure ? "!" : k == Kind.CONTEXT ? " " : "-";
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** One JSON object per drive, one per line. */
    public static void json(Drive d, PrintStream out) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("host", d.lastHost != null ? d.lastHost.name() : null);
            g.writeArrayFieldStart("hosts");
            for (Host h : d.hosts) {
                g.writeString(h.name());
            }
            g.writeEndArray();
            g.writeStringField("serial", d.serial);
            g.writeStringField("serialSource", d.serialSource);
            g.writeBooleanField("logical", d.logical);
            g.writeStringField("model", d.logical ? d.modelLabel() : d.model);
            g.writeStringField("vendor", d.vendor);
            g.writeStringField("firmware", d.firmware);
            g.writeStringField("wwn", d.wwn);
            g.writeStringField("size", d.size);
            g.writeStringField("address", d.address);
            strings(g, "addresses", d.addresses);
            g.writeStringField("slot", d.slot);
            g.writeStringField("ataPort", d.ataPort);
            g.writeStringField("nvmeController", d.nvmeController);
            strings(g, "devices", d.names);
            if (d.currentNames != null) {
                strings(g, "currentDevices", d.currentNames);
                g.writeObjectFieldStart("devicesUntil");
                for (String n : d.names) {
                    Line seen = d.nameSeen.get(n);
                    if (!d.currentNames.contains(n) && seen != null) {
                        g.writeStringField(n, seen.when());
                    }
                }
                g.writeEndObject();
            }
            g.writeStringField("note", d.note);
            g.writeStringField("serialNote", d.serialNote);
            strings(g, "errorDevices", d.errorDevices);
            strings(g, "members", d.members);
            g.writeArrayFieldStart("errors");
            for (Kind k : d.kinds()) {
                g.writeStartObject();
                g.writeStringField("kind", k.label);
                g.writeNumberField("count", d.counts.getOrDefault(k, 0L));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("count", d.failures + d.suppressed);
            g.writeNumberField("suppressed", d.suppressed);
            where(g, "first", d.first);
            where(g, "last", d.last);
            where(g, "removed", d.removed);
            g.writeArrayFieldStart("evidence");
            for (Drive.Evidence e : d.evidence()) {
                evidence(g, e);
            }
            for (Drive.Evidence e : d.removal) {
                evidence(g, e);
            }
            g.writeEndArray();
            g.writeNumberField("evidenceOmitted", d.omitted());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(w);
    }

    private static void strings(JsonGenerator g, String name, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void where(JsonGenerator g, String name, Line l) throws IOException {
        if (l == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("time", l.time());
        if (!Double.isNaN(l.uptime)) {
            g.writeNumberField("uptime", l.uptime);
        }
        g.writeStringField("input", l.input.name());
        g.writeNumberField("line", l.number);
        g.writeEndObject();
    }

    private static void evidence(JsonGenerator g, Drive.Evidence e) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", e.kind().label);
        g.writeStringField("host", e.host().name());
        g.writeStringField("input", e.line().input.name());
        g.writeNumberField("line", e.line().number);
        g.writeStringField("time", e.line().time());
        g.writeStringField("text", e.line().text);
        g.writeEndObject();
    }
}
