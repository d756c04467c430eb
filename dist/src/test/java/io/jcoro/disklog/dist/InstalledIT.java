package io.jcoro.disklog.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a technician meets it: unpacked into a directory of its own, run from another directory, on
 * a copy of the sample, with no JDK, no Maven and no repository on the PATH. It must give the sample's truth (the
 * generator's record of which drives failed), from its shipped start-up cache.
 */
class InstalledIT {
    static final Path OUT = Path.of(System.getProperty("disklog.dist.dir", "target"));
    static final String VERSION = System.getProperty("disklog.dist.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path install;
    @TempDir
    Path work;

    /**
     * The serials of the sample's failed drives whose serial the log gives (the others are reported as serial
     * unknown), from the generator's truth next to it.
     */
    static TreeSet<String> truth() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("..", "data", "sample-kern.truth.txt"))) {
            return lines.filter(l -> !l.startsWith("#") && l.contains("\tserial-in-log\t")).map(l -> l.split("\t")[0])
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static void assumeMade() throws IOException {
        Path why = OUT.resolve(".no-dist");
        assumeTrue(!Files.exists(why), () -> {
            try {
                return "no distribution on this machine: " + Files.readString(why).strip();
            } catch (IOException e) {
                return "no distribution on this machine";
            }
        });
    }

    /** Runs a command in {@code dir} with a bare environment: no JAVA_HOME, a PATH of the system's own tools. */
    static Result run(Path dir, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", dir.toString());
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ended: " + Arrays.toString(cmd));
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    record Result(int status, String out, String err) {
    }

    /** The serials in a --json run's output. */
    static TreeSet<String> serials(String json) {
        TreeSet<String> s = new TreeSet<>();
        for (String line : json.split("\n")) {
            int at = line.indexOf("\"serial\":\"");
            if (at >= 0) {
                s.add(line.substring(at + 10, line.indexOf('"', at + 10)));
            }
        }
        return s;
    }

    @Test
    void theTarballInstalledAnywhereRunsOnTheSampleWithItsOwnRuntime() throws Exception {
        assumeMade();
        Path tarball;
        try (Stream<Path> s = Files.list(OUT)) {
            tarball = s.filter(p -> p.getFileName().toString().matches("disklog-.*-linux-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .tar.gz in " + OUT));
        }
        Result untar = run(install, "tar", "-xzf", tarball.toAbsolutePath().toString());
        assertEquals(0, untar.status(), untar.err());
        Path home = install.resolve("disklog-" + VERSION);
        Path sample = Files.copy(home.resolve("share/disklog/sample-kern.log"), work.resolve("kern.log"));
        Result r = run(work, home.resolve("bin/disklog").toString(), "--json", sample.getFileName().toString());
        assertEquals(1, r.status(), r.err());
        assertEquals(truth(), serials(r.out()));
        assertFalse(r.err().contains("preparing the start-up cache"), "the cache was made when it was built: " + r.err());
        assertTrue(Files.list(home.resolve("lib")).anyMatch(p -> p.toString().endsWith(".aot") || p.toString().endsWith(".jsa")));

        // through a link, as /usr/bin/disklog; the table; --help
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("disklog"), home.resolve("bin/disklog"));
        Result table = run(work, bin.resolve("disklog").toString(), "kern.log");
        assertEquals(1, table.status(), table.err());
        assertTrue(table.out().startsWith("SERIAL "), table.out());
        Result help = run(work, bin.resolve("disklog").toString(), "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().contains("Exit status:"), help.out());
    }

    @Test
    void theDebPackageHoldsTheSameInOptAndALinkInUsrBin() throws Exception {
        assumeMade();
        List<Path> debs = new ArrayList<>();
        try (Stream<Path> s = Files.list(OUT)) {
            s.filter(p -> p.getFileName().toString().endsWith(".deb")).forEach(debs::add);
        }
        assumeTrue(!debs.isEmpty(), "no dpkg-deb on this machine: no .deb was made");
        Path deb = debs.get(0).toAbsolutePath();
        Result info = run(work, "dpkg-deb", "--field", deb.toString(), "Package");
        assertEquals("disklog", info.out().strip(), info.err());
        Result unpack = run(install, "dpkg-deb", "-x", deb.toString(), install.toString());
        assertEquals(0, unpack.status(), unpack.err());
        assertEquals(Path.of("/opt/disklog/bin/disklog"), Files.readSymbolicLink(install.resolve("usr/bin/disklog")));
        Files.copy(install.resolve("opt/disklog/share/disklog/sample-kern.log"), work.resolve("kern.log"));
        Result r = run(work, install.resolve("opt/disklog/bin/disklog").toString(), "--json", "kern.log");
        assertEquals(1, r.status(), r.err());
        assertEquals(truth(), serials(r.out()));
    }
}
