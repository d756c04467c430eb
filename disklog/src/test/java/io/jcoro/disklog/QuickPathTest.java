package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcoro.disklog.gen.Format;
import io.jcoro.disklog.scan.LineScanner;
import io.jcoro.disklog.scan.Newlines;
import io.jcoro.disklog.gen.LogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scanner's quick path turns lines away from their first bytes alone. It must never turn away a line that the
 * usual path (the whole envelope taken apart, then the prefix test) keeps.
 */
class QuickPathTest {
    /** The lines the quick path turns away (the scan asks it only when no wanted line is just before). */
    private static int check(byte[] b, int s, int e) {
        if (!LineScanner.quickUnwanted(b, s, e)) {
            return 0;
        }
        assertFalse(LineScanner.keptByFullLook(b, s, e),
                () -> "turned away by the quick path, kept by the usual one: " + new String(b, s, e - s, StandardCharsets.UTF_8));
        return 1;
    }

    private static int checkLines(byte[] b) {
        int quick = 0;
        int ls = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                quick += check(b, ls, i);
                ls = i + 1;
            }
        }
        return quick;
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void turnsAwayNoLineTheUsualPathKeeps(Format f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogGenerator.generate(LogGenerator.Options.of(5, 400_000, f).withEvents(60), out);
        int quick = checkLines(out.toByteArray());
        if (f == Format.DMESG || f == Format.SEED) {
            assertTrue(quick > 1000, "the quick path took most lines of " + f + ": " + quick);
        }
    }

    @Test
    void theVectorSearchIsUsedWhenTheJvmHasTheModule() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertTrue(module ? Newlines.VECTOR_STEP >= 16 : Newlines.VECTOR_STEP == 0, "step " + Newlines.VECTOR_STEP);
    }

    @Test
    void linesThatLookPlainButAreNot() {
        String[] lines = {
            "[  123.456789] myhost kernel: sd 2:0:0:0: [sdc] tag#0 FAILED Result: hostbyte=DID_OK",
            "[  123.456789] usbhost kernel: XFS (sdc1): metadata I/O error in \"xfs_da_read_buf\"",
            "[  123.456789] mdbox kernel: md/raid1:md0: Disk failure on sdb1, disabling device.",
            "[  123.456789] sd 2:0:0:0: [sdc] Synchronize Cache(10) failed: Result: hostbyte=DID_NO_CONNECT",
            "[123456.789012] XFS (sdc1): Corruption detected. Unmount and run xfs_repair",
            "[12345678.123456] blk_update_request: I/O error, dev sdc, sector 123456 op 0x0:(READ)",
            "[  123.456789][ T1234] blk_update_request: I/O error, dev sdc, sector 123456",
            "[Sun Jul  5 01:55:08 2015] sd 2:0:0:0: [sdc] Attached SCSI disk",
            "[  123.456789]  sdc: sdc1 sdc2 and some more text to be long",
            "[  123.456789] usb 1-1: SerialNumber: 0123456789ABCDEF0123",
            "[  123.456789] usb 2-1.4: USB disconnect, device number 7",
            "[  123.456789] EXT4-fs error (device sdc1): ext4_find_entry:1455: inode #2",
            "sd 0:0:0:0 (SERIAL=ZZ12345) and the rest of a bare line",
            "XFS ERROR [sdb] and the rest of the seed's bare error line",
            "Sep 30 11:20:12 host kernel: [  123.456789] sd 2:0:0:0: [sdc] Attached SCSI disk",
            "Sat May 11 14:45:54 2024 kern.info kernel: sd 2:0:0:0: [sdc] Attached SCSI disk",
            "Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) (x86_64-linux-gnu-gcc-13)",
        };
        for (String l : lines) {
            byte[] b = (l + "\n").getBytes(StandardCharsets.UTF_8);
            check(b, 0, b.length - 1);
        }
        byte[] monotonic = "[  123.456789] myhost kernel: XFS (sdc1): metadata I/O error in xfs\n".getBytes(StandardCharsets.UTF_8);
        assertFalse(LineScanner.quickUnwanted(monotonic, 0, monotonic.length - 1), "short-monotonic goes the usual way");
        assertTrue(LineScanner.keptByFullLook(monotonic, 0, monotonic.length - 1));
    }

    @Test
    void shortBareLinesTakeTheQuickPathOnlyWhenUnwanted() {
        // the seed's noise is 22 bytes, its error lines 15: both are under the 32 bytes a dmesg line needs
        byte[] noise = "unrelated log messages\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(LineScanner.quickUnwanted(noise, 0, noise.length - 1), "short noise goes the quick way");
        assertFalse(LineScanner.keptByFullLook(noise, 0, noise.length - 1));
        for (String wanted : new String[] {"XFS ERROR [sdb]", "sd 0:0:0:0 [sda] Options", "sd 0:0:0:0 (SERIAL=ZZ12345)"}) {
            byte[] b = (wanted + "\n").getBytes(StandardCharsets.UTF_8);
            assertTrue(LineScanner.keptByFullLook(b, 0, b.length - 1), wanted);
            assertEquals(0, check(b, 0, b.length - 1), wanted);
        }
        byte[] tiny = "abc def\n".getBytes(StandardCharsets.UTF_8);
        assertFalse(LineScanner.quickUnwanted(tiny, 0, tiny.length - 1), "under 8 bytes: the usual path");
    }

    @Test
    void aVerticalTabAfterANewlineIsNoLineEnd() {
        // the SWAR search's shorter formula flags 0x0b after 0x0a: it would split the line and shift every number
        StringBuilder log = new StringBuilder();
        for (int k = 0; k < 40; k++) {
            log.append("[    1.000000] audit: type=1400 audit(0.0:1): apparmor=\"STATUS\" operation=\"profile_load\"\n");
            log.append("\u000b[    1.000001] nothing to see here, a line that starts with a vertical tab\n");
        }
        log.append("[    2.000000] blk_update_request: I/O error, dev sdc, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0\n");
        List<JsonNode> d = KernelLinesTest.drives(log.toString());
        assertEquals(81, d.get(0).get("first").get("line").asInt(), d.toString());
    }
}
