package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked answers the project starts from: the test resource sample-kern.log, a hand-made log of real line
 * shapes whose expected answer is written out below (its hot-swap trap included), and the first seed's EXAMPLE_LOG
 * (answer: WW11111, ZZ12345).
 */
class SampleAnswerTest {
    static final String SAMPLE = Run.resource("sample-kern.log").toString();

    @Test
    void sampleGivesFourDrivesInTheOrderTheyFailed() {
        Run r = Run.of("--json", SAMPLE);
        assertEquals(1, r.status(), r.err());
        assertEquals(List.of("ZC18K2QJ", "ZA1FN3R7", "S439NE0N201842", "ZA1GQ8VD"), r.serials());
        assertEquals("", r.err());
    }

    @Test
    void hotSwapSplitsTheErrorsBetweenTheOldAndTheNewDriveAtTheSameAddress() {
        List<JsonNode> d = Run.of("--json", SAMPLE).drives();
        JsonNode old = d.get(1);
        JsonNode repl = d.get(3);
        assertEquals("2:0:0:0", old.get("address").asText());
        assertEquals("2:0:0:0", repl.get("address").asText());
        assertEquals("[\"sdc\"]", old.get("devices").toString());
        assertEquals("[\"sdc\"]", repl.get("devices").toString());
        assertEquals("7210.883402", old.get("first").get("time").asText());
        assertEquals("7211.302117", old.get("last").get("time").asText());
        assertEquals("7431.714921", old.get("removed").get("time").asText());
        assertEquals("10800.052114", repl.get("first").get("time").asText());
        assertEquals("10800.371812", repl.get("last").get("time").asText());
        assertTrue(repl.get("removed").isNull());
        assertEquals("SN02", old.get("firmware").asText());
        assertEquals("SN04", repl.get("firmware").asText());
        assertEquals("ST8000NM000A-2KE101", repl.get("model").asText());
    }

    @Test
    void removalNoiseIsARemovalNotAFailure() {
        JsonNode old = Run.of("--json", SAMPLE).drives().get(1);
        int removals = 0;
        for (JsonNode e : old.get("evidence")) {
            String text = e.get("text").asText();
            if (text.contains("Synchronize Cache(10) failed") || text.contains("Start/Stop Unit failed")) {
                assertEquals("removal", e.get("kind").asText(), text);
                removals++;
            }
        }
        assertEquals(2, removals);
        for (JsonNode k : old.get("errors")) {
            assertFalse(k.get("kind").asText().contains("removal"));
        }
    }

    @Test
    void everyErrorLineOfTheWorkedAnswerIsEvidenceOfTheRightDrive() {
        List<JsonNode> d = Run.of("--json", SAMPLE).drives();
        String[][] expected = {
            {"3605.214332", "ZC18K2QJ"}, {"3605.214387", "ZC18K2QJ"}, {"3605.214452", "ZC18K2QJ"},
            {"7210.891206", "ZA1FN3R7"}, {"7210.891211", "ZA1FN3R7"}, {"7210.891214", "ZA1FN3R7"},
            {"7210.891221", "ZA1FN3R7"}, {"7211.302117", "ZA1FN3R7"},
            {"9001.337142", "S439NE0N201842"}, {"9001.337158", "S439NE0N201842"}, {"9001.337201", "S439NE0N201842"},
            {"9001.338015", "S439NE0N201842"}, {"9001.338410", "S439NE0N201842"},
            {"10800.371702", "ZA1GQ8VD"}, {"10800.371717", "ZA1GQ8VD"}, {"10800.371802", "ZA1GQ8VD"},
            {"10800.371810", "ZA1GQ8VD"},
        };
        for (String[] e : expected) {
            String owner = null;
            for (JsonNode drive : d) {
                for (JsonNode ev : drive.get("evidence")) {
                    if (ev.get("time").asText().equals(e[0])) {
                        owner = drive.get("serial").asText();
                    }
                }
            }
            assertEquals(e[1], owner, "line at " + e[0]);
        }
    }

    @Test
    void theTrapsProduceNothing() {
        Run r = Run.of("--json", SAMPLE);
        assertFalse(r.out().contains("WD-WCC7K4PL8NX5"), "sdb had no errors");
        assertFalse(r.out().contains("0000:00:14.0\""), "a root hub's SerialNumber is not a drive serial");
        assertFalse(r.out().contains("ACPI"));
        assertFalse(r.out().contains("Mounting V5"));
    }

    @Test
    void tableShowsOneRowPerDriveWithModelDeviceAndAddress() {
        Run r = Run.of(SAMPLE);
        String[] lines = r.out().split("\n");
        assertEquals(5, lines.length, r.out());
        assertTrue(lines[0].startsWith("SERIAL"));
        assertTrue(lines[1].matches("ZC18K2QJ +ST4000NM0035-1V4107 +sda +0:0:0:0 +XFS corruption.*3605.214332 +3605.214455 +3.*"), lines[1]);
        assertTrue(lines[3].matches("S439NE0N201842 +NVMe \\(nvme0\\) +nvme0n1 +0000:3b:00.0 +NVMe media error.*"), lines[3]);
        assertTrue(lines[2].contains("removed at 7431.714921"));
    }

    @Test
    void explainPrintsTheEvidenceUnderEachRow() {
        Run r = Run.of("--explain", SAMPLE);
        assertTrue(r.out().contains("sample-kern.log:123: [ 7210.891211] sd 2:0:0:0: [sdc] tag#5 Sense Key : Medium Error [current]"), r.out());
        assertTrue(r.out().contains("port ata3"));
    }

    @Test
    void seedExampleLogGivesWw11111AndZz12345() {
        Run r = Run.of("--json", Run.resource("EXAMPLE_LOG.log").toString());
        assertEquals(1, r.status());
        assertEquals(List.of("ZZ12345", "WW11111"), r.serials());
        assertFalse(r.out().contains("ZZ67890"), "sdb has no XFS error");
    }

    @Test
    void aLogWithoutErrorsExitsZero() {
        Run r = Run.withStdin("[    1.0] sd 0:0:0:0: [sda] Attached SCSI disk\n".getBytes(), "-");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("No failing drives found"));
    }
}
