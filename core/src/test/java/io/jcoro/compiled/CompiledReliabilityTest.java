package io.jcoro.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Backend;
import io.jcoro.Generator;
import io.jcoro.testing.Gc;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.time.Duration;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What compiled bodies must survive: class initialisation, monitors, races, abandonment, class unloading. */
@Tag("compiler")
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompiledReliabilityTest {

    private static boolean gcUntil(BooleanSupplier done) throws InterruptedException {
        return Gc.until(done, Duration.ofSeconds(30));
    }

    /** A class whose static initializer drives a generator whose body reads the class's own statics. */
    static final class InitializedByAGenerator {
        static final Integer BASE = Integer.valueOf(10);
        static final List<Integer> VALUES;
        static final Backend MECHANISM;

        static {
            Generator<Integer, Void, Void> g = Generator.of(y -> {
                y.yield(BASE);
                y.yield(BASE + 1);
            });
            MECHANISM = g.mechanism();
            List<Integer> values = new ArrayList<>();
            for (int v : g) {
                values.add(v);
            }
            VALUES = values;
        }
    }

    @Test
    void aCompiledBodyUsedInTheStaticInitializerOfItsOwnClass_runsOnTheCallersThread() {
        assertEquals(List.of(10, 11), InitializedByAGenerator.VALUES);
        assertEquals(Backend.COMPILED, InitializedByAGenerator.MECHANISM);
    }

    @Test
    void aCallerHoldingAMonitorThatTheBodyAlsoTakes_runsWhenCompiled() {
        Object lock = new Object();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            int n;
            synchronized (lock) {
                n = 1;
            }
            y.yield(n);
            synchronized (lock) {
                n = 2;
            }
            y.yield(n);
        });
        assertEquals(Backend.COMPILED, g.mechanism());
        synchronized (lock) {
            assertEquals(1, g.next());
            assertEquals(2, g.next());
        }
    }

    /** One call site: every generator made here comes from the same lambda class. */
    private static Generator<String, Void, Void> whereAmI() {
        return Generator.of(y -> y.yield(new Throwable().getStackTrace()[0].getClassName()));
    }

    @Test
    void twoThreadsCompilingTheSameBodyAtOnce_bothGetTheOneMachineClass() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    Generator<String, Void, Void> g = whereAmI();
                    return g.mechanism() + " " + g.next();
                }));
            }
            String a = results.get(0).get(30, TimeUnit.SECONDS);
            String b = results.get(1).get(30, TimeUnit.SECONDS);
            assertTrue(a.startsWith("COMPILED "), a);
            assertEquals(a, b);
            assertEquals(a, "COMPILED " + whereAmI().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHundredThousandAbandonedCompiledGenerators_areClosedByTheCleaner_withEveryFinallyRun() throws Exception {
        AtomicInteger finallies = new AtomicInteger();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            Generator<Integer, Void, Void> g = Generator.of(y -> {
                try {
                    y.yield(1);
                    y.yield(2);
                } finally {
                    finallies.incrementAndGet();
                }
            });
            g.next();
        }
        assertTrue(gcUntil(() -> finallies.get() == n), "finally ran " + finallies.get() + " times of " + n);
    }

    @Test
    void aClassLoaderThatMadeCompiledGenerators_isCollectedOnceDropped(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/fixture/Gens.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package fixture;
                import io.jcoro.Generator;
                public class Gens {
                    private int base = 1;
                    public String run() {
                        Generator<Integer, Void, Void> g = Generator.of(y -> {
                            y.yield(base);
                            y.yield(base + 1);
                        });
                        int sum = 0;
                        for (int v : g) {
                            sum += v;
                        }
                        return g.mechanism() + " " + sum;
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertEquals(0, rc);
        WeakReference<ClassLoader> ref = runAndDrop(classes);
        assertTrue(gcUntil(() -> ref.get() == null), "the class loader is still reachable");
    }

    private static WeakReference<ClassLoader> runAndDrop(Path classes) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                CompiledReliabilityTest.class.getClassLoader());
        Object gens = loader.loadClass("fixture.Gens").getConstructor().newInstance();
        Object result = gens.getClass().getMethod("run").invoke(gens);
        assertEquals("COMPILED 3", result);
        loader.close();
        return new WeakReference<>(loader);
    }

    @Test
    void theMachineClassOfABody_isDefinedInTheBodysOwnPackageAndLoader() {
        Generator<Class<?>, Void, Void> g = Generator.of(y -> {
            try {
                y.yield(Class.forName(new Throwable().getStackTrace()[0].getClassName(), false,
                        CompiledReliabilityTest.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        });
        Class<?> machine = g.next();
        assertNotNull(machine);
        assertEquals(CompiledReliabilityTest.class.getPackageName(), machine.getPackageName());
        assertEquals(CompiledReliabilityTest.class.getClassLoader(), machine.getClassLoader());
    }
}
