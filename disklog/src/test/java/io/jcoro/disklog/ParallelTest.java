package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.disklog.gen.Format;
import io.jcoro.disklog.gen.LogGenerator;
import io.jcoro.disklog.read.Tuning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A big file read by several workers gives exactly what one pass gives: the same JSON, byte for byte, and the
 * same messages. Small segments (a few KB) make many cuts, so continuations, gaps and line numbers cross them.
 */
class ParallelTest {
    @TempDir
    Path dir;

    static Run both(Path file, String... args) {
        Run one = Run.tuned(new Tuning(1, 64L << 20, 8L << 20), args);
        Run many = Run.tuned(new Tuning(3, 1, 4099), args);
        assertEquals(one.out(), many.out(), "stdout of one pass and of workers, for " + file);
        assertEquals(one.err(), many.err());
        assertEquals(one.status(), many.status());
        return many;
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void workersGiveWhatOnePassGives(Format f) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        LogGenerator.generate(LogGenerator.Options.of(11, 300_000, f).withEvents(40), b);
        Path p = Files.write(dir.resolve("kern.log"), b.toByteArray());
        Run r = both(p, "--json", "--explain", p.toString());
        assertTrue(r.drives().size() >= 3, r.out());
    }

    @Test
    void theSampleAndItsContinuationsAcrossCuts() throws IOException {
        Path p = Run.resource("sample-kern.log");
        assertEquals(InputsTest.ANSWER, both(p, "--json", p.toString()).serials());
        both(p, "--explain", p.toString());
    }

    @Test
    void longLinesNulBytesAndBinaryLinesAreCountedTheSame() throws IOException {
        String s = new String(InputsTest.sample(), StandardCharsets.UTF_8);
        int at = s.indexOf("[ 7210.883402]");
        byte[] huge = new byte[200_000];
        Arrays.fill(huge, (byte) 'x');
        huge[huge.length - 1] = '\n';
        byte[] nul = new byte[3000];
        String bin = s.replace("[ 3605.214339] XFS (sda1): Unmount and run xfs_repair",
                "[ 3605.214339] XFS (sda1): \u0001\u0002\u0003\u0004 binary \u0005\u0006");
        byte[] data = InputsTest.concat(bin.substring(0, at).getBytes(StandardCharsets.UTF_8), huge, nul,
                bin.substring(at).getBytes(StandardCharsets.UTF_8));
        Path p = Files.write(dir.resolve("bad.log"), data);
        Run r = both(p, "--json", p.toString());
        assertEquals(InputsTest.ANSWER, r.serials());
        assertEquals(3, r.errLines().size(), r.err());
    }

    @Test
    void aFileTruncatedWhileTheWorkersReadItIsAReadErrorAndTheLinesBeforeAreKept() throws IOException {
        PlainFileTest.assertTruncationIsAReadError(PlainFileTest.bigLog(dir), new Tuning(2, 1, 65536));
    }

    @Test
    void aLogBiggerThanTheOnePassReadAheadGivesTheSameAnswer() throws IOException {
        Path p = PlainFileTest.bigLog(dir);
        both(p, "--json", "--explain", p.toString());
    }
}
