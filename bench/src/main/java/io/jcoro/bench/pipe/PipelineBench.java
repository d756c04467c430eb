package io.jcoro.bench.pipe;

import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.bench.core.Jvm;
import io.jcoro.pipe.Pipes;
import io.jcoro.pipe.Sink;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 3-stage pipeline, {@code filter(x % 3 != 0) -> map(x * 2) -> filter(x % 5 != 0)} into a summing sink, built
 * six ways and pushed {@value #N} boxed items per invocation. Scores are ns per item pushed in.
 *
 * <ul>
 *   <li>{@code consumerChain}: three hand-written {@code Consumer} lambdas calling each other: the floor.</li>
 *   <li>{@code functionalStages}: {@code Pipes.filter(..).map(..).filter(..).into(sink)}; the target is at most
 *       1.5x consumerChain.</li>
 *   <li>{@code stream}: {@code Arrays.stream(items).filter.map.filter.forEach}, one stream per invocation.</li>
 *   <li>{@code coroutineStages}: the same three stages written as coroutine bodies ({@code Pipes.coroutine}).</li>
 *   <li>{@code rawContinuations}: three {@code jdk.internal.vm.Continuation}s, one per stage, run by hand from a
 *       driver loop: one run and yield per item per stage, no protocol. coroutineStages' target is at most 1.2x
 *       this.</li>
 *   <li>{@code jcoroGenerators}: three plain jcoro generators, each taking an item by {@code send} and yielding its
 *       result, driven by hand like rawContinuations: what jcoro's core costs over raw continuations, before
 *       anything of jcoro-pipe is added.</li>
 *   <li>{@code nestedCoroutines}: Beazley's literal structure, each jcoro {@code Coroutine} body calling the next
 *       one's {@code send} from inside itself; shows what {@code Pipes.coroutine} saves.</li>
 * </ul>
 *
 * <pre>{@code
 * bin/mvnw -q -pl bench -am package -DskipTests
 * $(bin/find-jdk)/bin/java -jar bench/target/benchmarks.jar 'pipe.PipelineBench'
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION})
@OperationsPerInvocation(PipelineBench.N)
public class PipelineBench {

    static final int N = 1024;

    Integer[] items;
    long sum;

    Consumer<Integer> consumerChain;
    Sink<Integer> functional;
    Sink<Integer> coroutines;
    Coroutine<Integer> nested;
    RawPipeline raw;
    Generator<Integer, Integer, Void> g1, g2, g3;

    @Setup(Level.Trial)
    public void setUp() {
        if (Generator.backend() != io.jcoro.Backend.CONTINUATION) {
            throw new IllegalStateException("run with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED");
        }
        SplittableRandom r = new SplittableRandom(42);
        items = new Integer[N];
        for (int i = 0; i < N; i++) {
            items[i] = r.nextInt(1_000_000);
        }

        Consumer<Integer> c3 = x -> sum += x;
        Consumer<Integer> c2 = x -> {
            if (x % 5 != 0) {
                c3.accept(x);
            }
        };
        Consumer<Integer> c1 = x -> c2.accept(x * 2);
        consumerChain = x -> {
            if (x % 3 != 0) {
                c1.accept(x);
            }
        };

        functional = Pipes.<Integer>filter(x -> x % 3 != 0)
                .map(x -> x * 2)
                .filter(x -> x % 5 != 0)
                .into((Integer x) -> sum += x);

        coroutines = Pipes.<Integer, Integer>coroutine((in, out) -> {
            while (true) {
                Integer x = in.receive();
                if (x % 3 != 0) {
                    out.send(x);
                }
            }
        }).<Integer>coroutine((in, out) -> {
            while (true) {
                out.send(in.receive() * 2);
            }
        }).<Integer>coroutine((in, out) -> {
            while (true) {
                Integer x = in.receive();
                if (x % 5 != 0) {
                    out.send(x);
                }
            }
        }).into((Integer x) -> sum += x);

        Coroutine<Integer> n3 = Coroutine.of(in -> {
            while (true) {
                Integer x = in.receive();
                if (x % 5 != 0) {
                    sum += x;
                }
            }
        });
        Coroutine<Integer> n2 = Coroutine.of(in -> {
            while (true) {
                n3.send(in.receive() * 2);
            }
        });
        nested = Coroutine.of(in -> {
            while (true) {
                Integer x = in.receive();
                if (x % 3 != 0) {
                    n2.send(x);
                }
            }
        });

        raw = new RawPipeline(x -> sum += x);

        // Each yields its result for the item just sent (null: filtered out), so send() returns it.
        g1 = Generator.of(y -> {
            Integer out = null;
            while (true) {
                Integer x = y.yield(out);
                out = x % 3 != 0 ? x : null;
            }
        });
        g2 = Generator.of(y -> {
            Integer out = null;
            while (true) {
                out = y.yield(out) * 2;
            }
        });
        g3 = Generator.of(y -> {
            Integer out = null;
            while (true) {
                Integer x = y.yield(out);
                out = x % 5 != 0 ? x : null;
            }
        });
        g1.next();
        g2.next();
        g3.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        functional.close();
        coroutines.close();
        nested.close();
        g1.close();
        g2.close();
        g3.close();
    }

    @Benchmark
    public long consumerChain() {
        Consumer<Integer> c = consumerChain;
        for (Integer x : items) {
            c.accept(x);
        }
        return sum;
    }

    @Benchmark
    public long functionalStages() {
        Sink<Integer> s = functional;
        for (Integer x : items) {
            s.send(x);
        }
        return sum;
    }

    @Benchmark
    public long stream() {
        Arrays.stream(items).filter(x -> x % 3 != 0).map(x -> x * 2).filter(x -> x % 5 != 0)
                .forEach(x -> sum += x);
        return sum;
    }

    @Benchmark
    public long coroutineStages() {
        Sink<Integer> s = coroutines;
        for (Integer x : items) {
            s.send(x);
        }
        return sum;
    }

    @Benchmark
    public long rawContinuations() {
        RawPipeline p = raw;
        for (Integer x : items) {
            p.send(x);
        }
        return sum;
    }

    @Benchmark
    public long jcoroGenerators() {
        Generator<Integer, Integer, Void> a = g1, b = g2, c = g3;
        for (Integer x : items) {
            Integer r = a.send(x);
            if (r == null) {
                continue;
            }
            r = c.send(b.send(r));
            if (r != null) {
                sum += r;
            }
        }
        return sum;
    }

    @Benchmark
    public long nestedCoroutines() {
        Coroutine<Integer> c = nested;
        for (Integer x : items) {
            c.send(x);
        }
        return sum;
    }

    /**
     * The baseline: each stage a bare Continuation that yields to wait for its next item; the driver runs stage
     * after stage for each item, passing values through fields. Nothing but the run/yield pairs and the stages'
     * work.
     */
    static final class RawPipeline {
        static final ContinuationScope SCOPE = new ContinuationScope("raw-pipe");
        static final Object NONE = new Object();

        final Consumer<Integer> sink;
        Object in1 = NONE, in2 = NONE, in3 = NONE, out = NONE;
        final Continuation s1, s2, s3;

        RawPipeline(Consumer<Integer> sink) {
            this.sink = sink;
            s1 = new Continuation(SCOPE, () -> {
                while (true) {
                    Continuation.yield(SCOPE);
                    Integer x = (Integer) in1;
                    if (x % 3 != 0) {
                        in2 = x;
                    }
                }
            });
            s2 = new Continuation(SCOPE, () -> {
                while (true) {
                    Continuation.yield(SCOPE);
                    in3 = (Integer) in2 * 2;
                }
            });
            s3 = new Continuation(SCOPE, () -> {
                while (true) {
                    Continuation.yield(SCOPE);
                    Integer x = (Integer) in3;
                    if (x % 5 != 0) {
                        out = x;
                    }
                }
            });
            s1.run();
            s2.run();
            s3.run();
        }

        @SuppressWarnings("unchecked")
        void send(Integer x) {
            in1 = x;
            s1.run();
            if (in2 == NONE) {
                return;
            }
            s2.run();
            in2 = NONE;
            s3.run();
            in3 = NONE;
            Object o = out;
            if (o != NONE) {
                out = NONE;
                sink.accept((Integer) o);
            }
        }
    }
}
