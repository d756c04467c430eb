package io.jcoro.disklog.correlate;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import io.jcoro.disklog.family.Family;
import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import io.jcoro.disklog.serial.Resolver;
import java.util.List;

/**
 * The correlator: the seed's {@code get_serials}, made to stream. It drives the line scanner (sending it an
 * {@link Attach} for every line, as {@code get_serials} sends {@code match_regex} its next regular expression),
 * hands each line to the handler of its family, and yields each drive the moment it starts failing (what
 * {@code --follow} prints); it returns the {@link Findings} when the stream ends. Memory grows with the number of
 * drives, never with the log.
 */
public final class Correlator {
    private final Resolver resolver;
    /** --host: the hosts to report. */
    private final HostPatterns keep;
    /** --follow: resolve a serial the moment a drive starts failing, while it holds its names. */
    private final boolean following;
    private final Drives drives = new Drives();
    private final Hosts hosts = new Hosts(drives);
    private long lines;
    /**
     * A boot separator ({@code -- Boot ID --}) in an input whose lines name hosts: it names no host itself, and
     * belongs to the host of the line after it (journalctl prints one between the boots of a host, and, merging
     * several hosts' journals, whenever the next line is of another boot). Its ID, or "" for {@code -- Reboot --}.
     */
    private String pendingBoot;

    private Correlator(Resolver resolver, boolean following, HostPatterns keep) {
        this.resolver = resolver;
        this.following = following;
        this.keep = keep;
    }

    /**
     * The correlator over the scanner's lines: yields each drive when it starts failing, returns the findings.
     * {@code resolver} finds serials the log lacks (inventory, sysfs); it may be {@link Resolver#NONE}. Only the
     * drives of the hosts {@code keep} matches are reported.
     */
    public static Generator<Drive, Void, Findings> over(Generator<Line, Attach, Void> scanner, Resolver resolver,
                                                        boolean following, HostPatterns keep) {
        // The loop is in the body itself, yielding only through its own y: jcoro compiles it into a state machine.
        return Generator.returning(y -> {
            Correlator c = new Correlator(resolver, following, keep);
            try (scanner) {
                Line line;
                try {
                    line = scanner.next();
                } catch (StopIteration end) {
                    return c.finish();
                }
                while (true) {
                    Attach attach;
                    if (line == Line.QUIET) {
                        // the followed input is quiet: show again the drives whose counts changed since shown
                        for (Drive d : c.drives.changedSinceShown(keep)) {
                            d.shown = d.count();
                            y.yield(d);
                        }
                        attach = c.stillAttaching();
                    } else {
                        c.lines++;
                        attach = c.line(line);
                        if (!c.drives.newlyFailing.isEmpty()) {
                            for (Drive d : List.copyOf(c.drives.newlyFailing)) {
                                if (!Drives.kept(d, keep)) {
                                    continue;
                                }
                                if (following && d.serial == null && !d.logical) {
                                    // a lookup describes the machine as it is now, while the drive holds its names
                                    resolver.resolve(d, new AtEnd(c.hosts.all));
                                }
                                d.shown = d.count();
                                y.yield(d);
                            }
                            c.drives.newlyFailing.clear();
                        }
                    }
                    try {
                        line = scanner.send(attach);
                    } catch (StopIteration end) {
                        return c.finish();
                    }
                }
            }
        });
    }

    /** The answer to a quiet spell: the unprefixed lines that may follow still belong to the last line's event. */
    private Attach stillAttaching() {
        Machine m = hosts.last;
        return m != null && (m.contDrive != null || m.contIncident != null) ? Attach.UNPREFIXED_LINES : Attach.NOTHING;
    }

    /** One line, to its host's machine. */
    private Attach line(Line l) {
        if (l.continuation) {
            Machine m = hosts.last;
            return m == null ? Attach.NOTHING : continuation(m, l);
        }
        if (l.family == Family.BOOT && l.host == null && l.message().startsWith("-- ") && hosts.inputNamesHosts()) {
            pendingBoot = separatorId(l.message());
            return Attach.NOTHING;
        }
        Machine m = hosts.of(l);
        if (m.host.named && !keep.matches(m.host)) {
            // another host's line (a host not named yet may still turn out to be one asked for: read on)
            return Attach.NOTHING;
        }
        if (pendingBoot != null) {
            if (pendingBoot.isEmpty() || !pendingBoot.equals(m.lastBootId)) {
                m.lastUptime = l.uptime;
                m.newBoot();
            }
            if (!pendingBoot.isEmpty()) {
                m.lastBootId = pendingBoot;
            }
            pendingBoot = null;
        }
        return handle(m, l);
    }

    /** The boot ID of a journalctl separator ({@code -- Boot 9938...a6 --}), or "" ({@code -- Reboot --}). */
    private static String separatorId(String msg) {
        if (msg.startsWith("-- Boot ") && msg.endsWith(" --")) {
            return msg.substring(8, msg.length() - 3).strip();
        }
        return "";
    }

    /**
     * One line, to the handler of its family. A switch with no default: a family added to the table without a
     * handler does not compile.
     */
    static Attach handle(Machine m, Line l) {
        m.line = l;
        m.contIncident = null;
        m.contDrive = null;
        m.contScsi = false;
        String msg = l.message();
        boot(m, l, l.family == Family.BOOT);
        if (msg.isEmpty()) {
            return Attach.NOTHING;
        }
        return switch (l.family) {
            case BOOT -> Attach.NOTHING;
            case SCSI_DISK -> Scsi.sd(m, l, msg);
            case SCSI -> Scsi.scsi(m, l, msg);
            case ATA -> Ata.handle(m, l, msg);
            case NVME -> Nvme.handle(m, l, msg);
            case XFS -> FileSystems.xfs(m, l, msg);
            case EXT -> FileSystems.ext(m, l, msg);
            case BTRFS -> FileSystems.btrfs(m, l, msg);
            case JBD2 -> FileSystems.jbd2(m, l, msg);
            case JOURNAL_ABORT -> FileSystems.aborting(m, l, msg);
            case BUFFER -> Block.buffer(m, l, msg);
            case BLOCK -> Block.request(m, l, msg);
            case MD -> LogicalDevices.md(m, l, msg);
            case MULTIPATH -> LogicalDevices.multipath(m, l, msg);
            case USB -> Usb.handle(m, l, msg);
            case SAS_REMOVAL -> Sas.removal(m, l, msg);
        };
    }

    /**
     * A new boot: a boot marker, the uptime going back, or another journald boot id. The bindings of the boot
     * before are dropped.
     */
    private static void boot(Machine m, Line l, boolean marker) {
        boolean isNew = marker;
        if (marker && l.message().startsWith("-- Boot ")) {
            // a separator in an input that names no host: its ID is the boot's, as a JSON line's _BOOT_ID is
            String id = separatorId(l.message());
            isNew = !id.equals(m.lastBootId) || id.isEmpty();
            m.lastBootId = id.isEmpty() ? m.lastBootId : id;
        }
        if (!Double.isNaN(l.uptime)) {
            if (!Double.isNaN(m.lastUptime) && l.uptime + 1.0 < m.lastUptime) {
                isNew = true;
            }
            m.lastUptime = l.uptime;
        }
        if (l.bootId != null) {
            if (m.lastBootId != null && !m.lastBootId.equals(l.bootId)) {
                isNew = true;
            }
            m.lastBootId = l.bootId;
        }
        if (isNew) {
            // the uptime of the new boot starts here (or at its first line that has one)
            m.lastUptime = l.uptime;
            m.newBoot();
        }
    }

    /** A line with no prefix of its own: to the ATA episode or the drive whose line asked for it. */
    private static Attach continuation(Machine m, Line l) {
        String text = l.message().strip();
        if (m.contIncident != null) {
            Kind k = Ata.emask(text);
            m.contIncident.add(l, k != null ? k : Kind.CONTEXT);
            return Attach.UNPREFIXED_LINES;
        }
        if (m.contDrive != null) {
            Kind k = m.contScsi ? Scsi.kind(m.contDrive, text) : null;
            if (k == null && m.contScsi && Block.REQUEST.matcher(text).matches()) {
                return Block.request(m, l, text);
            }
            m.evidence(m.contDrive, k != null ? k : Kind.CONTEXT, l);
            return Attach.UNPREFIXED_LINES;
        }
        return Attach.NOTHING;
    }

    private Findings finish() {
        for (Machine machine : hosts.all) {
            for (Ata.Incident inc : List.copyOf(machine.incidents.values())) {
                Ata.flush(machine, inc);
            }
        }
        return drives.findings(hosts.all, resolver, lines, keep);
    }
}
