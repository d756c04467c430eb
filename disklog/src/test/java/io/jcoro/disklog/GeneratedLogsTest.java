package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcoro.disklog.gen.Format;
import io.jcoro.disklog.gen.LogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * disklog against the generator's truth: the same machine history (failures, hot-swaps, reboots with names
 * moving, suspends, USB sticks) written in every format must give exactly the drives that failed.
 */
class GeneratedLogsTest {
    @TempDir
    Path dir;

    static byte[] log(LogGenerator.Options o, LogGenerator.Truth[] truth) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        truth[0] = LogGenerator.generate(o, b);
        return b.toByteArray();
    }

    static Set<String> serials(LogGenerator.Truth t) {
        return t.failed().stream().map(LogGenerator.Failed::serial).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatGivesExactlyTheDrivesThatFailed(Format f) throws IOException {
        LogGenerator.Truth[] t = new LogGenerator.Truth[1];
        byte[] bytes = log(LogGenerator.Options.of(42, 400_000, f).withEvents(40), t);
        Run r = Run.withStdin(bytes, "--json");
        assertTrue(t[0].failed().size() >= 5, "the generator made failures: " + t[0]);
        assertEquals(serials(t[0]), new TreeSet<>(r.serials()), f + ": " + r.err());
        assertEquals(1, r.status());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void manySeedsWithHotSwapsAndRebootsGiveTheTruth(long seed) throws IOException {
        LogGenerator.Truth[] t = new LogGenerator.Truth[1];
        byte[] bytes = log(LogGenerator.Options.of(seed, 300_000, Format.MIXED).withEvents(60), t);
        Run r = Run.withStdin(bytes, "--json");
        assertEquals(serials(t[0]), new TreeSet<>(r.serials()), "seed " + seed);
    }

    @Test
    void theHistoryHasHotSwapsAndReboots() throws IOException {
        LogGenerator.Truth[] t = new LogGenerator.Truth[1];
        log(LogGenerator.Options.of(42, 400_000, Format.DMESG).withEvents(40), t);
        assertTrue(t[0].boots() >= 2, t[0].toString());
        assertTrue(t[0].swaps() >= 2, t[0].toString());
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        LogGenerator.Truth[] t = new LogGenerator.Truth[1];
        byte[] a = log(LogGenerator.Options.of(9, 100_000, Format.SYSLOG), t);
        byte[] b = log(LogGenerator.Options.of(9, 100_000, Format.SYSLOG), t);
        byte[] c = log(LogGenerator.Options.of(10, 100_000, Format.SYSLOG), t);
        assertTrue(Arrays.equals(a, b));
        assertTrue(!Arrays.equals(a, c));
        assertTrue(a.length >= 100_000 && a.length < 110_000, "size honoured: " + a.length);
    }

    @Test
    void drivesWithoutSerialLinesAreReportedAsSerialUnknownWithModelAndAddress() throws IOException {
        LogGenerator.Truth[] t = new LogGenerator.Truth[1];
        byte[] bytes = log(LogGenerator.Options.of(5, 300_000, Format.DMESG).withUnserialized(0.5).withEvents(50), t);
        Run r = Run.withStdin(bytes, "--json");
        Set<String> withSerial = t[0].failed().stream().filter(LogGenerator.Failed::serialInLog)
                .map(LogGenerator.Failed::serial).collect(Collectors.toCollection(TreeSet::new));
        long unknownTruth = t[0].failed().stream().filter(x -> !x.serialInLog()).count();
        assertTrue(unknownTruth > 0, "the seed leaves some drives without serial lines");
        Set<String> reported = new TreeSet<>();
        int unknown = 0;
        for (JsonNode d : r.drives()) {
            if (d.get("serial").isNull()) {
                unknown++;
                assertTrue(!d.get("address").isNull(), d.toString());
                if (d.get("nvmeController").isNull()) {
                    assertTrue(!d.get("model").isNull(), "a SATA drive's model is in the log: " + d);
                }
            } else {
                reported.add(d.get("serial").asText());
            }
        }
        assertEquals(withSerial, reported);
        assertTrue(unknown >= 1, r.out());
        assertTrue(r.out().contains("serial unknown") || Run.withStdin(bytes).out().contains("serial unknown"));
    }

    @Test
    void seedFormatIsTheFirstSeedsDialect() throws IOException {
        LogGenerator.Truth[] t = new LogGenerator.Truth[1];
        byte[] bytes = log(LogGenerator.Options.of(3, 50_000, Format.SEED), t);
        List<String> lines = new String(bytes).lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("sd \\d+:0:0:0 Attached Disk Drive")));
        assertTrue(lines.stream().anyMatch(l -> l.matches("sd \\d+:0:0:0 \\(SERIAL=\\w+\\)")));
        assertTrue(lines.stream().anyMatch(l -> l.matches("XFS ERROR \\[sd[a-z]\\]")));
    }
}
