package io.jcoro.disklog.gen;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic synthetic kernel logs, deterministic for a seed, of any size, in every {@link Format}: a machine with
 * SATA disks (some in an md RAID1) and NVMe drives that boots, discovers its drives, runs (noise from many
 * subsystems, suspend/resume, USB sticks coming and going), has drives fail in the ways real kernels report,
 * hot-swaps failed drives (the replacement gets the same port, address and name) and reboots (names may come out
 * in another order). It also returns the truth: which physical drives failed.
 *
 * <p>Serials are written the way the first seed and the sample do ({@code sd H:C:T:L (SERIAL=...)} and
 * {@code nvme DDDD:BB:DD.F (SERIAL=...)}), synthetic lines that stand for a log enriched by udev; a share of the
 * drives can be left without them ({@link Options#unserialized}).
 *
 * <p>{@link Format#SEED} writes the first seed's own dialect ({@code sd 0:0:0:0 Attached Disk Drive},
 * {@code XFS ERROR [sda]}), which the seed's Python program reads, with the same hot-swaps and reboots.
 *
 * <p>With {@link Options#hosts} above one, a central log server's file: that many machines, each with its own
 * drives, serials and history, their lines interleaved in time as a syslog server receives them. Every machine has
 * an {@code sda}; the truth names each failed drive's host.
 *
 * <p>Command line: {@code java -cp tools/target/classes io.jcoro.disklog.gen.LogGenerator --seed 1 --size 1G
 * --format dmesg [--hosts N] [--truth truth.txt] OUT|-}.
 */
public final class LogGenerator {

    /**
     * What to generate.
     *
     * @param seed         the random seed: the same options give the same bytes
     * @param bytes        stop once at least this many bytes are written (the current event is finished)
     * @param format       the line format
     * @param sata         SATA disks (at most 26; the first two form md0 when there are at least three)
     * @param nvme         NVMe drives
     * @param unserialized share (0..1) of drives that get no serial line
     * @param events       events (failures, swaps, reboots, suspends, USB sticks) per host; 0 picks about 12 plus
     *                     2 per MB of the host's share of the log
     * @param hosts        machines in the log: above one, a central log of their lines interleaved (a format that
     *                     names the host: syslog, short, short-iso, short-precise, rfc5424, json or mixed)
     */
    public record Options(long seed, long bytes, Format format, int sata, int nvme, double unserialized, int events,
                          int hosts) {
        public Options {
            if (hosts > 1 && !format.namesHost()) {
                throw new IllegalArgumentException("a central log of several hosts needs a format that names the host,"
                        + " not " + format);
            }
        }

        public static Options of(long seed, long bytes, Format format) {
            return new Options(seed, bytes, format, 6, 2, 0.0, 0, 1);
        }

        public Options withUnserialized(double share) {
            return new Options(seed, bytes, format, sata, nvme, share, events, hosts);
        }

        public Options withEvents(int n) {
            return new Options(seed, bytes, format, sata, nvme, unserialized, n, hosts);
        }

        public Options withHosts(int n) {
            return new Options(seed, bytes, format, sata, nvme, unserialized, events, n);
        }
    }

    /** A physical drive that failed, as the truth to check a reader against. */
    public record Failed(String serial, boolean serialInLog, String model, String address, String device,
                         List<String> kinds, String host) {
    }

    /** What was generated. */
    public record Truth(List<Failed> failed, int boots, int swaps, long lines, long bytes) {
    }

    // ---------------------------------------------------------------- the machine

    private static final class Disk {
        final String serial;
        final String model;
        final String firmware;
        final long sectors;
        final boolean nvme;
        final boolean serialLine;
        String name;
        String address;
        int port;
        boolean failed;
        final List<String> kinds = new ArrayList<>();

        Disk(String serial, String model, String firmware, long sectors, boolean nvme, boolean serialLine) {
            this.serial = serial;
            this.model = model;
            this.firmware = firmware;
            this.sectors = sectors;
            this.nvme = nvme;
            this.serialLine = serialLine;
        }
    }

    private static final String[][] SATA_MODELS = {
        {"ST4000NM0035-1V4107", "TN03", "7814037168"}, {"ST8000NM000A-2KE101", "SN02", "15628053168"},
        {"WDC WD40EFRX-68N32N0", "82.00A82", "7814037168"}, {"HGST HUS728T8TALE6L4", "V8GNW460", "15628053168"},
        {"TOSHIBA MG08ACA16TE", "0102", "31251759104"}, {"ST12000NM001G-2MV103", "SN03", "23437770752"},
    };

    /** The name of the one host of a log that has one (the generated logs before there were several). */
    static final String ONE_HOST = "node07";

    private final Options o;
    private final SplittableRandom rnd;
    private final OutputStream out;
    private final String host;
    private final Envelope env;
    /** In a central log: this host's lines waiting for their turn (their wall time), instead of {@link #out}. */
    private final java.util.ArrayDeque<Pending> queue;
    /** The host's share of the log, which spaces its events. */
    private final long share;
    /** Noise lines before the next event; -1: not drawn yet. */
    private long noiseLeft = -1;
    private final StringBuilder sb = new StringBuilder(512);
    private final byte[] nl = {'\n'};
    private long written;
    private long lines;
    private long uptime; // micros
    private long bootWall; // micros
    private String bootId;
    private int boots;
    private int swaps;
    private final Disk[] sata;
    private final Disk[] nvme;
    private final Map<String, Disk> failedBySerial = new LinkedHashMap<>();
    private int usbDevice = 3;
    private final boolean md;

    /** A line of one host of a central log, with the wall time that orders it among the others. */
    private record Pending(long wall, byte[] bytes) {
    }

    private LogGenerator(Options o, long seed, String host, OutputStream out, java.util.ArrayDeque<Pending> queue) {
        this.o = o;
        this.rnd = new SplittableRandom(seed);
        this.out = out;
        this.host = host;
        this.env = new Envelope(host);
        this.queue = queue;
        this.share = o.bytes() / Math.max(1, o.hosts());
        this.sata = new Disk[Math.min(26, o.sata())];
        this.nvme = new Disk[o.nvme()];
        this.md = sata.length >= 3 && o.format() != Format.SEED;
        for (int i = 0; i < sata.length; i++) {
            sata[i] = newSata(i);
        }
        for (int i = 0; i < nvme.length; i++) {
            nvme[i] = new Disk(serial("S4" + (char) ('A' + i), 10), "Samsung SSD 980 PRO 1TB", "5B2QGXA7", 1953525168L,
                    true, rnd.nextDouble() >= o.unserialized());
            nvme[i].port = i;
            nvme[i].address = String.format("0000:%02x:00.0", 0x3b + i);
            nvme[i].name = "nvme" + i + "n1";
        }
        bootWall = 1_727_000_000_000_000L + (o.seed() & 0xffff) * 1_000_000L;
        if (queue != null) {
            bootWall += rnd.nextLong(600_000_000L); // the machines of a central log were started within minutes
        }
    }

    private Disk newSata(int port) {
        String[] m = SATA_MODELS[rnd.nextInt(SATA_MODELS.length)];
        String prefix = m[0].startsWith("WDC") ? "WD-WCC" : m[0].startsWith("ST") ? "Z" : m[0].startsWith("HGST") ? "VJG" : "X0";
        Disk d = new Disk(serial(prefix, prefix.length() + 7), m[0], m[1], Long.parseLong(m[2]), false, rnd.nextDouble() >= o.unserialized());
        d.port = port;
        d.address = port + ":0:0:0";
        return d;
    }

    private String serial(String prefix, int len) {
        StringBuilder s = new StringBuilder(prefix);
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        while (s.length() < len) {
            s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** Writes a log to {@code out} and returns the truth about it. */
    public static Truth generate(Options o, OutputStream out) throws IOException {
        if (o.hosts() > 1) {
            return central(o, out);
        }
        LogGenerator g = new LogGenerator(o, o.seed(), ONE_HOST, out, null);
        g.boot(true);
        while (g.written < o.bytes()) {
            g.step();
        }
        out.flush();
        List<Failed> failed = new ArrayList<>();
        g.failed(failed);
        return new Truth(failed, g.boots, g.swaps, g.lines, g.written);
    }

    /**
     * A central log: each host's history made as a one-host log is, its lines handed out in the order of their
     * wall times, as a syslog server receives them.
     */
    private static Truth central(Options o, OutputStream out) throws IOException {
        int n = o.hosts();
        LogGenerator[] hosts = new LogGenerator[n];
        // (the host with the earliest next line first; ties by host number, so that the bytes depend on the seed only)
        java.util.PriorityQueue<LogGenerator> next = new java.util.PriorityQueue<>(n, new ByNextLine());
        SplittableRandom seeds = new SplittableRandom(o.seed());
        String width = "%0" + Math.max(2, Integer.toString(n).length()) + "d";
        for (int i = 0; i < n; i++) {
            hosts[i] = new LogGenerator(o, seeds.nextLong(), "node" + String.format(Locale.ROOT, width, i + 1), null,
                    new java.util.ArrayDeque<>());
            hosts[i].index = i;
            hosts[i].boot(true);
            next.add(hosts[i]);
        }
        long written = 0;
        long lines = 0;
        while (written < o.bytes()) {
            LogGenerator g = next.poll();
            Pending p = g.queue.removeFirst();
            out.write(p.bytes());
            written += p.bytes().length;
            lines++;
            while (g.queue.isEmpty()) {
                g.step();
            }
            next.add(g);
        }
        out.flush();
        List<Failed> failed = new ArrayList<>();
        int boots = 0;
        int swaps = 0;
        for (LogGenerator g : hosts) {
            g.failed(failed);
            boots += g.boots;
            swaps += g.swaps;
        }
        return new Truth(failed, boots, swaps, lines, written);
    }

    /** Orders the hosts of a central log by the wall time of their next line. */
    private static final class ByNextLine implements java.util.Comparator<LogGenerator> {
        @Override
        public int compare(LogGenerator a, LogGenerator b) {
            int c = Long.compare(a.queue.peekFirst().wall(), b.queue.peekFirst().wall());
            return c != 0 ? c : Integer.compare(a.index, b.index);
        }
    }

    private int index;

    private void failed(List<Failed> into) {
        for (Disk d : failedBySerial.values()) {
            into.add(new Failed(d.serial, d.serialLine, d.model, d.address, d.name, List.copyOf(d.kinds), host));
        }
    }

    /**
     * One more line of noise, or an event: noise lines spread the events evenly over the log (a line is ~80
     * bytes).
     */
    private void step() throws IOException {
        if (noiseLeft < 0) {
            long eventsWanted = o.events() > 0 ? o.events() : 12 + 2 * (share >> 20);
            long gap = Math.max(20, share / 80 / Math.max(1, eventsWanted));
            noiseLeft = gap / 2 + rnd.nextLong(gap + 1);
        }
        if (noiseLeft > 0) {
            noise();
            noiseLeft--;
        } else {
            event();
            noiseLeft = -1;
        }
    }

    // ---------------------------------------------------------------- emitting

    private void emit(int priority, long stepMicros, String message) throws IOException {
        uptime += stepMicros;
        sb.setLength(0);
        Format f = o.format();
        if (f == Format.MIXED) {
            Format[] all = Format.values();
            do {
                f = all[rnd.nextInt(all.length)];
            } while (f == Format.MIXED || f == Format.JSON || f == Format.SEED || queue != null && !f.namesHost());
        }
        env.line(sb, f, uptime, bootWall + uptime, priority, bootId, 100 + rnd.nextInt(9000), message);
        if (queue != null) {
            byte[] b = sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
            queue.addLast(new Pending(bootWall + uptime, b));
            return;
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        out.write(b);
        out.write(nl);
        written += b.length + 1;
        lines++;
    }

    private void msg(String message) throws IOException {
        emit(6, 10 + rnd.nextInt(400), message);
    }

    /** Noise comes seconds apart; the lines of one event microseconds apart. */
    private void idle(String message) throws IOException {
        emit(6, rnd.nextLong(3_000_000L), message);
    }

    private void err(String message) throws IOException {
        emit(3, 2 + rnd.nextInt(30), message);
    }

    private static final String[] NOISE = {
        "audit: type=1400 audit(%d.%03d:%d): apparmor=\"DENIED\" operation=\"open\" class=\"file\" profile=\"snap.lxd.daemon\" name=\"/proc/%d/environ\" pid=%d comm=\"lxd\" requested_mask=\"r\" denied_mask=\"r\" fsuid=0 ouid=0",
        "IPv6: ADDRCONF(NETDEV_CHANGE): veth%x: link becomes ready",
        "igb 0000:1a:00.0 eno1: igb: eno1 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: RX/TX",
        "perf: interrupt took too long (%d > %d), lowering kernel.perf_event_max_sample_rate to %d",
        "br-%x: port %d(veth%x) entered forwarding state",
        "TCP: request_sock_TCP: Possible SYN flooding on port %d. Sending cookies.  Check SNMP counters.",
        "systemd-journald[%d]: Data hash table of /var/log/journal/%x/system.journal has a fill level at 75.0 (%d of %d items), suggesting rotation.",
        "nf_conntrack: nf_conntrack: table full, dropping packet",
        "EXT4-fs (nvme0n1p2): re-mounted %x-4a5b-4c6d-8e7f-0a1b2c3d4e5f r/w. Quota mode: none.",
        "XFS (sdb1): Ending clean mount",
        "kauditd_printk_skb: %d callbacks suppressed",
        "ACPI Error: Aborting method \\_SB.PC00.LPC0.CHK1 due to previous error (AE_NOT_FOUND) (20230628/psparse-529)",
        "mce: [Hardware Error]: Machine check events logged",
        "EDAC MC0: 1 CE memory read error on CPU_SrcID#0_MC#0_Chan#%d_DIMM#0 (channel:%d slot:0 page:0x%x offset:0x0 grain:32 syndrome:0x0)",
        "usb 1-10: new full-speed USB device number %d using xhci_hcd",
        "hrtimer: interrupt took %d ns",
        "docker0: port %d(veth%x) entered blocking state",
        "device veth%x entered promiscuous mode",
        "x86/split lock detection: #AC: crashing the kernel on kernel split_locks and warning on user-space split_locks",
        "clocksource: timekeeping watchdog on CPU%d: Marking clocksource 'tsc' as unstable because the skew is too large:",
        "Memory cgroup out of memory: Killed process %d (java) total-vm:%dkB, anon-rss:%dkB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:%dkB oom_score_adj:0",
        "sd %d:0:0:0: Attached scsi generic sg%d type 0",
        "scsi_io_completion_action: %d callbacks suppressed",
        "random: crng reseeded on system resumption",
    };

    private void noise() throws IOException {
        if (o.format() == Format.SEED) {
            idle(SEED_NOISE[rnd.nextInt(SEED_NOISE.length)]);
            return;
        }
        String t = NOISE[rnd.nextInt(NOISE.length)];
        int count = 0;
        for (int i = t.indexOf('%'); i >= 0; i = t.indexOf('%', i + 1)) {
            count++;
        }
        Object[] args = new Object[count];
        for (int i = 0; i < count; i++) {
            args[i] = rnd.nextInt(1, 100_000);
        }
        idle(count == 0 ? t : String.format(Locale.ROOT, t, args));
    }

    private static final String[] SEED_NOISE = {
        "unrelated log messages", "IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready",
        "igb 0000:1a:00.0 eno1: igb: eno1 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: RX/TX",
        "perf: interrupt took too long (2503 > 2500), lowering kernel.perf_event_max_sample_rate to 79750",
        "audit: type=1400 audit(1727695212.001:112): apparmor=\"DENIED\" operation=\"open\" profile=\"snap.lxd.daemon\"",
        "systemd-journald[412]: Data hash table of /var/log/journal/system.journal has a fill level at 75.0",
    };

    // ---------------------------------------------------------------- boot and discovery

    private void boot(boolean first) throws IOException {
        boots++;
        if (!first) {
            bootWall += uptime + 60_000_000L + rnd.nextLong(600_000_000L);
        }
        uptime = 0;
        bootId = String.format("%016x%016x", rnd.nextLong(), rnd.nextLong());
        if (!first && queue == null
                && (o.format() == Format.SHORT || o.format() == Format.SHORT_ISO || o.format() == Format.SHORT_PRECISE)) {
            // journalctl prints a separator between boots, with no envelope
            sb.setLength(0);
            byte[] b = ("-- Boot " + bootId + " --\n").getBytes(StandardCharsets.UTF_8);
            out.write(b);
            written += b.length;
            lines++;
        }
        emit(5, 0, "Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 (Ubuntu 6.8.0-45.45-generic 6.8.12)");
        emit(6, 0, "Command line: BOOT_IMAGE=/vmlinuz-6.8.0-45-generic root=UUID=9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f ro");
        if (o.format() == Format.SEED) {
            seedDiscovery();
            return;
        }
        msg("usb usb1: SerialNumber: 0000:00:14.0");
        for (Disk d : nvme) {
            nvmeDiscovery(d);
        }
        for (int i = 0; i < sata.length; i++) {
            msg("scsi host" + i + ": ahci");
        }
        // ports come up in an order that is not always their number: names can move between boots
        int[] order = new int[sata.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (!first && rnd.nextInt(3) == 0 && order.length > 1) {
            int a = rnd.nextInt(order.length);
            int b = rnd.nextInt(order.length);
            int t = order[a];
            order[a] = order[b];
            order[b] = t;
        }
        for (Disk d : sata) {
            d.name = null;
        }
        for (int i : order) {
            ataIdentify(sata[i]);
        }
        for (int i : order) {
            sataDiscovery(sata[i], lowestFreeName());
        }
        if (md) {
            msg("md/raid1:md0: active with 2 out of 2 mirrors");
        }
        for (Disk d : sata) {
            msg("XFS (" + d.name + "1): Mounting V5 Filesystem");
            msg("XFS (" + d.name + "1): Ending clean mount");
        }
    }

    private String lowestFreeName() {
        for (char c = 'a'; c <= 'z'; c++) {
            String n = "sd" + c;
            boolean used = false;
            for (Disk d : sata) {
                if (n.equals(d.name)) {
                    used = true;
                }
            }
            if (!used) {
                return n;
            }
        }
        throw new IllegalStateException("no free sd name");
    }

    private void nvmeDiscovery(Disk d) throws IOException {
        msg("nvme " + d.address + ": platform quirk: setting simple suspend");
        if (d.serialLine) {
            msg("nvme " + d.address + " (SERIAL=" + d.serial + ")");
        }
        msg("nvme nvme" + d.port + ": pci function " + d.address);
        msg("nvme nvme" + d.port + ": 32/0/0 default/read/poll queues");
        msg(" " + d.name + ": p1 p2");
    }

    private void ataIdentify(Disk d) throws IOException {
        String ata = "ata" + (d.port + 1);
        msg(ata + ": SATA link up 6.0 Gbps (SStatus 133 SControl 300)");
        msg(ata + ".00: ATA-11: " + d.model + ", " + d.firmware + ", max UDMA/133");
        msg(ata + ".00: " + d.sectors + " sectors, multi 16: LBA48 NCQ (depth 32), AA");
        msg(ata + ".00: configured for UDMA/133");
    }

    private void sataDiscovery(Disk d, String name) throws IOException {
        d.name = name;
        String model16 = d.model.length() > 16 ? d.model.substring(0, 16) : d.model;
        String fw4 = d.firmware.length() > 4 ? d.firmware.substring(d.firmware.length() - 4) : d.firmware;
        msg(String.format("scsi %s: Direct-Access     ATA      %-16s %-4s PQ: 0 ANSI: 5", d.address, model16, fw4));
        if (d.serialLine) {
            msg("sd " + d.address + " (SERIAL=" + d.serial + ")");
        }
        String sd = "sd " + d.address + ": [" + name + "] ";
        msg("sd " + d.address + ": Attached scsi generic sg" + d.port + " type 0");
        msg(sd + d.sectors + " 512-byte logical blocks: (" + (d.sectors * 512 / 1_000_000_000_000L) + ".00 TB)");
        msg(sd + "Write Protect is off");
        msg(sd + "Write cache: enabled, read cache: enabled, doesn't support DPO or FUA");
        msg(" " + name + ": " + name + "1 " + name + "2");
        msg(sd + "Attached SCSI disk");
    }

    private void seedDiscovery() throws IOException {
        for (Disk d : sata) {
            d.name = null;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sata.length; i++) {
            order.add(i);
        }
        if (boots > 1 && sata.length > 1 && rnd.nextInt(3) == 0) {
            java.util.Collections.swap(order, rnd.nextInt(sata.length), rnd.nextInt(sata.length));
        }
        for (int i : order) {
            seedAttach(sata[i], lowestFreeName());
        }
    }

    private void seedAttach(Disk d, String name) throws IOException {
        d.name = name;
        msg("sd " + d.address + " Attached Disk Drive");
        msg(SEED_NOISE[0]);
        if (d.serialLine) {
            msg("sd " + d.address + " (SERIAL=" + d.serial + ")");
            msg(SEED_NOISE[0]);
        }
        msg("sd " + d.address + " [" + name + "] Options");
    }

    // ---------------------------------------------------------------- events

    private void event() throws IOException {
        int roll = rnd.nextInt(100);
        if (roll < 55) {
            failure();
        } else if (roll < 75) {
            swapAFailedOrAnyDisk();
        } else if (roll < 85) {
            boot(false);
        } else if (roll < 93 && o.format() != Format.SEED) {
            suspendResume();
        } else if (o.format() != Format.SEED) {
            usbStick();
        } else {
            failure();
        }
    }

    private void mark(Disk d, String kind) {
        d.failed = true;
        d.kinds.add(kind);
        failedBySerial.putIfAbsent(d.serial, d);
    }

    private void failure() throws IOException {
        if (o.format() == Format.SEED) {
            Disk d = sata[rnd.nextInt(sata.length)];
            msg("XFS ERROR [" + d.name + "]");
            mark(d, "XFS error");
            return;
        }
        boolean onNvme = nvme.length > 0 && rnd.nextInt(4) == 0;
        if (onNvme) {
            Disk d = nvme[rnd.nextInt(nvme.length)];
            if (rnd.nextBoolean()) {
                nvmeMedia(d);
            } else {
                err("nvme nvme" + d.port + ": I/O " + rnd.nextInt(1000) + " QID " + rnd.nextInt(1, 32) + " timeout, reset controller");
                mark(d, "NVMe timeout/reset");
            }
            return;
        }
        Disk d = sata[rnd.nextInt(sata.length)];
        switch (rnd.nextInt(md && d.port < 2 ? 8 : 7)) {
            case 0 -> xfsCorruption(d);
            case 1 -> ataUnc(d);
            case 2 -> ataTimeout(d);
            case 3 -> ext4(d);
            case 4 -> btrfs(d);
            case 5 -> splitScsi(d);
            case 6 -> blockWordings(d);
            default -> mdFailure(d);
        }
    }

    private void xfsCorruption(Disk d) throws IOException {
        String x = "XFS (" + d.name + "1): ";
        err(x + "Metadata corruption detected at xfs_dinode_verify.part.0+0x172/0x640 [xfs], inode 0x" + Long.toHexString(rnd.nextLong(1L << 32)) + " dinode");
        err(x + "Unmount and run xfs_repair");
        err(x + "First 128 bytes of corrupted metadata buffer:");
        for (int i = 0; i < 8; i++) {
            StringBuilder h = new StringBuilder(String.format("%08x:", i * 16));
            for (int k = 0; k < 16; k++) {
                h.append(String.format(" %02x", rnd.nextInt(256)));
            }
            err(h.append("  ................").toString());
        }
        err(x + "metadata I/O error in \"xfs_imap_to_bp+0x61/0xb0 [xfs]\" at daddr 0x2000080 len 32 error 117");
        err(x + "Corruption of in-memory data (0x8) detected at xfs_trans_cancel+0x147/0x170 [xfs] (fs/xfs/xfs_trans.c:1097).  Shutting down filesystem.");
        err(x + "Please unmount the filesystem and rectify the problem(s)");
        mark(d, "XFS corruption");
    }

    private String ata(Disk d) {
        return "ata" + (d.port + 1);
    }

    private String sd(Disk d, int tag) {
        return "sd " + d.address + ": [" + d.name + "] tag#" + tag + " ";
    }

    private void ataUnc(Disk d) throws IOException {
        String a = ata(d);
        int tag = rnd.nextInt(32);
        long sector = rnd.nextLong(d.sectors);
        err(a + ".00: exception Emask 0x0 SAct 0x" + Integer.toHexString(1 << tag) + " SErr 0x0 action 0x0");
        err(a + ".00: irq_stat 0x40000008");
        err(a + ".00: failed command: READ FPDMA QUEUED");
        err(a + ".00: cmd 60/08:" + String.format("%02x", tag << 3) + ":00:f2:05/00:00:2a:01:00/40 tag " + tag + " ncq dma 4096 in");
        err("         res 41/40:00:00:f2:05/00:00:2a:01:00/40 Emask 0x409 (media error) <F>");
        err(a + ".00: status: { DRDY ERR }");
        err(a + ".00: error: { UNC }");
        err(a + ".00: configured for UDMA/133");
        err(sd(d, tag) + "FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_OK cmd_age=3s");
        err(sd(d, tag) + "Sense Key : Medium Error [current] ");
        err(sd(d, tag) + "Add. Sense: Unrecovered read error - auto reallocate failed");
        err(sd(d, tag) + "CDB: Read(16) 88 00 00 00 00 01 2a 05 f2 00 00 00 00 08 00 00");
        err("critical medium error, dev " + d.name + ", sector " + sector + " op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 2");
        err(a + ": EH complete");
        err("Buffer I/O error on dev " + d.name + "1, logical block " + sector / 8 + ", async page read");
        mark(d, "ATA UNC media error");
    }

    private void ataTimeout(Disk d) throws IOException {
        String a = ata(d);
        int tag = rnd.nextInt(32);
        err(a + ".00: exception Emask 0x0 SAct 0x80000 SErr 0x0 action 0x6 frozen");
        err(a + ".00: failed command: WRITE FPDMA QUEUED");
        err(a + ".00: cmd 61/08:98:00:94:c0/00:00:d1:01:00/40 tag " + tag + " ncq dma 4096 out");
        err("         res 40/00:01:00:00:00/00:00:00:00:00/00 Emask 0x4 (timeout)");
        err(a + ".00: status: { DRDY }");
        err(a + ": hard resetting link");
        err(a + ": SATA link up 6.0 Gbps (SStatus 133 SControl 300)");
        err(a + ".00: configured for UDMA/133");
        err(sd(d, tag) + "FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_OK cmd_age=31s");
        err(sd(d, tag) + "Sense Key : Illegal Request [current] ");
        err(sd(d, tag) + "Add. Sense: Unaligned write command");
        err("I/O error, dev " + d.name + ", sector " + rnd.nextLong(d.sectors) + " op 0x1:(WRITE) flags 0x9800 phys_seg 1 prio class 2");
        err(a + ": EH complete");
        err("XFS (" + d.name + "1): log I/O error -5");
        err("XFS (" + d.name + "1): Filesystem has been shut down due to log error (0x2).");
        err("XFS (" + d.name + "1): Please unmount the filesystem and rectify the problem(s).");
        mark(d, "ATA timeout");
    }

    private void ext4(Disk d) throws IOException {
        String p = d.name + "2";
        err("EXT4-fs error (device " + p + "): __ext4_find_entry:1683: inode #" + rnd.nextInt(1 << 22) + ": comm nginx: reading directory lblock 0");
        err("Aborting journal on device " + p + "-8.");
        err("EXT4-fs (" + p + "): Remounting filesystem read-only");
        mark(d, "ext4 error");
    }

    private void btrfs(Disk d) throws IOException {
        err("BTRFS error (device " + d.name + "2 state EA): bdev /dev/" + d.name + "2 errs: wr " + rnd.nextInt(100) + ", rd " + rnd.nextInt(5000) + ", flush 0, corrupt 0, gen 0");
        mark(d, "btrfs device errors");
    }

    private void splitScsi(Disk d) throws IOException {
        // pre-4.x kernels: one SCSI error over several lines, the later ones without a prefix
        err("sd " + d.address + ": [" + d.name + "] Unhandled sense code");
        err("sd " + d.address + ": [" + d.name + "]");
        err("Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE");
        err("sd " + d.address + ": [" + d.name + "]");
        err("Sense Key : Medium Error [current] [descriptor]");
        err("end_request: critical medium error, dev " + d.name + ", sector " + rnd.nextLong(d.sectors));
        mark(d, "SCSI medium error");
    }

    private void blockWordings(Disk d) throws IOException {
        String[] prefix = {"blk_update_request: ", "print_req_error: ", "", "end_request: "};
        long sector = rnd.nextLong(d.sectors);
        String p = prefix[rnd.nextInt(prefix.length)];
        err(p + "I/O error, dev " + d.name + ", sector " + sector + (p.isEmpty() ? " op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0" : ""));
        err("blk_print_req_error: " + rnd.nextInt(2, 300) + " callbacks suppressed");
        err("Buffer I/O error on device " + d.name + "1, logical block " + sector / 8);
        mark(d, "block I/O error");
    }

    private void mdFailure(Disk d) throws IOException {
        err("blk_update_request: I/O error, dev " + d.name + ", sector " + rnd.nextLong(d.sectors) + " op 0x1:(WRITE) flags 0x0 phys_seg 1 prio class 0");
        err("md/raid1:md0: Disk failure on " + d.name + "2, disabling device.");
        err("md/raid1:md0: Operation continuing on 1 devices.");
        mark(d, "md member failed");
    }

    private void nvmeMedia(Disk d) throws IOException {
        long lba = rnd.nextLong(d.sectors);
        err(d.name + ": I/O Cmd(0x2) @ LBA " + lba + ", 8 blocks, I/O Error (sct 0x2 / sc 0x81) DNR ");
        err("critical medium error, dev " + d.name + ", sector " + lba + " op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2");
        err("EXT4-fs error (device " + d.name + "p2): __ext4_find_entry:1683: inode #3932161: comm nginx: reading directory lblock 0");
        err("Aborting journal on device " + d.name + "p2-8.");
        err("EXT4-fs (" + d.name + "p2): Remounting filesystem read-only");
        mark(d, "NVMe media error");
    }

    /** A technician replaces a drive (a failed one when there is one): same port, address and name. */
    private void swapAFailedOrAnyDisk() throws IOException {
        int port = -1;
        for (int i = 0; i < sata.length; i++) {
            if (sata[i].failed) {
                port = i;
                break;
            }
        }
        if (port < 0) {
            port = rnd.nextInt(sata.length);
        }
        Disk old = sata[port];
        swaps++;
        if (o.format() == Format.SEED) {
            Disk n = newSata(port);
            sata[port] = n;
            seedAttach(n, old.name);
            return;
        }
        String a = ata(old);
        msg("XFS (" + old.name + "1): Unmounting Filesystem");
        msg(a + ": exception Emask 0x10 SAct 0x0 SErr 0x4090000 action 0xe frozen");
        msg(a + ": irq_stat 0x00400040, connection status changed");
        msg(a + ": SError: { PHYRdyChg 10B8B DevExch }");
        msg(a + ": hard resetting link");
        msg(a + ": SATA link down (SStatus 0 SControl 300)");
        msg(a + ".00: disabled");
        msg(a + ": EH complete");
        msg(a + ".00: detaching (SCSI " + old.address + ")");
        msg("sd " + old.address + ": [" + old.name + "] Synchronizing SCSI cache");
        msg("sd " + old.address + ": [" + old.name + "] Synchronize Cache(10) failed: Result: hostbyte=DID_BAD_TARGET driverbyte=DRIVER_OK");
        msg("sd " + old.address + ": [" + old.name + "] Stopping disk");
        msg("sd " + old.address + ": [" + old.name + "] Start/Stop Unit failed: Result: hostbyte=DID_BAD_TARGET driverbyte=DRIVER_OK");
        String name = old.name;
        old.name = null;
        Disk n = newSata(port);
        sata[port] = n;
        uptime += 30_000_000L + rnd.nextLong(300_000_000L);
        msg(a + ": exception Emask 0x10 SAct 0x0 SErr 0x40d0000 action 0xe frozen");
        msg(a + ": SError: { PHYRdyChg CommWake 10B8B DevExch }");
        ataIdentify(n);
        msg(a + ": EH complete");
        sataDiscovery(n, name);
        msg("XFS (" + name + "1): Mounting V5 Filesystem");
        old.name = name;
    }

    /** Suspend and resume: sd prints Synchronizing SCSI cache and Stopping disk, which are not a removal. */
    private void suspendResume() throws IOException {
        msg("PM: suspend entry (deep)");
        for (Disk d : sata) {
            msg("sd " + d.address + ": [" + d.name + "] Synchronizing SCSI cache");
            msg("sd " + d.address + ": [" + d.name + "] Stopping disk");
        }
        msg("PM: suspend exit");
        for (Disk d : sata) {
            msg("sd " + d.address + ": [" + d.name + "] Starting disk");
        }
    }

    /** A USB stick: its serial is the USB iSerial; pulling it prints removal noise that is not a failure. */
    private void usbStick() throws IOException {
        int host = sata.length + 2;
        String usb = "2-" + (1 + rnd.nextInt(4));
        String addr = host + ":0:0:0";
        String name = lowestFreeName();
        int num = usbDevice++;
        msg("usb " + usb + ": new SuperSpeed USB device number " + num + " using xhci_hcd");
        msg("usb " + usb + ": New USB device strings: Mfr=1, Product=2, SerialNumber=3");
        msg("usb " + usb + ": Product: DataTraveler 3.0");
        msg("usb " + usb + ": SerialNumber: " + serial("60A44C", 20));
        msg("usb-storage " + usb + ":1.0: USB Mass Storage device detected");
        msg("scsi host" + host + ": usb-storage " + usb + ":1.0");
        msg("scsi " + addr + ": Direct-Access     Kingston DataTraveler 3.0 PMAP PQ: 0 ANSI: 6");
        msg("sd " + addr + ": [" + name + "] 60437492 512-byte logical blocks: (30.9 GB/28.8 GiB)");
        msg("sd " + addr + ": [" + name + "] Attached SCSI removable disk");
        for (int i = 0; i < 20; i++) {
            noise();
        }
        msg("usb " + usb + ": USB disconnect, device number " + num);
        msg("sd " + addr + ": [" + name + "] Synchronizing SCSI cache");
        msg("sd " + addr + ": [" + name + "] Synchronize Cache(10) failed: Result: hostbyte=DID_ERROR driverbyte=DRIVER_OK");
    }

    // ---------------------------------------------------------------- command line

    public static void main(String[] args) {
        long seed = 1;
        long size = 1 << 20;
        Format format = Format.DMESG;
        String truth = null;
        String outName = null;
        int sataN = 6;
        int nvmeN = 2;
        double unserialized = 0;
        int events = 0;
        int hostCount = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--size" -> size = parseSize(args[++i]);
                    case "--format" -> format = Format.of(args[++i]);
                    case "--truth" -> truth = args[++i];
                    case "--sata" -> sataN = Integer.parseInt(args[++i]);
                    case "--nvme" -> nvmeN = Integer.parseInt(args[++i]);
                    case "--unserialized" -> unserialized = Double.parseDouble(args[++i]);
                    case "--events" -> events = Integer.parseInt(args[++i]);
                    case "--hosts" -> hostCount = Integer.parseInt(args[++i]);
                    default -> {
                        if (args[i].startsWith("--") || outName != null) {
                            throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                        }
                        outName = args[i];
                    }
                }
            }
            if (outName == null) {
                throw new IllegalArgumentException("no output file (use - for standard output)");
            }
        } catch (RuntimeException e) {
            System.err.println("loggen: " + e.getMessage());
            System.err.println("usage: LogGenerator [--seed N] [--size 10M|1G] [--format dmesg|dmesg-T|dmesg-r|dmesg-caller|syslog|short|short-iso|short-precise|json|rfc5424|kmsg|seed|mixed] [--sata N] [--nvme N] [--unserialized 0..1] [--events N] [--hosts N] [--truth FILE] OUT|-");
            System.exit(2);
            return;
        }
        Options o;
        try {
            o = new Options(seed, size, format, sataN, nvmeN, unserialized, events, hostCount);
        } catch (IllegalArgumentException e) {
            System.err.println("loggen: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (OutputStream os = outName.equals("-") ? new BufferedOutputStream(System.out, 1 << 16)
                : new BufferedOutputStream(new FileOutputStream(outName), 1 << 16)) {
            Truth t = generate(o, os);
            if (truth != null) {
                try (PrintStream p = new PrintStream(truth, StandardCharsets.UTF_8)) {
                    writeTruth(t, p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("loggen: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The truth as text: one line per failed drive (its host last), then a summary line. */
    public static void writeTruth(Truth t, PrintStream p) {
        for (Failed f : t.failed()) {
            p.println(f.serial() + "\t" + (f.serialInLog() ? "serial-in-log" : "no-serial-line") + "\t" + f.model() + "\t"
                    + f.address() + "\t" + f.device() + "\t" + String.join(",", f.kinds()) + "\t" + f.host());
        }
        p.println("# " + t.failed().size() + " failed drives, " + t.boots() + " boots, " + t.swaps() + " hot-swaps, "
                + t.lines() + " lines, " + t.bytes() + " bytes");
    }

    static long parseSize(String s) {
        String v = s.strip().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("K")) {
            mult = 1L << 10;
        } else if (v.endsWith("M")) {
            mult = 1L << 20;
        } else if (v.endsWith("G")) {
            mult = 1L << 30;
        }
        if (mult > 1) {
            v = v.substring(0, v.length() - 1);
        }
        return (long) (Double.parseDouble(v) * mult);
    }
}
