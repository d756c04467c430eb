package io.jcoro.disklog.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.disklog.scan.LineScanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The family table, the prefilter built from it and the dispatch can never disagree: the prefilter's heads are
 * exactly the table's, every real example of a family is kept and tagged with that family, on its own and inside a
 * dmesg line, and lines of no family are turned away.
 */
class FamilyTableTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Family family(String message) {
        byte[] b = bytes(message);
        return Prefilter.family(b, 0, b.length);
    }

    @Test
    void thePrefiltersHeadsAreExactlyTheTables() {
        List<String> declared = new ArrayList<>();
        for (Family f : Family.values()) {
            for (Prefix p : f.prefixes) {
                declared.addAll(p.heads());
            }
        }
        assertEquals(new TreeSet<>(declared), new TreeSet<>(Prefilter.heads()));
        assertEquals(declared.size(), Prefilter.heads().size(), "no head is shared by two prefixes");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void everyExampleOfAFamilyIsKeptAndTaggedWithIt(Family f) {
        assertFalse(f.examples.isEmpty(), f + " has a real example line");
        for (String example : f.examples) {
            assertEquals(f, family(example), example);
            byte[] line = bytes("[12345.678901] " + example);
            assertTrue(LineScanner.keptByFullLook(line, 0, line.length), "kept in a dmesg line: " + example);
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void everyPrefixLeadsToItsFamily(Family f) {
        for (Prefix p : f.prefixes) {
            for (String head : p.heads()) {
                Family got = family(head.length() >= p.text().length() ? head : p.text());
                // a refined prefix needs what its refinement wants: the examples show that; here only no other family
                assertTrue(got == null || got == f, p.text() + " -> " + got);
            }
        }
    }

    @Test
    void linesOfNoFamilyAreTurnedAway() {
        for (String other : new String[] {"audit: type=1400 audit(0.0:1): apparmor=\"STATUS\"", "e1000e: eth0 NIC Link is Up",
            "sd 0:0:0:0: Attached scsi generic sg0 type 0", "XFS (sda1): Mounting V5 Filesystem",
            "EXT4-fs (sda1): mounted filesystem with ordered data mode.", "usb 1-1: new high-speed USB device number 2",
            "mpt3sas_cm0: log_info(0x31110e05): originator(PL), code(0x11), sub_code(0x0e05)", "ata_piix 0000:00:01.1: version 2.13",
            "md20: detected capacity change"}) {
            assertNull(family(other), other);
        }
    }

    @Test
    void aMessageShorterThanAHeadIsMatchedByItsPrefix() {
        // "XFS" alone passes the XFS prefix and its refinement (no parenthesis to look behind)
        assertEquals(Family.XFS, family("XFS"));
        assertNull(family("sd "));
    }
}
