package io.jcoro.bench.core;

import io.jcoro.Coroutine;
import io.jcoro.Generator;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compiled generators, with no JVM flags (the default a user gets), against what they replace: the seed's tally
 * against a plain object, a for-each over Fibonacci against a hand-written Iterator, the cost of a whole small
 * generator, and Beazley's grep into null. {@link CompiledRatios} measures the same pairs interleaved in one JVM,
 * which a shared machine needs for ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class Compiled {

    @State(Scope.Thread)
    public static class Tally {
        Generator<Integer, Integer, Void> compiled;
        CompiledRatios.TallyObject object;
        final Integer one = 1;

        @Setup(Level.Trial)
        public void setup() {
            compiled = CompiledRatios.tally();
            compiled.next();
            object = new CompiledRatios.TallyObject();
        }
    }

    @Benchmark
    public Integer tallySend(Tally t) {
        return t.compiled.send(t.one);
    }

    @Benchmark
    public int tallyObject(Tally t) {
        return t.object.send(t.one);
    }

    @Benchmark
    @OperationsPerInvocation(30)
    public long fibForEach() {
        long s = 0;
        for (int v : CompiledRatios.fib()) {
            s += v;
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(30)
    public long fibIterator() {
        long s = 0;
        Iterator<Integer> it = new CompiledRatios.FibIterator();
        while (it.hasNext()) {
            s += it.next();
        }
        return s;
    }

    @Benchmark
    public int createRunFinish() {
        int s = 0;
        for (int v : Generator.<Integer, Void>of(y -> y.yield(1))) {
            s += v;
        }
        return s;
    }

    @State(Scope.Thread)
    public static class Beazley {
        Coroutine<String> grep;

        @Setup(Level.Trial)
        public void setup() {
            grep = CompiledRatios.beazley();
        }
    }

    @Benchmark
    public void beazleySend(Beazley b) {
        b.grep.send("python is nice");
    }
}
