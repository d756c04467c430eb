package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order inputs are read in: each host's files oldest first whatever the order on the command line, and each
 * file once. A binding made in an older file must never be applied to an error in a newer one backwards in time.
 */
class OrderTest {
    @TempDir
    Path dir;

    static List<String> lines(String resource) throws IOException {
        return Files.readAllLines(Run.resource(resource));
    }

    Path write(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, InputsTest.join(lines));
        return p;
    }

    /** The test sample (dmesg lines: no dates, no host) cut in three as logrotate would. */
    List<Path> rotated() throws IOException {
        List<String> l = lines("sample-kern.log");
        Path old = dir.resolve("kern.log.2.gz");
        Files.write(old, InputsTest.compress("gz", InputsTest.join(l.subList(0, 110))));
        return List.of(old, write("kern.log.1", l.subList(110, 150)), write("kern.log", l.subList(150, l.size())));
    }

    @Test
    void aRotatedSetGivenNewestFirstIsReadOldestFirst() throws IOException {
        List<Path> r = rotated();
        Run newestFirst = Run.of("--json", r.get(2).toString(), r.get(1).toString(), r.get(0).toString());
        assertEquals(InputsTest.ANSWER, newestFirst.serials(), newestFirst.err());
        assertEquals("", newestFirst.err());
        Run shuffled = Run.of("--json", r.get(1).toString(), r.get(2).toString(), r.get(0).toString());
        assertEquals(InputsTest.ANSWER, shuffled.serials());
    }

    @Test
    void givenOrderReadsAsTold() throws IOException {
        List<Path> r = rotated();
        Run backwards = Run.of("--json", "--given-order", r.get(2).toString(), r.get(1).toString(), r.get(0).toString());
        assertNotEquals(InputsTest.ANSWER, backwards.serials(), "read backwards, the bindings come after the errors");
    }

    @Test
    void aShellGlobOfARotatedSetReadsTheSameAsTheOrderedSet() throws IOException {
        rotated();
        // bin/disklog kern.log* : the shell sorts the names, kern.log first
        Run r = Run.of("--json", dir.resolve("kern.log").toString(), dir.resolve("kern.log.1").toString(),
                dir.resolve("kern.log.2.gz").toString());
        assertEquals(InputsTest.ANSWER, r.serials());
    }

    @Test
    void datedRotationsAreOrderedByTheirDates() throws IOException {
        List<String> l = lines("sample-kern.log");
        Path a = write("messages-20240901", l.subList(0, 110));
        Path b = write("messages-20240908", l.subList(110, 150));
        Path c = write("messages", l.subList(150, l.size()));
        assertEquals(InputsTest.ANSWER, Run.of("--json", c.toString(), b.toString(), a.toString()).serials());
    }

    /** The bundled syslog sample (dates in every line), cut in two files whose names say nothing about their age. */
    @Test
    void filesWhoseNamesSayNothingAreOrderedByTheDatesInTheirLines() throws IOException {
        List<String> l = Files.readAllLines(Path.of("..", "data", "sample-kern.log"));
        int cut = l.size() / 2;
        Path first = write("part-b.log", l.subList(0, cut));
        Path second = write("part-a.log", l.subList(cut, l.size()));
        Run whole = Run.of("--json", Path.of("..", "data", "sample-kern.log").toString());
        Run r = Run.of("--json", second.toString(), first.toString());
        assertEquals(whole.serials(), r.serials());
        assertEquals("", r.err());
    }

    @Test
    void aYearlessSyslogDateTakesItsYearFromTheFilesTime() throws IOException {
        // December's file was last written on January 2nd: its "Dec 31" is of the year before "Jan  1"
        Path dec = write("december.log", List.of(
                "Dec 31 23:59:00 web1 kernel: [    8.424652] scsi 0:0:0:0: Direct-Access     ATA      ST4000NE001-2MA1 EN01 PQ: 0 ANSI: 5",
                "Dec 31 23:59:00 web1 kernel: [    8.424700] sd 0:0:0:0: (SERIAL=NEWYEAR1)",
                "Dec 31 23:59:01 web1 kernel: [    8.433244] sd 0:0:0:0: [sda] Attached SCSI disk"));
        Path jan = write("january.log", List.of(
                "Jan  1 00:10:00 web1 kernel: [  668.000000] XFS (sda1): log I/O error -5"));
        Files.setLastModifiedTime(dec, FileTime.fromMillis(java.time.Instant.parse("2025-01-02T00:00:00Z").toEpochMilli()));
        Files.setLastModifiedTime(jan, FileTime.fromMillis(java.time.Instant.parse("2025-01-05T00:00:00Z").toEpochMilli()));
        assertEquals(List.of("NEWYEAR1"), Run.of("--json", jan.toString(), dec.toString()).serials());
    }

    @Test
    void whenTheOrderCannotBeToldANoteNamesTheFiles() throws IOException {
        List<String> l = lines("sample-kern.log");
        Path a = write("capture-one.txt", l.subList(0, 110));
        Path b = write("capture-two.txt", l.subList(110, l.size()));
        Run r = Run.of("--json", a.toString(), b.toString());
        assertEquals(InputsTest.ANSWER, r.serials(), "read in the order given");
        assertEquals(List.of("disklog: cannot tell which is older of " + a + ", " + b
                + " (not one rotated log, and not all of their lines show dates): read in the order given"), r.errLines());
    }

    @Test
    void theNamesAndTheDatesDisagreeTheDatesWin() throws IOException {
        List<String> l = Files.readAllLines(Path.of("..", "data", "sample-kern.log"));
        int cut = l.size() / 2;
        Path older = write("kern.log", l.subList(0, cut)); // renamed by hand: the live name on the older half
        Path newer = write("kern.log.1", l.subList(cut, l.size()));
        Run whole = Run.of("--json", Path.of("..", "data", "sample-kern.log").toString());
        Run r = Run.of("--json", newer.toString(), older.toString());
        assertEquals(whole.serials(), r.serials());
        assertEquals(List.of("disklog: " + older + ", " + newer
                + ": the rotation suffixes and the times in the lines disagree; read by the times"), r.errLines());
    }

    @Test
    void theSameFileTwiceIsReadOnce() throws IOException {
        Path log = Files.write(dir.resolve("kern.log"), InputsTest.sample());
        Run r = Run.of("--json", log.toString(), log.toString());
        assertEquals(InputsTest.ANSWER, r.serials());
        assertEquals(List.of("disklog: " + log + ": the same file as " + log + "; read once"), r.errLines());
        Run once = Run.of("--json", log.toString());
        assertEquals(once.drives().get(1).get("count"), r.drives().get(1).get("count"), "counts not doubled");
        assertEquals(1, r.status());
    }

    @Test
    void aLinkToTheSameFileIsTheSameFile() throws IOException {
        Path log = Files.write(dir.resolve("kern.log"), InputsTest.sample());
        Path link = Files.createLink(dir.resolve("kern.log.hardlink"), log);
        Path sym = Files.createSymbolicLink(dir.resolve("current"), log);
        Run r = Run.of("--json", log.toString(), link.toString(), sym.toString());
        assertEquals(InputsTest.ANSWER, r.serials());
        assertEquals(List.of("disklog: " + link + ": the same file as " + log + "; read once",
                "disklog: " + sym + ": the same file as " + log + "; read once"), r.errLines());
    }

    @Test
    void aCopyAndACompressedCopyAreTheSameContent() throws IOException {
        byte[] big = bigLog();
        Path log = Files.write(dir.resolve("kern.log"), big);
        Path copy = Files.write(dir.resolve("backup.log"), big);
        Path gz = Files.write(dir.resolve("kern.log.gz"), InputsTest.compress("gz", big));
        Run r = Run.of("--json", log.toString(), copy.toString(), gz.toString());
        assertEquals(List.of("disklog: " + copy + ": the same content as " + log + "; read once",
                "disklog: " + gz + ": the same content as " + log + "; read once"), r.errLines());
        assertEquals(Run.of("--json", log.toString()).out(), r.out());
    }

    @Test
    void aCopyTakenEarlierIsTheBeginningOfTheLogAndReadAsPartOfIt() throws IOException {
        byte[] big = bigLog();
        int cut = new String(big, StandardCharsets.ISO_8859_1).indexOf('\n', big.length * 2 / 3) + 1;
        Path early = Files.write(dir.resolve("kern.log.yesterday-copy"), java.util.Arrays.copyOf(big, cut));
        Path log = Files.write(dir.resolve("kern.log"), big);
        Run r = Run.of("--json", early.toString(), log.toString());
        assertEquals(List.of("disklog: " + early + ": the beginning of " + log
                + " (a copy taken earlier?); read once, as part of it"), r.errLines());
        assertEquals(Run.of("--json", log.toString()).out(), r.out());
    }

    @Test
    void aTreeLeavesOutBinaryFilesWithOneNote() throws IOException {
        write("web1/kern.log", lines("sample-kern.log"));
        byte[] wtmp = new byte[4096];
        new java.util.Random(3).nextBytes(wtmp);
        Files.write(dir.resolve("wtmp"), wtmp);
        Files.write(dir.resolve("web1/system.journal"), new byte[] {'L', 'P', 'K', 'S', 'H', 'H', 'R', 'H', 0, 0, 1, 2, 3});
        Run r = Run.of("--json", dir.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals(InputsTest.ANSWER, r.serials());
        assertEquals(List.of("disklog: " + dir + "/web1/system.journal, " + dir + "/wtmp: binary, not text logs (skipped);"
                + " read journal files with journalctl -o json --file FILE | disklog -"), r.errLines());
    }

    @Test
    void aTreesRotatedFilesAreReadOldestFirstPerHost() throws IOException {
        List<String> l = lines("sample-kern.log");
        write("web1/kern.log", l.subList(150, l.size()));
        write("web1/kern.log.1", l.subList(110, 150));
        Files.write(Files.createDirectories(dir.resolve("web1")).resolve("kern.log.2.gz"),
                InputsTest.compress("gz", InputsTest.join(l.subList(0, 110))));
        Run r = Run.of("--json", dir.toString());
        assertEquals(InputsTest.ANSWER, r.serials(), r.err());
        assertTrue(r.drives().stream().allMatch(d -> d.get("host").asText().equals("web1")), r.out());
    }

    @Test
    void twoFilesOfOneHostThatCoverTheSameTimeAreSaidToCountTwice() throws IOException {
        // rsyslog writes the kernel's lines to kern.log and to syslog: both are read, so the note
        List<String> l = Files.readAllLines(Path.of("..", "data", "sample-kern.log"));
        write("node07/kern.log", l);
        List<String> syslog = new java.util.ArrayList<>(l);
        syslog.add(1, l.get(0).replace(" kernel: ", " sshd[12]: ").replaceAll("\\[ *[0-9.]+\\] .*", "Accepted publickey for root"));
        write("node07/syslog", syslog);
        Run r = Run.of("--json", dir.toString());
        assertEquals(List.of("disklog: " + dir + "/node07/kern.log and " + dir + "/node07/syslog cover the same time (a"
                + " syslog file and kern.log both hold the kernel's lines?): both are read, their errors counted in each"),
                r.errLines());
    }

    /** A generated dmesg log of a few hundred KB: bigger than what the plan looks at, first and last. */
    static byte[] bigLog() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        io.jcoro.disklog.gen.LogGenerator.generate(io.jcoro.disklog.gen.LogGenerator.Options.of(4, 400_000,
                io.jcoro.disklog.gen.Format.DMESG), b);
        return b.toByteArray();
    }
}
