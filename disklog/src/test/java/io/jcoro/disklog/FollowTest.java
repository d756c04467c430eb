package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --follow, run as a real process on a real file: drives are reported as they start failing, and the follow
 * survives a rotation (mv + new file) and a truncation, like tail -F.
 */
class FollowTest {
    @TempDir
    Path dir;

    @Test
    void reportsEachNewlyFailingDriveAsItAppearsThroughRotationAndTruncation() throws Exception {
        List<String> sample = Files.readAllLines(Run.resource("sample-kern.log"));
        Path log = dir.resolve("kern.log");
        Files.write(log, sample.subList(0, 140));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.jcoro.disklog.Main", "--follow", "--poll", "50", log.toString())
                .redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> pump(p.getInputStream(), out));
        reader.start();
        try {
            await(out, "ZC18K2QJ");
            await(out, "ZA1FN3R7");
            assertTrue(!out.toString().contains("ZA1GQ8VD"), "not yet failing: " + out);

            Files.write(log, sample.subList(140, sample.size()), StandardOpenOption.APPEND);
            await(out, "S439NE0N201842");
            await(out, "ZA1GQ8VD");

            // logrotate: the file moves away, a new one takes its name
            Files.move(log, dir.resolve("kern.log.1"));
            Files.write(log, List.of(
                    "[20000.100000] scsi 5:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5",
                    "[20000.100100] sd 5:0:0:0 (SERIAL=ROTATED1)",
                    "[20000.100200] sd 5:0:0:0: [sdf] Attached SCSI disk",
                    "[20100.000000] blk_update_request: I/O error, dev sdf, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0"));
            await(out, "ROTATED1");

            // truncation: the same file starts again from nothing
            Files.write(log, List.of(
                    "[20200.100000] scsi 6:0:0:0: Direct-Access     ATA      ST4000NM0035-1V4 TN03 PQ: 0 ANSI: 5",
                    "[20200.100100] sd 6:0:0:0 (SERIAL=TRUNCATED1)",
                    "[20200.100200] sd 6:0:0:0: [sdg] Attached SCSI disk",
                    "[20300.000000] XFS (sdg1): log I/O error -5"), StandardOpenOption.TRUNCATE_EXISTING);
            await(out, "TRUNCATED1");
            assertTrue(!out.toString().contains("Exception"), out.toString());
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
            reader.join(5000);
        }
    }

    /** disklog --follow on {@code log}, as a process of its own (signals reach it), stdout and stderr merged. */
    private static Process follow(Path log, StringBuilder out, Thread[] reader) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.jcoro.disklog.Main", "--follow", "--poll", "50", log.toString())
                .redirectErrorStream(true).start();
        reader[0] = new Thread(() -> pump(p.getInputStream(), out));
        reader[0].start();
        return p;
    }

    private static int signal(Process p, String signal, Thread reader) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ended on SIG" + signal);
        reader.join(5000);
        return p.exitValue();
    }

    @Test
    void onSigintItPrintsTheSummaryAndExitsOneWhenDrivesFailed() throws Exception {
        List<String> sample = Files.readAllLines(Run.resource("sample-kern.log"));
        Path log = dir.resolve("kern.log");
        Files.write(log, sample);
        StringBuilder out = new StringBuilder();
        Thread[] reader = new Thread[1];
        Process p = follow(log, out, reader);
        try {
            await(out, "ZA1GQ8VD");
            int status = signal(p, "INT", reader[0]);
            assertEquals(1, status, out.toString());
            String text = out.toString();
            assertTrue(text.contains("\nStopped. Summary:\n"), text);
            String summary = text.substring(text.indexOf("Stopped. Summary:"));
            assertTrue(summary.contains(Run.of(Run.resource("sample-kern.log").toString()).out()), text);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void onSigtermItExitsZeroWhenNothingFailed() throws Exception {
        Path log = dir.resolve("kern.log");
        Files.write(log, List.of("[    1.000000] sd 0:0:0:0: [sda] Attached SCSI disk"));
        StringBuilder out = new StringBuilder();
        Thread[] reader = new Thread[1];
        Process p = follow(log, out, reader);
        try {
            Thread.sleep(1500); // (started, and reading)
            int status = signal(p, "TERM", reader[0]);
            assertEquals(0, status, out.toString());
            assertTrue(out.toString().contains("Stopped. Summary:\nNo failing drives found (1 line read from 1 input)."),
                    out.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aDrivesRowIsShownAgainWhenItsCountChanges() throws Exception {
        List<String> sample = Files.readAllLines(Run.resource("sample-kern.log"));
        Path log = dir.resolve("kern.log");
        Files.write(log, sample.subList(0, 140));
        StringBuilder out = new StringBuilder();
        Thread[] reader = new Thread[1];
        Process p = follow(log, out, reader);
        try {
            await(out, "ZC18K2QJ");
            Thread.sleep(600); // a quiet spell: the rows are up to date
            String before = out.toString();
            long rows = before.lines().filter(l -> l.startsWith("ZC18K2QJ")).count();
            Files.write(log, List.of(
                    "[ 7500.000000] XFS (sda1): log I/O error -5",
                    "[ 7500.000100] XFS (sda1): log I/O error -5"), StandardOpenOption.APPEND);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                synchronized (out) {
                    if (out.toString().lines().filter(l -> l.startsWith("ZC18K2QJ")).count() > rows) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            String last = out.toString().lines().filter(l -> l.startsWith("ZC18K2QJ")).reduce((a, b) -> b).orElseThrow();
            assertTrue(last.matches("ZC18K2QJ .* 5( .*)?"), "shown again with its new count: " + out);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void aMissingFileIsSaidAndWaitedForAsTailDashFDoes() throws Exception {
        Path log = dir.resolve("later.log");
        StringBuilder out = new StringBuilder();
        Thread[] reader = new Thread[1];
        Process p = follow(log, out, reader);
        try {
            await(out, "disklog: " + log + ": no such file; waiting for it to appear");
            Files.write(log, Files.readAllLines(Run.resource("sample-kern.log")));
            await(out, "disklog: " + log + ": has appeared; following it");
            await(out, "ZA1GQ8VD");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static void await(StringBuilder out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (out) {
                if (out.toString().contains(text)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        synchronized (out) {
            throw new AssertionError("no '" + text + "' within 30 s; output so far:\n" + out);
        }
    }

    private static void pump(InputStream in, StringBuilder out) {
        byte[] b = new byte[4096];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                synchronized (out) {
                    out.append(new String(b, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
