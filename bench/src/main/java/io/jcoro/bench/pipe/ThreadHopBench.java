package io.jcoro.bench.pipe;

import io.jcoro.Backend;
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
 * What {@code Pipes.threaded} costs per item: Beazley's part 4 thread hop (cothread.py), with a bounded queue and
 * a virtual thread.
 *
 * <ul>
 *   <li>{@code direct}: a send into a functional grep and a sink, no hop: the baseline.</li>
 *   <li>{@code streamed}: the same behind {@code Pipes.threaded(.., 1024)}, sending continuously: the hop's cost
 *       per item when the queue pipelines items (what a pipeline pays).</li>
 *   <li>{@code roundTrip}: one item through the hop and the sender waits until the worker has handled it: the
 *       hop's latency, a queue hand-off plus waking the other thread.</li>
 * </ul>
 *
 * <pre>{@code
 * $(bin/find-jdk)/bin/java -jar bench/target/benchmarks.jar 'pipe.ThreadHopBench'
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION})
public class ThreadHopBench {

    static final String LINE = "python is nice";

    volatile long handled;
    Sink<String> direct;
    Sink<String> streamed;
    Sink<String> roundTrip;
    long sent;

    @Setup(Level.Iteration)
    public void setUp() {
        if (Generator.backend() != Backend.CONTINUATION) {
            throw new IllegalStateException("this fork runs jcoro on " + Generator.backend());
        }
        direct = Pipes.grep("python").into((String s) -> handled++);
        streamed = Pipes.threaded(Pipes.grep("python").into((String s) -> handled++), 1024);
        roundTrip = Pipes.threaded(Pipes.grep("python").into((String s) -> handled++), 1024);
        handled = 0;
        sent = 0;
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        direct.close();
        streamed.close(); // drains: the items sent in this iteration are all handled within it
        roundTrip.close();
    }

    @Benchmark
    public void direct() {
        direct.send(LINE);
    }

    @Benchmark
    public void streamed() {
        streamed.send(LINE);
    }

    @Benchmark
    public void roundTrip() {
        long target = ++sent;
        roundTrip.send(LINE);
        while (handled < target) {
            Thread.onSpinWait();
        }
    }
}
