package io.jcoro.bench.core;

import io.jcoro.Backend;
import io.jcoro.Generator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Generators inside generators, per value that reaches the caller, on the continuation backend.
 *
 * <p>{@code iterate}: each level's body loops {@code for (v : inner) yield(v)}, so a value passes through every
 * level's body. A body that resumes another generator cannot run that continuation inside its own (jcoro's
 * continuations never nest): it yields to the driver at the bottom of the caller's stack, which runs the inner
 * one and then resumes the requester. Depth 1 is "one trampoline hop": three continuation run/yield pairs per value
 * instead of one.
 *
 * <p>{@code yieldFrom}: each level delegates with {@code yieldFrom(inner)}; a {@code next()} is forwarded down
 * the chain on the caller's stack without resuming the delegating bodies, so a value costs one continuation switch
 * plus a forwarding step per level.
 *
 * <p>Depth 0 would be the plain counter: {@link RoundTrip#continuationNext}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION, Jvm.STACKFUL})
public class Nesting {

    @State(Scope.Thread)
    public static class Chain {
        @Param({"1", "10", "100"})
        int depth;

        Generator<Integer, Void, ?> iterating;
        Generator<Integer, Void, ?> delegating;

        @Setup(Level.Trial)
        public void setup() {
            if (Generator.backend() != Backend.CONTINUATION) {
                throw new IllegalStateException("this fork runs jcoro on " + Generator.backend());
            }
            Generator<Integer, Void, ?> it = Gens.counter();
            Generator<Integer, Void, ?> del = Gens.counter();
            for (int i = 0; i < depth; i++) {
                Generator<Integer, Void, ?> inner = it;
                it = Generator.of(y -> {
                    for (Integer v : inner) {
                        y.yield(v);
                    }
                });
                Generator<Integer, Void, ?> sub = del;
                del = Generator.returning(y -> y.yieldFrom(sub));
            }
            iterating = it;
            delegating = del;
            iterating.next();
            delegating.next();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            iterating.close();
            delegating.close();
        }
    }

    @Benchmark
    public Integer iterate(Chain c) {
        return c.iterating.next();
    }

    @Benchmark
    public Integer yieldFrom(Chain c) {
        return c.delegating.next();
    }
}
