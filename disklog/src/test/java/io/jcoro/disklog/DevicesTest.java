package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.disklog.correlate.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Partition and journal names back to the whole disk, by the kernel's naming rule (docs/kernel-messages.md). */
class DevicesTest {
    @ParameterizedTest
    @CsvSource({
        "sda1, sda", "sdaa12, sdaa", "sdc, sdc", "nvme0n1p2, nvme0n1", "nvme0n1, nvme0n1", "mmcblk0p2, mmcblk0",
        "md0p1, md0", "loop1p1, loop1", "/dev/sdc1, sdc", "vda4, vda", "xvdb1, xvdb", "dm-3, dm-3", "nvme1c0n1, nvme1c0n1",
    })
    void partitionsMapToTheWholeDisk(String token, String whole) {
        assertEquals(whole, Devices.wholeDisk(token));
    }

    @ParameterizedTest
    @CsvSource({"sda1-8, sda", "nvme0n1p2-8, nvme0n1", "dm-3-8, dm-3", "loop1-8, loop1", "dm-3, dm-3"})
    void journalSuffixesAreStripped(String token, String whole) {
        assertEquals(whole, Devices.journalDisk(token));
    }

    @Test
    void logicalDevicesAreNotDrives() {
        assertTrue(Devices.isLogical("dm-0"));
        assertTrue(Devices.isLogical("md127"));
        assertTrue(Devices.isLogical("mapper/root_1"));
        assertTrue(Devices.isLogical("loop1"));
        assertFalse(Devices.isLogical("sda"));
        assertFalse(Devices.isLogical("nvme0n1"));
        assertFalse(Devices.isLogical("mmcblk0"));
    }

    @Test
    void nvmeNamespacesBelongToTheirController() {
        assertEquals("nvme0", Devices.nvmeController("nvme0n1"));
        assertEquals("nvme12", Devices.nvmeController("nvme12n3"));
        // native multipath: nvme1c0n1 is subsystem 1's namespace 1 seen through controller nvme0
        assertEquals("nvme0", Devices.nvmeController("nvme1c0n1"));
        assertEquals(null, Devices.nvmeController("sda"));
    }

    @ParameterizedTest
    @CsvSource({"8, 0, sda", "8, 17, sdb", "8, 240, sdp", "65, 0, sdq", "65, 160, sdaa", "71, 240, sddx", "128, 0, sddy"})
    void scsiDisksByDeviceNumber(int major, int minor, String name) {
        assertEquals(name, Devices.sdByNumber(major, minor));
    }

    @Test
    void otherMajorsHaveNoFixedName() {
        assertEquals(null, Devices.sdByNumber(259, 0));
        assertEquals(null, Devices.sdByNumber(253, 3));
    }
}
