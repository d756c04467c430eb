package io.jcoro.bench.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcoro.disklog.gen.Format;
import io.jcoro.disklog.gen.LogGenerator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor benchmark's modes measure what they say only if they see the whole file: every mode counts the same
 * file as a plain count does, the filter mode through disklog's own segments and workers.
 */
class ReadFloorTest {
    @Test
    void everyModeSeesTheWholeFile(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("seed.log");
        try (OutputStream out = Files.newOutputStream(log)) {
            // three of the default 8 MB segments, so that the filter mode's cuts are exercised
            LogGenerator.generate(LogGenerator.Options.of(3, 17_000_000, Format.SEED), out);
        }
        byte[] all = Files.readAllBytes(log);
        long newlines = 0;
        for (byte b : all) {
            if (b == '\n') {
                newlines++;
            }
        }
        assertEquals(all.length, ReadFloor.count("read", log));
        assertEquals(all.length, ReadFloor.count("mapped", log));
        assertEquals(newlines, ReadFloor.count("lines", log));
        assertEquals(newlines, ReadFloor.count("filter", log));
    }

    @Test
    void anUnknownModeIsRefused(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> ReadFloor.count("skim", dir.resolve("none.log")));
    }
}
