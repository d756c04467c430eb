package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/disklog chooses JVM options from the input's size before the JVM starts; with DISKLOG_DRY_RUN=1 it prints its
 * choice. Each branch: small files (C1 only), big files (C2 for the byte scan only), 2 GB or more and standard input
 * (the vector API too), --follow (neither), option values that are not logs, and the switches that turn each off.
 * Big files are sparse: their size is what counts.
 */
class LauncherTest {
    @TempDir
    static Path dir;

    static Path sized(String name, long bytes) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return p;
    }

    /** The launcher's dry run: its "key: value" lines. */
    static List<String> dryRun(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("..", "bin", "disklog").toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISKLOG_DRY_RUN", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    static List<String> jvm(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("jvm: ")).map(l -> l.substring(5)).toList();
    }

    static boolean c1Only(List<String> jvm) {
        return jvm.contains("-XX:TieredStopAtLevel=1");
    }

    static boolean directives(List<String> jvm) {
        return jvm.stream().anyMatch(o -> o.startsWith("-XX:CompilerDirectivesFile="));
    }

    static boolean vector(List<String> jvm) {
        return jvm.contains("jdk.incubator.vector");
    }

    static boolean vectorModule() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                || java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();
    }

    @Test
    void smallFilesRunWithC1Only() throws Exception {
        List<String> j = jvm(dryRun(Map.of(), sized("small.log", 1 << 20).toString()));
        assertTrue(c1Only(j), j.toString());
        assertFalse(directives(j));
        assertFalse(vector(j));
        assertTrue(j.stream().anyMatch(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile=")), j.toString());
    }

    @Test
    void bigFilesGetC2ForTheByteScanOnly() throws Exception {
        List<String> j = jvm(dryRun(Map.of(), sized("big.log", 100L << 20).toString()));
        assertFalse(c1Only(j));
        assertTrue(directives(j), j.toString());
        assertFalse(vector(j), "under 2 GB the SWAR search finishes first");
    }

    @Test
    void twoGigabytesAndStandardInputGetTheVectorApi() throws Exception {
        List<String> huge = jvm(dryRun(Map.of(), sized("huge.log", 2L << 30).toString()));
        List<String> stdin = jvm(dryRun(Map.of(), "--json"));
        for (List<String> j : List.of(huge, stdin)) {
            assertTrue(directives(j), j.toString());
            assertEquals(vectorModule(), vector(j), j.toString());
        }
        assertTrue(jvm(dryRun(Map.of(), "-")).containsAll(stdin));
    }

    @Test
    void followGetsNeitherTheDirectivesNorTheVectorApi() throws Exception {
        List<String> j = jvm(dryRun(Map.of(), "--follow", sized("followed.log", 100L << 20).toString()));
        assertFalse(c1Only(j));
        assertFalse(directives(j));
        assertFalse(vector(j));
    }

    @Test
    void anOptionsValueIsNotALog() throws Exception {
        Path big = sized("inventory.csv", 100L << 20);
        List<String> lines = dryRun(Map.of(), "--inventory", big.toString(), sized("small2.log", 1000).toString());
        assertTrue(lines.contains("input bytes: 1000"), lines.toString());
        assertTrue(c1Only(jvm(lines)));
    }

    @Test
    void theLaunchersValueOptionsAreTheCommandLines() throws Exception {
        String line = dryRun(Map.of(), "--version").get(0);
        assertTrue(line.startsWith("options with values:"), line);
        List<String> launcher = Arrays.stream(line.substring("options with values:".length()).trim().split(" ")).sorted().toList();
        List<String> cli = Cli.optionsWithValues().stream().sorted().toList();
        assertEquals(cli, launcher);
    }

    @Test
    void eachSwitchTurnsItsChoiceOff() throws Exception {
        String big = sized("big2.log", 100L << 20).toString();
        assertFalse(directives(jvm(dryRun(Map.of("DISKLOG_ALL_C2", "1"), big))));
        assertFalse(vector(jvm(dryRun(Map.of("DISKLOG_NO_VECTOR", "1"), "-"))));
        assertEquals(vectorModule(), vector(jvm(dryRun(Map.of("DISKLOG_VECTOR_MIN_MB", "0"), big))));
        List<String> noCache = jvm(dryRun(Map.of("DISKLOG_NO_CACHE", "1"), big));
        assertFalse(noCache.stream().anyMatch(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile=")));
        assertTrue(jvm(dryRun(Map.of("DISKLOG_JAVA_OPTS", "-Xmx2g"), big)).contains("-Xmx2g"));
    }

    @Test
    void helpAndVersionNeverWaitForTheStartUpCache() throws Exception {
        for (String quick : List.of("--help", "-h", "--version", "-V")) {
            List<String> lines = dryRun(Map.of(), quick);
            assertTrue(lines.contains("start-up cache preparation: not for --help or --version"), lines.toString());
            assertTrue(c1Only(jvm(lines)), "nothing to compile: " + lines);
            assertFalse(vector(jvm(lines)), lines.toString());
        }
        assertTrue(dryRun(Map.of(), "--json").contains("start-up cache preparation: if missing or stale"));
    }

    @Test
    void theArgumentsGoThroughAsGiven() throws Exception {
        List<String> lines = dryRun(Map.of(), "--json", "a b.log");
        assertEquals(List.of("arg: --json", "arg: a b.log"), lines.stream().filter(l -> l.startsWith("arg: ")).toList());
        assertTrue(Files.isDirectory(dir));
    }
}
