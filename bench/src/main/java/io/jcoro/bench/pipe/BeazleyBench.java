package io.jcoro.bench.pipe;

import io.jcoro.Backend;
import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.bench.core.Jvm;
import io.jcoro.pipe.Pipes;
import io.jcoro.pipe.Sink;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Beazley's coroutine-vs-object test (benchmark.py, slides 49-52): {@code send('python is nice')} into
 * {@code grep('python', null())}, against the same as a handler object. He timed 1,000,000 sends: coroutine
 * 0.60 s, object 0.92 s (Python 2.6, 2.66 GHz Xeon). Scores here are ns per send; times 1,000,000 gives seconds
 * per million sends.
 *
 * <ul>
 *   <li>{@code coroutine}: his code, literally: a jcoro {@code Coroutine} grep whose body sends into a jcoro
 *       {@code Coroutine} null.</li>
 *   <li>{@code coroutineStage}: the grep as a {@code Pipes.coroutine} stage into the same null coroutine.</li>
 *   <li>{@code object}: his {@code GrepHandler} class into a null handler object.</li>
 *   <li>{@code functionalStage}: {@code Pipes.grep("python").into(Pipes.discard())}.</li>
 * </ul>
 *
 * <pre>{@code
 * $(bin/find-jdk)/bin/java -jar bench/target/benchmarks.jar 'pipe.BeazleyBench'
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION})
public class BeazleyBench {

    static final String LINE = "python is nice";

    Coroutine<String> coroutine;
    Sink<String> coroutineStage;
    GrepHandler object;
    Sink<String> functionalStage;

    static Coroutine<String> nul() {
        return Coroutine.of(in -> {
            while (true) {
                in.receive();
            }
        });
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (Generator.backend() != Backend.CONTINUATION) {
            throw new IllegalStateException("this fork runs jcoro on " + Generator.backend());
        }
        Coroutine<String> target = nul();
        coroutine = Coroutine.of(in -> {
            while (true) {
                String line = in.receive();
                if (line.contains("python")) {
                    target.send(line);
                }
            }
        });
        coroutineStage = Pipes.<String, String>coroutine((in, out) -> {
            while (true) {
                String line = in.receive();
                if (line.contains("python")) {
                    out.send(line);
                }
            }
        }).into(Pipes.sink(nul()));
        object = new GrepHandler("python", new NullHandler());
        functionalStage = Pipes.grep("python").into(Pipes.discard());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        coroutine.close();
        coroutineStage.close();
        functionalStage.close();
    }

    @Benchmark
    public void coroutine() {
        coroutine.send(LINE);
    }

    @Benchmark
    public void coroutineStage() {
        coroutineStage.send(LINE);
    }

    @Benchmark
    public void object() {
        object.send(LINE);
    }

    @Benchmark
    public void functionalStage() {
        functionalStage.send(LINE);
    }

    /** Beazley's GrepHandler. */
    static final class GrepHandler {
        private final String pattern;
        private final NullHandler target;

        GrepHandler(String pattern, NullHandler target) {
            this.pattern = pattern;
            this.target = target;
        }

        void send(String line) {
            if (line.contains(pattern)) {
                target.send(line);
            }
        }
    }

    /** The object counterpart of his null() coroutine. */
    static final class NullHandler {
        void send(String line) {
            // thrown away
        }
    }
}
