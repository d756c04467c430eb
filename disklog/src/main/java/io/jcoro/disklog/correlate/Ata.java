package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * libata: {@code ataN: ...} (a port) and {@code ataN.00: ...} (its drive). An error-handling episode's lines are
 * kept until it ends and become evidence only if they held a failure (UNC, timeout); the port is tied to a SCSI
 * address by a detach line, by the full ATA model matching the SCSI line's truncated one, or by the sd lines
 * inside the episode.
 */
final class Ata {
    private Ata() {
    }

    private static final int INCIDENT_LINES = 64;
    private static final Pattern ATA = Pattern.compile("(ata\\d+)(\\.\\d+)? ?: ?(.*)");
    private static final Pattern ID = Pattern.compile("ATA-\\d+: (.*), (\\S+), max .*");
    private static final Pattern DETACH = Pattern.compile("detaching \\(SCSI (\\d+:\\d+:\\d+:\\d+)\\).*");
    private static final Pattern MISMATCH = Pattern.compile("(?:dev \\d+ )?serial number mismatch '([^']*)' != '([^']*)'.*");
    private static final Pattern SN = Pattern.compile("SN: *(\\S+)");

    /** The lines of one libata error-handling episode on a port, kept until it ends. */
    static final class Incident {
        final String port;
        final List<Line> lines = new ArrayList<>();
        final List<Kind> kinds = new ArrayList<>();
        String candidate;
        boolean failed;

        Incident(String port) {
            this.port = port;
        }

        void add(Line l, Kind k) {
            if (lines.size() < INCIDENT_LINES) {
                lines.add(l);
                kinds.add(k);
            }
            failed |= k.failure;
        }
    }

    static Attach handle(Machine m, Line l, String msg) {
        var a = ATA.matcher(msg);
        if (!a.matches()) {
            return Attach.NOTHING;
        }
        String port = a.group(1);
        boolean device = a.group(2) != null;
        String rest = a.group(3);
        if (device && identity(m, port, rest, l)) {
            return Attach.NOTHING;
        }
        Incident inc = m.incidents.get(port);
        if (rest.startsWith("exception Emask")) {
            if (inc != null) {
                flush(m, inc);
            }
            inc = new Incident(port);
            m.incidents.put(port, inc);
            inc.add(l, Kind.CONTEXT);
            m.contIncident = inc;
            return Attach.UNPREFIXED_LINES;
        }
        if (rest.startsWith("EH complete")) {
            if (inc != null) {
                flush(m, inc);
            }
            return Attach.NOTHING;
        }
        Kind k = device ? kind(rest) : null;
        if (inc == null) {
            // an episode whose exception line is not in the log: a failed command or a taskfile starts one too
            if (k == null || !k.failure && !rest.startsWith("failed command") && !rest.startsWith("cmd ")) {
                return Attach.NOTHING;
            }
            inc = new Incident(port);
            m.incidents.put(port, inc);
        }
        inc.add(l, k == null ? Kind.CONTEXT : k);
        m.contIncident = inc;
        return Attach.UNPREFIXED_LINES;
    }

    /** A drive's identity, detach or serial line; false when the line is none of them. */
    private static boolean identity(Machine m, String port, String rest, Line l) {
        var id = ID.matcher(rest);
        if (id.matches()) {
            m.ataIdentity.put(port, new String[] {id.group(1).strip(), id.group(2).strip()});
            return true;
        }
        var det = DETACH.matcher(rest);
        if (det.matches()) {
            String addr = det.group(1);
            m.ataAddr.put(port, addr);
            m.removed(m.byAddr.get(addr), l);
            return true;
        }
        var mis = MISMATCH.matcher(rest);
        if (mis.matches()) {
            String addr = m.ataAddr.get(port);
            Drive d = addr == null ? null : m.byAddr.get(addr);
            if (d != null && d.serial == null) {
                m.setSerial(d, mis.group(1), "log (ATA serial mismatch line)");
            }
            if (addr != null) {
                m.pendingSerial.put(addr, mis.group(2));
            }
            return true;
        }
        var sn = SN.matcher(rest);
        if (sn.matches()) {
            String addr = m.ataAddr.get(port);
            Drive d = addr == null ? null : m.byAddr.get(addr);
            if (d != null) {
                m.setSerial(d, sn.group(1), "log");
            } else {
                m.ataSerial.put(port, sn.group(1));
            }
            return true;
        }
        return false;
    }

    private static Kind kind(String rest) {
        if (rest.startsWith("error: {")) {
            if (rest.contains("UNC")) {
                return Kind.ATA_UNC;
            }
            if (rest.contains("ICRC") || rest.contains("IDNF")) {
                return Kind.ATA_BUS;
            }
            return Kind.CONTEXT;
        }
        Kind k = emask(rest);
        return k != null ? k : Kind.CONTEXT;
    }

    /** {@code Emask 0x409 (media error)}, {@code (timeout)}, {@code (ATA bus error)} in a taskfile line. */
    static Kind emask(String text) {
        if (!text.contains("Emask")) {
            return null;
        }
        if (text.contains("(media error)")) {
            return Kind.ATA_UNC;
        }
        if (text.contains("(timeout)")) {
            return Kind.ATA_TIMEOUT;
        }
        if (text.contains("(ATA bus error)") || text.contains("(HSM violation)")) {
            return Kind.ATA_BUS;
        }
        return null;
    }

    /** The end of an ATA episode: its lines become evidence if it held a failure, else they are dropped. */
    static void flush(Machine m, Incident inc) {
        m.incidents.remove(inc.port);
        if (!inc.failed) {
            return;
        }
        String addr = m.ataAddr.get(inc.port);
        if (addr == null && inc.candidate != null) {
            addr = inc.candidate;
            m.ataAddr.put(inc.port, addr);
        }
        Drive d = addr == null ? null : m.byAddr.get(addr);
        if (d == null) {
            d = m.byName.get(inc.port);
            if (d == null) {
                d = m.newDrive();
                d.ataPort = inc.port;
                m.hold(d, inc.port);
            }
        }
        if (d.ataPort == null) {
            d.ataPort = inc.port;
        }
        for (int i = 0; i < inc.lines.size(); i++) {
            m.evidence(d, inc.kinds.get(i), inc.lines.get(i));
        }
    }

    /** An sd line during an open ATA incident whose port is not linked yet: most likely the same event. */
    static void noteScsiAddr(Machine m, String addr) {
        for (Incident inc : m.incidents.values()) {
            if (!m.ataAddr.containsKey(inc.port) && inc.candidate == null) {
                inc.candidate = addr;
            }
        }
    }

    /** The ATA port whose full model the truncated SCSI model starts; the port numbered host+1 wins a tie. */
    static String portFor(Machine m, String addr, String model) {
        if (model == null || m.ataIdentity.isEmpty()) {
            return null;
        }
        String host = addr.substring(0, addr.indexOf(':'));
        String best = null;
        for (var e : m.ataIdentity.entrySet()) {
            if (e.getValue()[0].startsWith(model)) {
                if (best == null || e.getKey().equals("ata" + (Integer.parseInt(host) + 1))) {
                    best = e.getKey();
                }
            }
        }
        return best;
    }
}
