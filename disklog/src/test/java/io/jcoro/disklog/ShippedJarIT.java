package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shaded jar as it ships (minimized: only the classes disklog reaches), run with java -jar after the package
 * phase: every compression, the help, the sample's answer. A class the minimizer dropped would fail here.
 */
class ShippedJarIT {
    @TempDir
    Path dir;

    static String run(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "disklog.jar").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "gz", "xz", "zst", "bz2"})
    void theJarReadsEveryCompression(String format) throws Exception {
        byte[] sample = InputsTest.sample();
        Path p = dir.resolve("kern.log." + format);
        Files.write(p, format.equals("plain") ? sample : InputsTest.compress(format, sample));
        String out = run(p.toString());
        for (String serial : InputsTest.ANSWER) {
            assertTrue(out.contains(serial), out);
        }
        assertEquals(InputsTest.ANSWER.size() + 1, out.lines().count(), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "--version"})
    void theJarAnswersHelpAndVersion(String option) throws Exception {
        String out = run(option);
        assertTrue(out.contains(option.equals("--help") ? "Exit status:" : "disklog 0.1.0"), out);
    }
}
