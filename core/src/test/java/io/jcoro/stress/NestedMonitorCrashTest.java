package io.jcoro.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Backend;
import io.jcoro.Generator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * User code must never crash the JVM. Each test runs shapes of nested generators under {@code synchronized} in a
 * child JVM (a crash there fails the test instead of killing the test run) and checks it exits normally with the
 * right answers.
 */
@Tag("stackful")
class NestedMonitorCrashTest {

    private static final String EXPORTS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";

    /** The default backend (no property) runs every shape, caller-held monitors included. */
    @Test
    void defaultBackend_runsEveryShapeWithoutCrashing() throws Exception {
        Backend chosen = defaultBackendInChild();
        List<String> shapes = new ArrayList<>(List.of("three", "bodies", "walk", "vthree", "vbodies", "vwalk"));
        if (chosen == Backend.CONTINUATION) {
            shapes.addAll(List.of("same", "vsame"));
        }
        Result r = child(null, NestedMonitorShapes.class, shapes);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("all shapes ok on " + chosen), r.output);
    }

    /**
     * The continuation backend, forced, with monitors held only inside generator bodies: a tree walk 1,000 deep
     * and three levels of next() under synchronized, on a platform thread and on a virtual thread. The trampoline
     * never nests continuations, so these are safe.
     */
    @Test
    void continuationBackend_monitorsInsideBodies_areSafe() throws Exception {
        Result r = child("continuation", NestedMonitorShapes.class, List.of("bodies", "walk", "vbodies", "vwalk"));
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("all shapes ok on CONTINUATION"), r.output);
    }

    /** The virtual-thread backend runs the nested shapes, caller-held monitors included. */
    @Test
    void virtualThreadBackend_nestedShapesUnderMonitors_areSafe() throws Exception {
        Result r = child("virtual-thread", NestedMonitorShapes.class,
                List.of("three", "bodies", "walk", "vthree", "vbodies", "vwalk"));
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("all shapes ok on VIRTUAL_THREAD"), r.output);
    }

    /**
     * The canary: whether this JVM survives raw continuations switched under a caller's monitor, with no jcoro code.
     * Where it crashes, jcoro must not choose the continuation backend by default. If a future JDK fixes the bug,
     * this test says so (the default can then be relaxed).
     */
    @Test
    void defaultBackend_isNotContinuation_whereTheJvmCrashesUnderCallerMonitors() throws Exception {
        Result raw = child(null, RawContinuationUnderMonitor.class, List.of());
        boolean survived = raw.exit == 0 && raw.output.contains("survived");
        Backend chosen = defaultBackendInChild();
        if (!survived) {
            assertTrue(raw.output.contains("SIGSEGV") || raw.exit != 0, raw.output);
            assertEquals(Backend.VIRTUAL_THREAD, chosen,
                    "this JVM crashes on continuations under a caller's monitor; the default must avoid them");
        }
    }

    private static Backend defaultBackendInChild() throws Exception {
        Result r = child(null, PrintBackend.class, List.of());
        assertEquals(0, r.exit, r.output);
        return Backend.valueOf(r.output.lines().filter(l -> l.startsWith("backend=")).findFirst()
                .orElseThrow().substring("backend=".length()));
    }

    /** Prints the backend chosen without any property. */
    public static final class PrintBackend {
        public static void main(String[] args) {
            System.out.println("backend=" + Generator.backend());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result child(String backend, Class<?> main, List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, EXPORTS, "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + File.separator + "jcoro_hs_err_%p.log"));
        if (backend != null) {
            // the shapes' bodies are Python-shaped: without this they would be compiled, not run on the backend
            cmd.add("-Djcoro.backend=" + backend);
            cmd.add("-Djcoro.compile=false");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after 120 s: " + String.join(" ", cmd));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.exitValue(), out);
    }
}
