package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcoro.disklog.gen.Format;
import io.jcoro.disklog.gen.LogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Logs of many hosts: a central syslog file, a directory per host, a journal that gathers several machines. Every
 * host has an {@code sda}; each host's lines are read against that host's bindings only, however they interleave.
 */
class HostsTest {
    @TempDir
    Path dir;

    /** Two hosts' discovery of their sda, different drives, lines interleaved as a syslog server writes them. */
    static final String CENTRAL = """
            Sep 30 11:20:01 web1 kernel: [    8.424652] scsi 0:0:0:0: Direct-Access     ATA      ST4000NE001-2MA1 EN01 PQ: 0 ANSI: 5
            Sep 30 11:20:01 db1 kernel: [    7.100000] scsi 0:0:0:0: Direct-Access     ATA      WDC WD40EFRX-68N EN02 PQ: 0 ANSI: 5
            Sep 30 11:20:01 web1 kernel: [    8.424700] sd 0:0:0:0: (SERIAL=WEB1SDA)
            Sep 30 11:20:01 db1 kernel: [    7.100100] sd 0:0:0:0: (SERIAL=DB1SDA)
            Sep 30 11:20:01 web1 kernel: [    8.433244] sd 0:0:0:0: [sda] 7814037168 512-byte logical blocks: (4.00 TB/3.64 TiB)
            Sep 30 11:20:01 db1 kernel: [    7.133244] sd 0:0:0:0: [sda] 7814037168 512-byte logical blocks: (4.00 TB/3.64 TiB)
            Sep 30 11:20:02 web1 kernel: [    9.000000] sshd[12]: not a kernel line at all
            Sep 30 12:00:00 db1 kernel: [ 2405.000000] blk_update_request: I/O error, dev sda, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
            Sep 30 12:00:00 web1 kernel: [ 2406.000000] XFS (sdb1): Mounting V5 Filesystem
            Sep 30 12:00:01 db1 kernel: [ 2406.000000] XFS (sda1): metadata I/O error in "xfs_trans_read_buf_map" at daddr 0x8e8c20 len 8 error 5
            """;

    @Test
    void interleavedHostsWithTheSameDeviceNamesKeepTheirOwnSerials() {
        Run r = Run.withStdin(CENTRAL.getBytes(StandardCharsets.UTF_8), "--json");
        List<JsonNode> d = r.drives();
        assertEquals(1, d.size(), r.out());
        assertEquals("DB1SDA", d.get(0).get("serial").asText());
        assertEquals("db1", d.get(0).get("host").asText());
        assertEquals(2, d.get(0).get("count").asInt(), "db1's two errors, not web1's lines");
        assertEquals("WDC WD40EFRX-68N", d.get(0).get("model").asText());
        for (JsonNode e : d.get(0).get("evidence")) {
            assertEquals("db1", e.get("host").asText(), e.toString());
        }
    }

    @Test
    void theTableHasAHostColumnWhenTheLogHasSeveralHosts() {
        Run r = Run.withStdin(CENTRAL.getBytes(StandardCharsets.UTF_8));
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("HOST "), r.out());
        assertTrue(lines[1].matches("db1 +DB1SDA +WDC WD40EFRX-68N +sda +0:0:0:0 .*"), lines[1]);
        String oneHost = CENTRAL.lines().filter(l -> l.contains(" db1 ")).reduce("", (a, b) -> a + b + "\n");
        Run single = Run.withStdin(oneHost.getBytes(StandardCharsets.UTF_8));
        assertTrue(single.out().startsWith("SERIAL "), single.out());
        assertEquals("db1", Run.withStdin(oneHost.getBytes(StandardCharsets.UTF_8), "--json").drives().get(0)
                .get("host").asText(), "JSON always names the host");
    }

    @Test
    void hostKeepsOnlyTheHostsItsGlobsMatch() {
        String both = CENTRAL + """
                Sep 30 12:10:00 web1 kernel: [ 3005.000000] blk_update_request: I/O error, dev sda, sector 4096 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                """;
        byte[] log = both.getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("DB1SDA", "WEB1SDA"), Run.withStdin(log, "--json").serials());
        assertEquals(List.of("WEB1SDA"), Run.withStdin(log, "--json", "--host", "web*").serials());
        assertEquals(List.of("DB1SDA"), Run.withStdin(log, "--json", "--host", "DB1").serials());
        assertEquals(List.of("DB1SDA", "WEB1SDA"), Run.withStdin(log, "--json", "--host", "db?", "--host", "w[a-e]b1")
                .serials());
        Run none = Run.withStdin(log, "--host", "mail*");
        assertEquals(0, none.status());
        assertTrue(none.out().startsWith("No failing drives found"), none.out());
    }

    @Test
    void aDriveMovedToAnotherHostIsOneRowNamingBothWithTheEvidenceOfEach() {
        String moved = CENTRAL + """
                Oct  2 09:00:00 app7 kernel: [   12.000000] scsi 3:0:0:0: Direct-Access     ATA      WDC WD40EFRX-68N EN02 PQ: 0 ANSI: 5
                Oct  2 09:00:00 app7 kernel: [   12.000100] sd 3:0:0:0: (SERIAL=DB1SDA)
                Oct  2 09:00:00 app7 kernel: [   12.000200] sd 3:0:0:0: [sdd] Attached SCSI disk
                Oct  2 10:00:00 app7 kernel: [ 3612.000000] sd 3:0:0:0: [sdd] tag#1 Sense Key : Medium Error [current]
                """;
        Run r = Run.withStdin(moved.getBytes(StandardCharsets.UTF_8), "--json");
        List<JsonNode> d = r.drives();
        assertEquals(1, d.size(), r.out());
        assertEquals("[\"db1\",\"app7\"]", d.get(0).get("hosts").toString());
        assertEquals("app7", d.get(0).get("host").asText(), "where it failed last");
        assertEquals(3, d.get(0).get("count").asInt());
        Run table = Run.withStdin(moved.getBytes(StandardCharsets.UTF_8), "--explain");
        assertTrue(table.out().contains("db1,app7"), table.out());
        assertTrue(table.out().contains("! app7 (stdin):"), table.out());
        assertTrue(table.out().contains("! db1 (stdin):"), table.out());
    }

    @Test
    void aDirectoryIsALogTreeWithAHostPerSubdirectory() throws IOException {
        // dmesg dumps name no host: the directory does; same names, different drives
        write("web1/dmesg.txt", """
                [    8.424652] scsi 0:0:0:0: Direct-Access     ATA      ST4000NE001-2MA1 EN01 PQ: 0 ANSI: 5
                [    8.424700] sd 0:0:0:0: (SERIAL=WEB1SDA)
                [    8.433244] sd 0:0:0:0: [sda] Attached SCSI disk
                """);
        write("db1/dmesg.txt", """
                [    7.100000] scsi 0:0:0:0: Direct-Access     ATA      WDC WD40EFRX-68N EN02 PQ: 0 ANSI: 5
                [    7.100100] sd 0:0:0:0: (SERIAL=DB1SDA)
                [    7.133244] sd 0:0:0:0: [sda] Attached SCSI disk
                [ 2405.000000] blk_update_request: I/O error, dev sda, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                """);
        Run r = Run.of("--json", dir.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals(List.of("DB1SDA"), r.serials());
        assertEquals("db1", r.drives().get(0).get("host").asText());
        assertEquals(dir + "/db1/dmesg.txt", r.drives().get(0).get("first").get("input").asText());
        Run explain = Run.of("--explain", dir.toString());
        assertTrue(explain.out().contains("host db1: named after its directory, db1 (its lines name no host)"),
                explain.out());
    }

    @Test
    void inATreeTheLinesNameTheHostAndAPlaceholderGivesWayToTheDirectory() throws IOException {
        write("10.0.0.5/kern.log", CENTRAL.lines().filter(l -> l.contains(" db1 ")).reduce("", (a, b) -> a + b + "\n"));
        write("10.0.0.6/kern.log", CENTRAL.lines().filter(l -> l.contains(" db1 "))
                .map(l -> l.replace(" db1 ", " localhost ").replace("DB1SDA", "OTHERSDA"))
                .reduce("", (a, b) -> a + b + "\n"));
        Run r = Run.of("--json", dir.toString());
        Map<String, String> hostBySerial = new TreeMap<>();
        for (JsonNode d : r.drives()) {
            hostBySerial.put(d.get("serial").asText(), d.get("host").asText());
        }
        assertEquals(Map.of("DB1SDA", "db1", "OTHERSDA", "10.0.0.6"), hostBySerial, r.out());
    }

    @Test
    void theFirstLinesOfAFileThatNameNoHostAreTheHostsItsLaterLinesName() {
        String log = """
                -- Boot 99386174e13f4e9cb2044baee8704fa6 --
                [    8.424652] scsi 0:0:0:0: Direct-Access     ATA      ST4000NE001-2MA1 EN01 PQ: 0 ANSI: 5
                [    8.424700] sd 0:0:0:0: (SERIAL=FIRSTLINES)
                Sep 30 11:20:01 web1 kernel: [    8.433244] sd 0:0:0:0: [sda] Attached SCSI disk
                [ 2405.000000] blk_update_request: I/O error, dev sda, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
                """;
        Run r = Run.withStdin(log.getBytes(StandardCharsets.UTF_8), "--json");
        assertEquals(List.of("FIRSTLINES"), r.serials());
        assertEquals("web1", r.drives().get(0).get("host").asText());
    }

    @Test
    void journalBootSeparatorsBetweenInterleavedHostsDoNotEndTheirBoots() {
        // journalctl over a directory of several machines' journals prints a separator whenever the next entry is
        // of another boot: between every two hosts' lines here
        String log = """
                Sep 30 11:20:01 web1 kernel: scsi 0:0:0:0: Direct-Access     ATA      ST4000NE001-2MA1 EN01 PQ: 0 ANSI: 5
                -- Boot 22222222222222222222222222222222 --
                Sep 30 11:20:01 db1 kernel: scsi 0:0:0:0: Direct-Access     ATA      WDC WD40EFRX-68N EN02 PQ: 0 ANSI: 5
                -- Boot 11111111111111111111111111111111 --
                Sep 30 11:20:01 web1 kernel: sd 0:0:0:0: (SERIAL=WEB1SDA)
                -- Boot 22222222222222222222222222222222 --
                Sep 30 11:20:01 db1 kernel: sd 0:0:0:0: (SERIAL=DB1SDA)
                -- Boot 11111111111111111111111111111111 --
                Sep 30 11:20:02 web1 kernel: sd 0:0:0:0: [sda] Attached SCSI disk
                -- Boot 22222222222222222222222222222222 --
                Sep 30 11:20:02 db1 kernel: sd 0:0:0:0: [sda] Attached SCSI disk
                -- Boot 11111111111111111111111111111111 --
                Sep 30 12:00:00 web1 kernel: XFS (sda1): log I/O error -5
                -- Boot 33333333333333333333333333333333 --
                Sep 30 12:30:00 web1 kernel: Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) #45-Ubuntu SMP
                Sep 30 12:31:00 web1 kernel: XFS (sda1): log I/O error -5
                """;
        Run r = Run.withStdin(log.getBytes(StandardCharsets.UTF_8), "--json");
        List<String> serials = r.serials();
        assertEquals(2, serials.size(), r.out());
        assertEquals("WEB1SDA", serials.get(0), "the separators kept web1's sda bound to its drive");
        assertTrue(serials.get(1).startsWith("?"), "after web1's real reboot, sda is a drive not seen yet: " + serials);
    }

    @Test
    void aJournalsHostnameNamesTheHost() {
        String log = """
                {"__REALTIME_TIMESTAMP":"1727695212371717","_BOOT_ID":"a1","_HOSTNAME":"web1","MESSAGE":"sd 0:0:0:0: (SERIAL=WEB1SDA)"}
                {"__REALTIME_TIMESTAMP":"1727695212371718","_BOOT_ID":"b2","_HOSTNAME":"db1","MESSAGE":"sd 0:0:0:0: (SERIAL=DB1SDA)"}
                {"__REALTIME_TIMESTAMP":"1727695212371719","_BOOT_ID":"a1","_HOSTNAME":"web1","MESSAGE":"sd 0:0:0:0: [sda] Attached SCSI disk"}
                {"__REALTIME_TIMESTAMP":"1727695212371720","_BOOT_ID":"b2","_HOSTNAME":"db1","MESSAGE":"sd 0:0:0:0: [sda] Attached SCSI disk"}
                {"__REALTIME_TIMESTAMP":"1727695212371721","_BOOT_ID":"a1","_HOSTNAME":"web1","MESSAGE":"XFS (sda1): log I/O error -5"}
                """;
        Run r = Run.withStdin(log.getBytes(StandardCharsets.UTF_8), "--json");
        assertEquals(List.of("WEB1SDA"), r.serials(), r.out());
        assertEquals("web1", r.drives().get(0).get("host").asText());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"SYSLOG", "SHORT_ISO", "RFC5424", "JSON", "MIXED"})
    void aGeneratedCentralLogOfManyHostsGivesEachFailedDriveWithItsHost(Format f) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        LogGenerator.Truth t = LogGenerator.generate(LogGenerator.Options.of(11, 2_000_000, f).withHosts(12).withEvents(8), b);
        Run r = Run.withStdin(b.toByteArray(), "--json");
        Map<String, String> want = new TreeMap<>();
        for (LogGenerator.Failed x : t.failed()) {
            want.put(x.serial(), x.host() + " " + x.address());
        }
        Map<String, String> got = new TreeMap<>();
        for (JsonNode d : r.drives()) {
            got.put(d.get("serial").asText(), d.get("host").asText() + " " + d.get("address").asText());
        }
        assertTrue(t.failed().stream().map(LogGenerator.Failed::host).distinct().count() >= 6,
                "the generator made failures on many hosts: " + want);
        assertEquals(want, got, f + ": " + r.err());
    }

    @Test
    void theSameLogReadAsOneHostMixesTheHostsUp() throws IOException {
        // what the hosts are for: the same central log with its host names taken out reads as one machine
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        LogGenerator.Truth t = LogGenerator.generate(LogGenerator.Options.of(11, 2_000_000, Format.SYSLOG).withHosts(12), b);
        String anonymous = b.toString(StandardCharsets.UTF_8).replaceAll("(?m)^(\\w{3} [ \\d]\\d \\S+) node\\d+ ", "$1 node ");
        Run r = Run.withStdin(anonymous.getBytes(StandardCharsets.UTF_8), "--json");
        List<String> want = new ArrayList<>();
        for (LogGenerator.Failed x : t.failed()) {
            want.add(x.serial());
        }
        assertFalse(new java.util.TreeSet<>(want).equals(new java.util.TreeSet<>(r.serials())),
                "one machine's bindings cannot tell twelve machines' sda apart");
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
