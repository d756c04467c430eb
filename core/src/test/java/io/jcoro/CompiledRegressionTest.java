package io.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcoro.internal.Compiler;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bugs {@link DifferentialFuzzTest} found, each shrunk by hand to a small body and operation sequence; the comments
 * name the fuzzer's seed. The fuzzer leaves these shapes out of its bodies ({@link FuzzSource#AVOIDED}) while they
 * fail; {@code -Djcoro.fuzz.known=} (nothing avoided) makes it find them again. A disabled test is a bug not fixed
 * yet: when it is, enable the test and drop the shape from the fuzzer's list.
 */
@Tag("compiler")
class CompiledRegressionTest {

    // ------------------------------------------------------------------ invokedynamic in bodies from other modules

    private static final String BODIES = """
            package regress;

            import io.jcoro.Generator;
            import java.util.function.IntUnaryOperator;

            public final class Bodies {
                public static Generator.ReturningBody<Object, Object, Object> lambda() {
                    return y -> {
                        IntUnaryOperator plusOne = v -> v + 1;
                        y.yield(plusOne.applyAsInt(1));
                        return "done";
                    };
                }

                public static Generator.ReturningBody<Object, Object, Object> patternSwitch() {
                    return y -> {
                        Object sent = y.yield(1);
                        String kind = switch (sent) {
                            case Integer n when n > 2 -> "big";
                            case Integer n -> "small";
                            case null, default -> "other";
                        };
                        y.yield(kind);
                        return "done";
                    };
                }
            }
            """;

    /** What a test does with a body compiled from source at test time. */
    private interface BodyCheck {
        void check(Generator.ReturningBody<Object, Object, Object> body) throws Throwable;
    }

    /**
     * Compiles {@code source} (the class {@code className}) into a class loader of its own (so another module than
     * jcoro's) and checks the body its static method {@code method()} returns.
     */
    private static void withBody(String className, String source, String method, BodyCheck check) throws Throwable {
        Path dir = Files.createTempDirectory("jcoro-regress");
        try (URLClassLoader loader = Javac.compile(Map.of(className, source), dir)) {
            check.check(cast(loader.loadClass(className).getMethod(method).invoke(null)));
        } finally {
            Javac.delete(dir);
        }
    }

    /** Checks {@code regress.Bodies.method()} on the stackful backend (where it passes) and then compiled. */
    private static void runCompiled(String method, java.util.function.Consumer<Generator<Object, Object, Object>> check)
            throws Throwable {
        withBody("regress.Bodies", BODIES, method, body -> {
            check.accept(new RealGenerator<>(body));
            Generator<Object, Object, Object> g = Generator.returning(body);
            assertEquals(Backend.COMPILED, g.mechanism(), Compiler.whyNot(body));
            check.accept(g);
        });
    }

    /** Found with seed 20261207: a lambda in a body made in a class loader of its own. */
    @Test
    void aLambdaInACompiledBodyOfAnotherModule_linksAndRuns() throws Throwable {
        runCompiled("lambda", g -> {
            assertEquals(2, g.next());
            assertEquals("done", assertThrows(StopIteration.class, g::next).value());
        });
    }

    /** Found with seed 9: a pattern switch (SwitchBootstraps.typeSwitch) in a body of another module. */
    @Test
    void aPatternSwitchInACompiledBodyOfAnotherModule_linksAndRuns() throws Throwable {
        runCompiled("patternSwitch", g -> {
            assertEquals(1, g.next());
            assertEquals("big", g.send(7));
            assertEquals("done", assertThrows(StopIteration.class, g::next).value());
        });
    }

    // ------------------------------------------------------------------ synchronized inside try

    /** Found with seed 20261207: the yield in the catch clause, the synchronized block in the try block. */
    @Test
    void aSynchronizedBlockInATry_doesNotStopTheCatchClauseFromYielding() {
        Object lock = new Object();
        List<String> trace = new ArrayList<>();
        Generator.ReturningBody<Object, Object, Object> body = y -> {
            try {
                synchronized (lock) {
                    trace.add("locked");
                }
                y.yield(1);
            } catch (IllegalStateException e) {
                trace.add("caught " + e.getMessage());
                y.yield(2);
            }
            return "end";
        };
        assertNull(Compiler.whyNot(body));
        Generator<Object, Object, Object> g = Generator.returning(body);
        assertEquals(1, g.next());
        assertEquals(2, g.throwIn(new IllegalStateException("in")));
        assertEquals(List.of("locked", "caught in"), trace);
    }

    /** Found with seed 20261207: the synchronized block in a catch clause, the yield in the finally block. */
    @Test
    void aSynchronizedBlockInACatchClause_doesNotStopTheFinallyBlockFromYielding() {
        Object lock = new Object();
        List<String> trace = new ArrayList<>();
        Generator.ReturningBody<Object, Object, Object> body = y -> {
            try {
                y.yield(1);
            } catch (IllegalStateException e) {
                synchronized (lock) {
                    trace.add("locked");
                }
            } finally {
                y.yield(2);
            }
            return "end";
        };
        assertNull(Compiler.whyNot(body));
        Generator<Object, Object, Object> g = Generator.returning(body);
        assertEquals(1, g.next());
        assertEquals(2, g.throwIn(new IllegalStateException("in")));
        assertEquals(List.of("locked"), trace);
    }

    // ------------------------------------------------------------------ size

    /**
     * 120 int locals live across 150 yields: javac's method is 2.6 KB, but the machine saves and restores every
     * live local at every site, about 1.4 KB per site, so its resume() passes the 64 KB a method may have.
     */
    private static String manyLocalsAcrossManyYields() {
        StringBuilder b = new StringBuilder("""
                package regress;

                import io.jcoro.Generator;

                public final class Big {
                    public static Generator.ReturningBody<Object, Object, Object> body() {
                        return y -> {
                """);
        StringBuilder sum = new StringBuilder("0");
        for (int i = 0; i < 120; i++) {
            b.append("            int v").append(i).append(" = ").append(i).append(";\n");
            sum.append(" + v").append(i);
        }
        for (int i = 0; i < 150; i++) {
            b.append("            y.yield(").append(i).append(");\n");
        }
        return b.append("            return ").append(sum).append(";\n        };\n    }\n}\n").toString();
    }

    /** Seen with seed 20261207: a body javac accepts whose machine is too large for the JVM. */
    @Test
    void aBodyWhoseMachineWouldPassTheMethodSizeLimit_runsStackful_sayingSo() throws Throwable {
        withBody("regress.Big", manyLocalsAcrossManyYields(), "body", body -> {
            String why = Compiler.whyNot(body);
            assertEquals("its state machine would be larger than the 64 KB the JVM allows a method (150 yields)",
                    why);
            Generator<Object, Object, Object> g = Generator.returning(body);
            for (int i = 0; i < 150; i++) {
                assertEquals(i, g.next());
            }
            assertEquals(119 * 120 / 2, assertThrows(StopIteration.class, g::next).value());
        });
    }

    /**
     * 200 int locals and 400 one-line statements (a yield every tenth) inside 8 nested try blocks: javac's method is
     * 3.6 KB, but computing the machine's stack map frames (every line's label starts a block, every block merges
     * its 200-local frame into 8 handlers) passes the limits ASM's ClassWriter sets by default.
     */
    private static String manyLocalsInDeepTryBlocks() {
        StringBuilder b = new StringBuilder("""
                package regress;

                import io.jcoro.Generator;

                public final class Wide {
                    public static Generator.ReturningBody<Object, Object, Object> body() {
                        return y -> {
                """);
        for (int i = 0; i < 200; i++) {
            b.append("            int v").append(i).append(" = ").append(i).append(";\n");
        }
        b.append("            for (int n = 0; n < 2; n++) {\n");
        b.append("                try {\n".repeat(8));
        for (int i = 0; i < 400; i++) {
            b.append(i % 10 == 0 ? "                v0 += (Integer) y.yield(" + i + ");\n" : "                v1 += v0;\n");
        }
        for (int i = 0; i < 8; i++) {
            b.append("                } catch (IllegalStateException e").append(i).append(") {\n")
                    .append("                    v2 += (Integer) y.yield(-").append(i).append(");\n")
                    .append("                }\n");
        }
        return b.append("            }\n            return v0 + v1 + v2;\n        };\n    }\n}\n").toString();
    }

    /** Seen with seed 43: a body javac accepts whose machine's frames ASM refuses to compute. */
    @Test
    void aBodyWithManyLocalsInDeepTryBlocks_compiles() throws Throwable {
        withBody("regress.Wide", manyLocalsInDeepTryBlocks(), "body", body -> assertNull(Compiler.whyNot(body)));
    }

    // ------------------------------------------------------------------ the stackful backend

    /**
     * Found with seed 20261207, on the continuation backend: a body holding a monitor runs another generator whose
     * body takes the same monitor. On one thread, Java's monitors are reentrant (and the compiled backend runs
     * both bodies on the caller's thread); the continuation backend deadlocks.
     */
    @Test
    @Disabled("stackful limitation (docs/backends.md): the continuation trampoline unmounts the body that holds the"
            + " monitor and runs the other body on the same thread, which then blocks entering the monitor")
    void continuationBackend_aBodyHoldingAMonitor_runsAnotherBodyThatTakesIt() {
        assumeTrue(Generator.backend() == Backend.CONTINUATION, "the continuation backend is not in use");
        Object lock = new Object();
        Generator<Object, Object, Object> inner = new RealGenerator<>(y -> {
            synchronized (lock) {
                y.yield("inner locked");
            }
            return null;
        });
        Generator<Object, Object, Object> outer = new RealGenerator<>(y -> {
            Object v;
            synchronized (lock) {
                v = inner.next();
            }
            y.yield(v);
            return null;
        });
        assertEquals("inner locked", assertTimeoutPreemptively(Duration.ofSeconds(20), outer::next));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
