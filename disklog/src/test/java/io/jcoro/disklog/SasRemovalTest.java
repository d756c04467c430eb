package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SAS device removal family: mpt3sas (and mpt2sas) log {@code removing handle(...), sas_addr(...)} when the HBA
 * drops a device. The drive with that SAS address, bound by the driver's own {@code scsi H:C:T:L: SSP|SATA:
 * handle(...), sas_addr(...)} line, is removed: its later errors are the noise of the pull, and a drive announced at
 * the same address is another drive. Line shapes as mpt3sas prints them (values changed).
 */
class SasRemovalTest {
    static final String DISCOVERY = """
            [   33.160212] scsi 2:0:0:0: Direct-Access     SEAGATE  ST4000NM0023     0004 PQ: 0 ANSI: 6
            [   33.160239] scsi 2:0:0:0: SSP: handle(0x0009), sas_addr(0x5000c50093b7a0c9), phy(0), device_name(0x5000c50093b7a0cb)
            [   33.160244] scsi 2:0:0:0: enclosure logical id (0x500605b00f3dfa80), slot(3)
            [   33.171234] sd 2:0:0:0: [sdb] 7814037168 512-byte logical blocks: (4.00 TB/3.64 TiB)
            [ 5000.100000] sd 2:0:0:0: [sdb] tag#3 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s
            [ 5000.100010] sd 2:0:0:0: [sdb] tag#3 Sense Key : Medium Error [current]
            """;
    static final String AFTER_PULL = """
            [ 6000.200000] sd 2:0:0:0: [sdb] tag#5 FAILED Result: hostbyte=DID_NO_CONNECT driverbyte=DRIVER_OK cmd_age=0s
            [ 6000.200100] blk_update_request: I/O error, dev sdb, sector 2048 op 0x1:(WRITE) flags 0x0 phys_seg 1 prio class 0
            """;
    static final String REPLACEMENT = """
            [ 6100.000000] scsi 2:0:0:0: Direct-Access     SEAGATE  ST4000NM0023     0004 PQ: 0 ANSI: 6
            [ 6100.000100] scsi 2:0:0:0: SSP: handle(0x000a), sas_addr(0x5000c50093b7b111), phy(0), device_name(0x5000c50093b7b113)
            [ 6100.010000] sd 2:0:0:0: [sdb] 7814037168 512-byte logical blocks: (4.00 TB/3.64 TiB)
            [ 7000.000000] sd 2:0:0:0: [sdb] tag#1 Sense Key : Medium Error [current]
            """;

    private static List<String> kinds(JsonNode d) {
        List<String> k = new ArrayList<>();
        for (JsonNode e : d.get("errors")) {
            k.add(e.get("kind").asText());
        }
        return k;
    }

    @Test
    void aRemovedSasDriveGetsNoBlameForTheNoiseOfItsPull() {
        String log = DISCOVERY + """
                [ 6000.000000] mpt3sas_cm0: removing handle(0x0009), sas_addr(0x5000c50093b7a0c9)
                [ 6000.000050] mpt3sas_cm0: enclosure logical id(0x500605b00f3dfa80), slot(3)
                """ + AFTER_PULL + REPLACEMENT;
        List<JsonNode> d = KernelLinesTest.drives(log);
        assertEquals(2, d.size(), d.toString());
        JsonNode pulled = d.get(0);
        assertEquals("0x5000c50093b7a0cb", pulled.get("wwn").asText());
        assertEquals("6000.000000", pulled.get("removed").get("time").asText());
        assertEquals(List.of("SCSI command failed", "SCSI medium error"), kinds(pulled));
        assertEquals(2, pulled.get("count").asInt());
        JsonNode replacement = d.get(1);
        assertEquals("0x5000c50093b7b113", replacement.get("wwn").asText());
        assertTrue(replacement.get("removed").isNull());
        assertEquals(List.of("SCSI medium error"), kinds(replacement));
    }

    @Test
    void withoutTheRemovalLineTheNoiseOfThePullCountsAsFailures() {
        // the same log less the mpt3sas line: what disklog said before it knew the family
        List<JsonNode> d = KernelLinesTest.drives(DISCOVERY + AFTER_PULL + REPLACEMENT);
        assertEquals(List.of("SCSI command failed", "SCSI medium error", "block I/O error"), kinds(d.get(0)));
        assertTrue(d.get(0).get("removed").isNull());
    }

    @Test
    void mpt2sasSaysItTheOlderWay() {
        String log = DISCOVERY.replace("SSP:", "SATA:") + """
                [ 6000.000000] mpt2sas0: removing handle(0x0009), sas_addr(0x5000c50093b7a0c9)
                """ + AFTER_PULL;
        JsonNode pulled = KernelLinesTest.drives(log).get(0);
        assertEquals("6000.000000", pulled.get("removed").get("time").asText());
        assertEquals(List.of("SCSI command failed", "SCSI medium error"), kinds(pulled));
    }

    @Test
    void aRemovalOfAnAddressNeverBoundNamesNoDrive() {
        String log = DISCOVERY + """
                [ 6000.000000] mpt3sas_cm0: removing handle(0x0011), sas_addr(0x5000c500aaaaaaaa)
                """ + AFTER_PULL;
        JsonNode d = KernelLinesTest.drives(log).get(0);
        assertTrue(d.get("removed").isNull());
        assertEquals(List.of("SCSI command failed", "SCSI medium error", "block I/O error"), kinds(d));
    }

    @Test
    void aRebootForgetsTheSasAddresses() {
        // after a reboot the HBA hands out addresses again; a removal then names only what this boot bound
        String log = DISCOVERY + """
                [    0.000000] Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115)
                [   60.000000] mpt3sas_cm0: removing handle(0x0009), sas_addr(0x5000c50093b7a0c9)
                [   61.000000] sd 2:0:0:0: [sdb] tag#5 FAILED Result: hostbyte=DID_NO_CONNECT driverbyte=DRIVER_OK cmd_age=0s
                """;
        JsonNode d = KernelLinesTest.drives(log).get(0);
        assertTrue(d.get("removed").isNull());
    }
}
