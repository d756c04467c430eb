package io.jcoro.bench.core;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One value out (or one in and one out), called from the benchmark's own platform thread: the floor (a
 * hand-written iterator), the raw continuation round trip, and jcoro's {@code next()} and {@code send()} on each
 * backend.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION, Jvm.STACKFUL})
public class RoundTrip {

    /** What a generator saves you from writing: the state machine, by hand. */
    static final class CountingIterator implements Iterator<Integer> {
        private int i;

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            return i++;
        }
    }

    @State(Scope.Thread)
    public static class Counting {
        Iterator<Integer> iterator;

        @Setup(Level.Trial)
        public void setup() {
            iterator = new CountingIterator();
        }
    }

    @Benchmark
    public Integer handWrittenIterator(Counting s) {
        return s.iterator.next();
    }

    @Benchmark
    public int rawContinuation(RawContinuation c) {
        return c.next();
    }

    @Benchmark
    public Integer continuationNext(Gens.OnContinuation g) {
        return g.counter.next();
    }

    @Benchmark
    public Integer continuationSend(Gens.OnContinuation g) {
        return g.tally.send(1);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.VIRTUAL_THREAD, Jvm.STACKFUL})
    public Integer virtualThreadNext(Gens.OnVirtualThread g) {
        return g.counter.next();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.VIRTUAL_THREAD, Jvm.STACKFUL})
    public Integer virtualThreadSend(Gens.OnVirtualThread g) {
        return g.tally.send(1);
    }
}
