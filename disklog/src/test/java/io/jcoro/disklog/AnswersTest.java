package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers that cannot mislead a technician who reads only what is in front of him: stdout says what could not be
 * read, a device name that now belongs to another drive is marked, a lookup that was not applied says why, the
 * table fits the terminal, and one Ctrl-D ends standard input.
 */
class AnswersTest {
    @TempDir
    Path dir;

    @Test
    void anInputThatCouldNotBeReadIsNamedOnStdoutAndNothingIsSaidOfIt() {
        Run r = Run.of(dir.resolve("nope").toString());
        assertEquals(2, r.status());
        assertEquals("Nothing read: 1 of 1 input could not be read: " + dir.resolve("nope") + " (no such file).\n", r.out());
        assertFalse(r.out().contains("No failing drives"), r.out());
    }

    @Test
    void whenSomeInputsWereReadTheSummarySaysWhichWereNot() throws IOException {
        Path quiet = Files.writeString(dir.resolve("quiet.log"), "[    1.0] sd 0:0:0:0: [sda] Attached SCSI disk\n");
        Run none = Run.of(dir.resolve("nope").toString(), quiet.toString());
        assertEquals(2, none.status());
        assertEquals("No failing drives found (1 line read from 1 input; 1 of 2 inputs could not be read: "
                + dir.resolve("nope") + " (no such file)).\n", none.out());
        Run some = Run.of(dir.resolve("nope").toString(), Run.resource("sample-kern.log").toString());
        assertEquals(2, some.status());
        assertTrue(some.out().endsWith("1 of 2 inputs could not be read: " + dir.resolve("nope")
                + " (no such file); the drives above are from the other 1 input.\n"), some.out());
    }

    @Test
    void anInputReadOnlyInPartIsNamedOnStdout() throws IOException {
        byte[] gz = InputsTest.compress("gz", InputsTest.sample());
        Path cut = Files.write(dir.resolve("kern.log.2.gz"), java.util.Arrays.copyOf(gz, gz.length - 40));
        Run r = Run.of(cut.toString());
        assertEquals(2, r.status());
        assertTrue(r.out().endsWith("1 input read only in part: " + cut
                + " (truncated gzip data; the lines before the cut were read).\n"), r.out());
    }

    /** Drive A (no serial) is sdc, then after a reboot sdd; sdc is then drive B, which fails too. */
    static final String NAMES_MOVE = """
            [    2.100000] scsi 2:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5
            [    2.300000] sd 2:0:0:0: [sdc] Attached SCSI disk
            [  100.000000] blk_update_request: I/O error, dev sdc, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
            [    0.000000] Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) #45-Ubuntu SMP
            [    2.100000] scsi 2:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5
            [    2.150000] scsi 3:0:0:0: Direct-Access     ATA      WDC WD40EFRX-68N 0A82 PQ: 0 ANSI: 5
            [    2.200000] sd 3:0:0:0: [sdc] Attached SCSI disk
            [    2.300000] sd 2:0:0:0: [sdd] Attached SCSI disk
            [  200.000000] XFS (sdc1): log I/O error -5
            """;

    @Test
    void aNameThatBelongsToAnotherDriveNowIsMarkedWithWhenItWasLastThisDrives() {
        List<JsonNode> d = Run.withStdin(NAMES_MOVE.getBytes(StandardCharsets.UTF_8), "--json").drives();
        assertEquals(2, d.size(), d.toString());
        JsonNode a = d.get(0);
        assertEquals("[\"sdc\",\"sdd\"]", a.get("devices").toString());
        assertEquals("[\"sdd\"]", a.get("currentDevices").toString());
        assertEquals("{\"sdc\":\"100.000000\"}", a.get("devicesUntil").toString());
        String table = Run.withStdin(NAMES_MOVE.getBytes(StandardCharsets.UTF_8)).out();
        assertTrue(table.contains(" sdd, sdc (until 100.000000) "), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("serial unknown +WDC WD40EFRX-68N +sdc +3:0:0:0 .*")), table);
    }

    @Test
    void anInventoryByNameOrAddressAppliesOnlyToTheDriveHoldingItNowAndOtherwiseSaysWhy() throws IOException {
        Path log = Files.writeString(dir.resolve("kern.log"), NAMES_MOVE);
        Path byName = Files.writeString(dir.resolve("names.csv"), "sdc,SERIAL-OF-SDC\n");
        List<JsonNode> d = Run.of("--json", "--inventory", byName.toString(), log.toString()).drives();
        assertTrue(d.get(0).get("serial").isNull());
        assertEquals("inventory sdc SERIAL-OF-SDC not applied: the drive no longer held sdc at the end of the log",
                d.get(0).get("serialNote").asText());
        assertEquals("SERIAL-OF-SDC", d.get(1).get("serial").asText());
        Path byAddress = Files.writeString(dir.resolve("bays.csv"), "2:0:0:0,SERIAL-OF-BAY-2\n");
        assertEquals("SERIAL-OF-BAY-2", Run.of("--json", "--inventory", byAddress.toString(), log.toString()).drives()
                .get(0).get("serial").asText(), "the drive is still at 2:0:0:0, under another name");
    }

    @Test
    void anInventoryByAddressInALogOfSeveralHostsNeedsTheHost() throws IOException {
        Path log = Files.writeString(dir.resolve("central.log"), HostsTest.CENTRAL.replace("(SERIAL=DB1SDA)", "(no serial)"));
        Path bare = Files.writeString(dir.resolve("bare.csv"), "0:0:0:0,BAY0\n");
        JsonNode d = Run.of("--json", "--inventory", bare.toString(), log.toString()).drives().get(0);
        assertTrue(d.get("serial").isNull(), d.toString());
        assertEquals("inventory 0:0:0:0 BAY0 not applied: the log has several hosts and the line names none"
                + " (HOST,0:0:0:0,SERIAL)", d.get("serialNote").asText());
        Path hosted = Files.writeString(dir.resolve("hosted.csv"), "web1,0:0:0:0,WRONG\ndb1,0:0:0:0,DB1BAY0\n");
        assertEquals("DB1BAY0", Run.of("--json", "--inventory", hosted.toString(), log.toString()).drives().get(0)
                .get("serial").asText());
    }

    @Test
    void theTableFitsTheWidthItIsGivenAndSaysSo() {
        String sample = Path.of("..", "data", "sample-kern.log").toString();
        Run wide = Run.of(sample);
        assertTrue(wide.out().lines().anyMatch(l -> l.length() > 100), "the sample's table is wide");
        Run r = Run.of("--width", "100", sample);
        List<String> lines = r.out().lines().toList();
        for (String l : lines) {
            assertTrue(l.length() <= 100, l.length() + ": " + l);
        }
        assertEquals("(cut to fit 100 columns: --width 0, --explain or --json for the full text)", lines.get(lines.size() - 1));
        // every serial is whole
        for (String l : wide.out().lines().skip(1).toList()) {
            String serial = l.startsWith("serial unknown") ? "serial unknown" : l.split(" +")[0];
            assertTrue(r.out().contains(serial), serial);
        }
        assertTrue(r.out().contains("…"), r.out());
        assertEquals(wide.out(), Run.of("--width", "0", sample).out());
    }

    @Test
    void aVeryNarrowTerminalLeavesOutWholeColumnsButNeverTheSerialOrTheCount() {
        Run r = Run.of("--width", "60", Run.resource("sample-kern.log").toString());
        String header = r.out().lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("SERIAL ") && header.contains(" COUNT"), header);
        assertFalse(header.contains("NOTE"), header);
        assertTrue(r.out().contains("S439NE0N201842"), r.out());
    }

    @Test
    void oneEndOfInputEndsStandardInput() throws Exception {
        // a terminal: a line, then Ctrl-D (one read returns the end); reading again would wait for another Ctrl-D
        byte[] line = "[    1.0] XFS (sdb1): log I/O error -5\n".getBytes(StandardCharsets.UTF_8);
        InputStream terminal = new InputStream() {
            int reads;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                reads++;
                if (reads == 1) {
                    System.arraycopy(line, 0, b, off, line.length);
                    return line.length;
                }
                if (reads == 2) {
                    return -1;
                }
                try {
                    Thread.sleep(Long.MAX_VALUE); // a second Ctrl-D that never comes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"--json"}, terminal,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true)));
        assertEquals(1, status.get(20, TimeUnit.SECONDS));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"devices\":[\"sdb\"]"), out.toString());
    }
}
