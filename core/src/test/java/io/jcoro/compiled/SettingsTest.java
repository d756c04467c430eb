package io.jcoro.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import io.jcoro.Yielder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A wrong setting fails with one clear exception naming the fix, at every use, never only once. */
@Tag("compiler")
class SettingsTest {

    /** Makes generators three times and prints what each attempt gave. */
    public static final class Probe {
        static void helper(Yielder<Integer, Void> y) {
            y.yield(1);
        }

        public static void main(String[] args) {
            for (int i = 0; i < 2; i++) {
                try {
                    System.out.println("shaped: " + Generator.of(y -> y.yield(1)).mechanism());
                } catch (RuntimeException e) {
                    System.out.println("shaped: " + e);
                }
            }
            try {
                Generator<Integer, Void, Void> g = Generator.of(y -> helper(y));
                System.out.println("stackful: " + g.mechanism() + " " + g.next());
            } catch (RuntimeException e) {
                System.out.println("stackful: " + e);
            }
        }
    }

    private static List<String> probe(String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("shaped:") || l.startsWith("stackful:")).toList();
    }

    @Test
    void aMisspeltCompileSetting_failsEveryUse_withTheValuesItTakes() throws Exception {
        String error = "java.lang.IllegalStateException: -Djcoro.compile=ture: expected true, false or require";
        assertEquals(List.of("shaped: " + error, "shaped: " + error, "stackful: " + error),
                probe("-Djcoro.compile=ture"));
    }

    @Test
    void aMisspeltBackendSetting_failsEveryUse_withTheValuesItTakes() throws Exception {
        String error = "java.lang.IllegalStateException: -Djcoro.backend=continuations: expected continuation or"
                + " virtual-thread (or no -Djcoro.backend at all)";
        assertEquals(List.of("shaped: " + error, "shaped: " + error, "stackful: " + error),
                probe("-Djcoro.backend=continuations"));
    }

    @Test
    void theContinuationBackendWithoutTheExport_failsEveryUse_namingTheFlag() throws Exception {
        List<String> lines = probe("-Djcoro.backend=continuation");
        assertEquals(3, lines.size(), lines.toString());
        for (String l : lines) {
            assertTrue(l.contains("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"), l);
        }
        assertEquals(lines.get(0).substring("shaped: ".length()), lines.get(2).substring("stackful: ".length()));
    }

    @Test
    void withNoSettings_pythonShapedBodiesCompile_andTheOthersRunOnVirtualThreads() throws Exception {
        // no --add-exports in the child: the continuation backend is out of reach on every JDK
        assertEquals(List.of("shaped: COMPILED", "shaped: COMPILED", "stackful: VIRTUAL_THREAD 1"),
                probe("-Djava.util.logging.config.file=/dev/null"));
    }
}
