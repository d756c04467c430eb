package io.jcoro.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jcoro and the program as named modules, in a child JVM on the module path: a body in a package open to
 * io.jcoro is compiled (jcoro then exports its internal package to that module at run time); one in a package
 * that is not open runs stackful, and require mode names the {@code opens} line that fixes it.
 */
@Tag("compiler")
class NamedModuleTest {

    @TempDir
    static Path dir;

    private static String modulePath;

    private static final String MAIN = """
            package %1$s;
            import io.jcoro.Generator;
            public class Main {
                private static int twice(int v) {
                    return 2 * v;
                }
                public static void main(String[] args) {
                    try {
                        Generator<Integer, Void, Void> g = Generator.of(y -> {
                            for (int i = 1; i <= 3; i++) {
                                y.yield(twice(i));
                            }
                        });
                        StringBuilder out = new StringBuilder(g.mechanism().toString());
                        for (int v : g) {
                            out.append(' ').append(v);
                        }
                        System.out.println("result: " + out);
                    } catch (RuntimeException e) {
                        System.out.println("result: " + e.getMessage());
                    }
                }
            }
            """;

    @BeforeAll
    static void buildModules() throws Exception {
        List<String> jcoro = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            boolean core = Files.exists(p.resolve("module-info.class")) && Files.exists(p.resolve("io/jcoro"));
            if (core || p.getFileName().toString().startsWith("asm")) {
                jcoro.add(entry);
            }
        }
        module("fixture.closed", "module fixture.closed { requires io.jcoro; }");
        module("fixture.open", "module fixture.open { requires io.jcoro; opens fixture.open to io.jcoro; }");
        String modules = String.join(File.pathSeparator, jcoro);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("out").toString(), "--module-path", modules,
                "--module-source-path", dir.resolve("src").toString(), "-m", "fixture.closed,fixture.open"));
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])));
        modulePath = modules + File.pathSeparator + dir.resolve("out");
    }

    private static void module(String name, String info) throws Exception {
        Path src = dir.resolve("src").resolve(name);
        Path pkg = src.resolve(name.replace('.', '/'));
        Files.createDirectories(pkg);
        Files.writeString(src.resolve("module-info.java"), info);
        Files.writeString(pkg.resolve("Main.java"), MAIN.formatted(name));
    }

    private static String run(String module, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.config.file=/dev/null"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("--module-path", modulePath, "-m", module + "/" + module + ".Main"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        try (Stream<String> lines = out.lines()) {
            return lines.filter(l -> l.startsWith("result: ")).map(l -> l.substring(8)).collect(Collectors.joining());
        }
    }

    @Test
    void aBodyInAPackageOpenToJcoro_isCompiled_onTheModulePath() throws Exception {
        assertEquals("COMPILED 2 4 6", run("fixture.open"));
    }

    @Test
    void aBodyInAPackageNotOpenToJcoro_runsStackful() throws Exception {
        assertEquals("VIRTUAL_THREAD 2 4 6", run("fixture.closed"));
    }

    @Test
    void aBodyInAPackageNotOpenToJcoro_inRequireMode_failsNamingTheOpensLine() throws Exception {
        String out = run("fixture.closed", "-Djcoro.compile=require");
        assertTrue(out.contains("cannot be compiled: package fixture.closed of module fixture.closed is not open"
                + " to jcoro (add 'opens fixture.closed to io.jcoro;')"), out);
    }
}
