package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Inputs: compressed, several files as one stream, standard input; and every kind of bad input. */
class InputsTest {
    static final List<String> ANSWER = List.of("ZC18K2QJ", "ZA1FN3R7", "S439NE0N201842", "ZA1GQ8VD");

    @TempDir
    Path dir;

    /** The 1-based number of the line that holds {@code text}. */
    static long lineOf(String log, String text) {
        int at = log.indexOf(text);
        return log.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static byte[] sample() throws IOException {
        return Files.readAllBytes(Run.resource("sample-kern.log"));
    }

    static byte[] compress(String format, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = switch (format) {
            case "gz" -> new GZIPOutputStream(b);
            case "xz" -> new XZOutputStream(b, new LZMA2Options());
            case "zst" -> new ZstdOutputStream(b);
            case "bz2" -> new BZip2CompressorOutputStream(b);
            default -> throw new IllegalArgumentException(format);
        }) {
            o.write(data);
        }
        return b.toByteArray();
    }

    Path write(String name, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p;
    }

    static void assertNoStackTrace(Run r) {
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "xz", "zst", "bz2"})
    void compressedFilesGiveTheSameAnswer(String format) throws IOException {
        // a misleading name on purpose: the format is found from the bytes, not the extension
        Path p = write("kern.log.1", compress(format, sample()));
        Run r = Run.of("--json", p.toString());
        assertEquals(ANSWER, r.serials(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void compressedStandardInputIsReadToo() throws IOException {
        assertEquals(ANSWER, Run.withStdin(compress("gz", sample()), "--json", "-").serials());
    }

    @Test
    void severalFilesOldestFirstAreOneStream() throws IOException {
        // the serial and binding lines are in the oldest file, the errors in the newer ones
        List<String> lines = new String(sample(), StandardCharsets.UTF_8).lines().toList();
        Path old = write("kern.log.2.gz", compress("gz", join(lines.subList(0, 110))));
        Path mid = write("kern.log.1", join(lines.subList(110, 150)));
        Path now = write("kern.log", join(lines.subList(150, lines.size())));
        Run r = Run.of("--json", old.toString(), mid.toString(), now.toString());
        assertEquals(ANSWER, r.serials(), r.err());
        // the errors of the newest file carry its name and line numbers
        String last = r.drives().get(3).get("last").toString();
        assertTrue(last.contains("kern.log\"") && last.contains("\"line\":"), last);
    }

    static byte[] join(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void standardInputWithDashOrNoArgument() throws IOException {
        assertEquals(ANSWER, Run.withStdin(sample(), "--json", "-").serials());
        assertEquals(ANSWER, Run.withStdin(sample(), "--json").serials());
    }

    @Test
    void aMissingFileIsOneLineAndTheOthersAreStillReported() throws IOException {
        Path good = write("kern.log", sample());
        Run r = Run.of("--json", dir.resolve("nope.log").toString(), good.toString());
        assertEquals(2, r.status());
        assertEquals(ANSWER, r.serials());
        assertEquals(List.of("disklog: " + dir.resolve("nope.log") + ": no such file"), r.errLines());
    }

    @Test
    void aDirectoryWithNoFilesIsOneLine() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("remote"));
        Path good = write("kern.log", sample());
        Run r = Run.of("--json", empty.toString(), good.toString());
        assertEquals(2, r.status());
        assertEquals(ANSWER, r.serials());
        assertEquals(List.of("disklog: " + empty + ": no files in this directory"), r.errLines());
    }

    @Test
    void anUnreadableFileIsOneLine() throws IOException {
        Path good = write("kern.log", sample());
        Path secret = write("secret.log", sample());
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(secret), "running as root: permissions do not stop reads");
        Run r = Run.of("--json", secret.toString(), good.toString());
        assertEquals(2, r.status());
        assertEquals(ANSWER, r.serials());
        assertEquals(List.of("disklog: " + secret + ": permission denied"), r.errLines());
    }

    @Test
    void aFileThatFailsToReadIsOneLine() throws IOException {
        // reading /proc/self/mem at offset 0 fails with an I/O error, even for root
        Path mem = Path.of("/proc/self/mem");
        assumeTrue(Files.exists(mem));
        Path good = write("kern.log", sample());
        Run r = Run.of("--json", mem.toString(), good.toString());
        assertEquals(2, r.status());
        assertEquals(ANSWER, r.serials());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("disklog: /proc/self/mem: "), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void binaryDataIsSkippedWithOneLine() throws IOException {
        byte[] elf = new byte[200_000];
        new java.util.Random(1).nextBytes(elf);
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        Path bin = write("disklog.bin", elf);
        Path good = write("kern.log", sample());
        Run r = Run.of("--json", bin.toString(), good.toString());
        assertEquals(2, r.status());
        assertEquals(ANSWER, r.serials());
        assertEquals(List.of("disklog: " + bin + ": binary data, not a text log (skipped)"), r.errLines());
    }

    @Test
    void binaryLinesInsideALogAreSkippedAndCounted() throws IOException {
        String s = new String(sample(), StandardCharsets.UTF_8);
        s = s.replace("[ 3605.214339] XFS (sda1): Unmount and run xfs_repair",
                "[ 3605.214339] XFS (sda1): \u0001\u0002\u0003\u0004 binary \u0005\u0006");
        Run r = Run.withStdin(s.getBytes(StandardCharsets.UTF_8), "--json");
        assertEquals(1, r.status());
        assertEquals(ANSWER, r.serials());
        assertEquals(List.of("disklog: (standard input): 1 line of binary data skipped (first: line "
                + lineOf(s, "binary \u0005") + ")"), r.errLines());
    }

    @Test
    void nulBytesFromACrashAreSkippedWithOneLine() throws IOException {
        String s = new String(sample(), StandardCharsets.UTF_8);
        int at = s.indexOf("[ 7210.883402]");
        byte[] nul = new byte[4096];
        byte[] data = concat(s.substring(0, at).getBytes(StandardCharsets.UTF_8), nul,
                s.substring(at).getBytes(StandardCharsets.UTF_8));
        Run r = Run.withStdin(data, "--json");
        assertEquals(ANSWER, r.serials());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).contains("4096 NUL bytes skipped (first: line " + lineOf(s, "[ 7210.883402]") + ";"),
                r.err());
    }

    @Test
    void invalidUtf8IsReadWithReplacementAndReported() throws IOException {
        String s = new String(sample(), StandardCharsets.UTF_8);
        int at = s.indexOf("inode 0x2000085 dinode") + "inode 0x2000085 ".length();
        byte[] data = concat(s.substring(0, at).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xc3, ' '},
                s.substring(at).getBytes(StandardCharsets.UTF_8));
        Path p = write("latin.log", data);
        Run r = Run.of("--json", p.toString());
        assertEquals(1, r.status());
        assertEquals(ANSWER, r.serials());
        assertEquals(List.of("disklog: " + p + ": 1 line not valid UTF-8 (first: line " + lineOf(s, "Metadata corruption detected")
                + "); read with U+FFFD for the bad bytes"),
                r.errLines());
        assertTrue(r.out().contains("\uFFFD"));
    }

    @Test
    void aHundredMegabyteLineIsCutAndReportedAndTheRestIsRead() throws IOException {
        String s = new String(sample(), StandardCharsets.UTF_8);
        int at = s.indexOf("[ 7210.883402]");
        byte[] huge = new byte[100 << 20];
        Arrays.fill(huge, (byte) 'x');
        huge[huge.length - 1] = '\n';
        Path p = write("huge.log", concat(s.substring(0, at).getBytes(StandardCharsets.UTF_8), huge,
                s.substring(at).getBytes(StandardCharsets.UTF_8)));
        Run r = Run.of("--json", p.toString());
        assertEquals(1, r.status());
        assertEquals(ANSWER, r.serials());
        assertEquals(List.of("disklog: " + p + ": 1 line longer than 65536 bytes (first: line " + lineOf(s, "[ 7210.883402]")
                + ", longest 104857599 bytes);"
                + " only the first 65536 bytes of each were read"), r.errLines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "xz", "zst", "bz2"})
    void aTruncatedCompressedFileReportsTheCutAndWhatCameBefore(String format) throws IOException {
        // the sample, then 2 MB of other lines: a cut at 90% of the compressed file comes after every error
        StringBuilder more = new StringBuilder();
        for (int i = 0; more.length() < 2 << 20; i++) {
            more.append("[20000.").append(100000 + i % 900000).append("] eth0: link up, line ").append(i * 7919L % 100003).append('\n');
        }
        byte[] full = compress(format, concat(sample(), more.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] cut = Arrays.copyOf(full, full.length * 9 / 10);
        Path p = write("kern.log.2." + format, cut);
        Path good = write("kern.log.1", "[    1.0] nothing here\n".getBytes(StandardCharsets.UTF_8));
        Run r = Run.of("--json", p.toString(), good.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("disklog: " + p + ": truncated ") || line.startsWith("disklog: " + p + ": corrupt "), line);
        assertTrue(line.contains("the lines before"), line);
        assertNoStackTrace(r);
        assertEquals(ANSWER, r.serials(), r.out());
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndAHint() {
        Run r = Run.of("--no-such-option");
        assertEquals(2, r.status());
        assertEquals(2, r.errLines().size());
        assertTrue(r.errLines().get(0).startsWith("disklog: Unknown option: '--no-such-option'"), r.err());
        Run twice = Run.of("-", "-");
        assertEquals(2, twice.status());
        assertTrue(twice.err().contains("more than once"));
    }

    @Test
    void helpListsTheExitStatuses() {
        Run r = Run.of("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Exit status:"), r.out());
        assertTrue(r.out().contains("--follow"));
        Run missing = Run.of("--inventory");
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("disklog: Missing required parameter for option '--inventory' (CSV)"), missing.err());
    }

    @Test
    void theHelpTextNamesEveryOptionThatIsNotHidden() {
        // the help is written by picocli from the options' definitions
        String help = Run.of("--help").out();
        for (picocli.CommandLine.Model.OptionSpec o : Cli.commandLine().getCommandSpec().options()) {
            if (!o.hidden()) {
                for (String name : o.names()) {
                    // a negatable option is shown as picocli shows it: --[no-]name
                    String shown = o.negatable() ? "--[no-]" + name.substring(2) : name;
                    assertTrue(help.contains(shown), "the help names " + shown + ":\n" + help);
                }
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void aPipeThatDeliversLittleAtATimeIsReadCompletely() throws IOException {
        byte[] data = sample();
        // one byte per read(): the worst a pipe can do
        var slow = new java.io.FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertEquals(ANSWER, Run.withStdin(slow, "--json").serials());
    }
}
