package io.jcoro.bench.core;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The same round trips as {@link RoundTrip}, called from a virtual thread: each invocation starts one virtual
 * thread that makes {@link #BATCH} calls, and JMH divides by {@code BATCH}. Starting and joining the thread costs
 * a few microseconds per invocation, under 0.1% of any figure here. This is the caller the virtual-thread backend
 * is meant for: handing control between two virtual threads is a park and an unpark on the same carrier pool,
 * while a platform-thread caller has to be woken by the operating system every time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION, Jvm.STACKFUL})
public class VirtualCaller {

    static final int BATCH = 10_000;

    /** Runs {@code loop} on a new virtual thread and returns its result. */
    static long inVirtualThread(LongSupplier loop) throws InterruptedException {
        long[] result = new long[1];
        Thread t = Thread.ofVirtual().start(() -> result[0] = loop.getAsLong());
        t.join();
        return result[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawContinuationInVirtualThread(RawContinuation c) throws InterruptedException {
        return inVirtualThread(() -> {
            long sum = 0;
            for (int i = 0; i < BATCH; i++) {
                sum += c.next();
            }
            return sum;
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long continuationNextInVirtualThread(Gens.OnContinuation g) throws InterruptedException {
        return nextLoop(g);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long continuationSendInVirtualThread(Gens.OnContinuation g) throws InterruptedException {
        return sendLoop(g);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.VIRTUAL_THREAD, Jvm.STACKFUL})
    public long virtualThreadNextInVirtualThread(Gens.OnVirtualThread g) throws InterruptedException {
        return nextLoop(g);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.VIRTUAL_THREAD, Jvm.STACKFUL})
    public long virtualThreadSendInVirtualThread(Gens.OnVirtualThread g) throws InterruptedException {
        return sendLoop(g);
    }

    private static long nextLoop(Gens g) throws InterruptedException {
        return inVirtualThread(() -> {
            long sum = 0;
            for (int i = 0; i < BATCH; i++) {
                sum += g.counter.next();
            }
            return sum;
        });
    }

    private static long sendLoop(Gens g) throws InterruptedException {
        return inVirtualThread(() -> {
            long sum = 0;
            for (int i = 0; i < BATCH; i++) {
                sum += g.tally.send(1);
            }
            return sum;
        });
    }
}
