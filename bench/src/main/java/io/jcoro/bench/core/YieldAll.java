package io.jcoro.bench.core;

import io.jcoro.Backend;
import io.jcoro.Generator;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Handing out a list's elements, per element: iterating the list itself (the floor), a generator that does
 * {@code yieldAll(list)}, and one that loops {@code for (v : list) yield(v)}. Each invocation makes a new
 * generator and drains it with a for-each loop, so creating it, its first resume and its end are included,
 * spread over {@link #SIZE} elements. {@code yieldAll} hands the elements out on the caller's side without
 * resuming the body, which is why it is also cheap on the virtual-thread backend. The {@code ...ForEach} variants
 * drain with {@code forEachRemaining}, which claims the generator once for all the elements of a yieldAll.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION, Jvm.STACKFUL})
public class YieldAll {

    static final int SIZE = 1000;

    @State(Scope.Thread)
    public static class Data {
        List<Integer> list;

        @Setup(Level.Trial)
        public void setup() {
            list = new ArrayList<>();
            for (int i = 0; i < SIZE; i++) {
                list.add(i * 7919); // mostly outside the Integer cache, as real data would be
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public void listIteration(Data d, Blackhole bh) {
        for (Integer v : d.list) {
            bh.consume(v);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public void continuationYieldAll(Data d, Blackhole bh) {
        drain(yieldAll(d.list, Backend.CONTINUATION), bh);
    }

    /** The same generator drained with forEachRemaining: the bulk path, one claim for the whole yieldAll. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public void continuationYieldAllForEach(Data d, Blackhole bh) {
        yieldAll(d.list, Backend.CONTINUATION).iterator().forEachRemaining(bh::consume);
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public void continuationYieldEach(Data d, Blackhole bh) {
        drain(yieldEach(d.list, Backend.CONTINUATION), bh);
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    @Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.VIRTUAL_THREAD, Jvm.STACKFUL})
    public void virtualThreadYieldAll(Data d, Blackhole bh) {
        drain(yieldAll(d.list, Backend.VIRTUAL_THREAD), bh);
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    @Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.VIRTUAL_THREAD, Jvm.STACKFUL})
    public void virtualThreadYieldAllForEach(Data d, Blackhole bh) {
        yieldAll(d.list, Backend.VIRTUAL_THREAD).iterator().forEachRemaining(bh::consume);
    }

    static Generator<Integer, Void, Void> yieldAll(List<Integer> list, Backend expected) {
        check(expected);
        return Generator.of(y -> y.yieldAll(list));
    }

    static Generator<Integer, Void, Void> yieldEach(List<Integer> list, Backend expected) {
        check(expected);
        return Generator.of(y -> {
            for (Integer v : list) {
                y.yield(v);
            }
        });
    }

    private static void drain(Generator<Integer, Void, Void> g, Blackhole bh) {
        for (Integer v : g) {
            bh.consume(v);
        }
    }

    private static void check(Backend expected) {
        if (Generator.backend() != expected) {
            throw new IllegalStateException("this fork runs jcoro on " + Generator.backend() + ", not " + expected);
        }
    }
}
