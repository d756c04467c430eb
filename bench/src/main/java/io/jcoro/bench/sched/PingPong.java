package io.jcoro.bench.sched;

import io.jcoro.Generator;
import io.jcoro.sched.Channel;
import io.jcoro.sched.Scheduler;
import io.jcoro.sched.Sys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;

/**
 * The task switch: two tasks pass a number back and forth, {@code n} round trips (two switches each). Three
 * competitors in one JVM, interleaved in rounds so that load coming and going hits all alike; each figure is the
 * median over the rounds of nanoseconds per round trip.
 * <ul>
 *   <li>{@code sched-channel}: two jcoro-sched tasks and two channels of capacity 1, one scheduler thread;</li>
 *   <li>{@code sched-checkpoint}: one jcoro-sched task making {@code 2n} checkpoint requests (the cost of a
 *       request and a switch through the ready queue, with nothing else to do);</li>
 *   <li>{@code vt-synchronousqueue}: two virtual threads and two {@link SynchronousQueue}s.</li>
 * </ul>
 * CPython's asyncio runs the same exchange in scripts/bench_sched_pingpong.py. Which jcoro backend runs the task
 * bodies is the JVM's ({@code -Djcoro.backend}); the output names it.
 *
 * <pre>{@code
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation \
 *     -cp bench/target/benchmarks.jar io.jcoro.bench.sched.PingPong [rounds=15] [n=50000]
 * }</pre>
 */
public final class PingPong {
    private PingPong() {
    }

    static long schedChannel(Scheduler s, int n) {
        Channel<Integer> ping = Channel.create(1);
        Channel<Integer> pong = Channel.create(1);
        long t0 = System.nanoTime();
        s.run(Generator.of(y -> {
            y.yieldFrom(Sys.spawn(Generator.of(b -> {
                for (int i = 0; i < n; i++) {
                    Integer v = b.yieldFrom(ping.receive());
                    b.yieldFrom(pong.send(v));
                }
            })));
            for (int i = 0; i < n; i++) {
                y.yieldFrom(ping.send(i));
                y.yieldFrom(pong.receive());
            }
        }));
        return System.nanoTime() - t0;
    }

    static long schedCheckpoint(Scheduler s, int n) {
        long t0 = System.nanoTime();
        s.run(Generator.of(y -> {
            for (int i = 0; i < 2 * n; i++) {
                y.yieldFrom(Sys.checkpoint());
            }
        }));
        return System.nanoTime() - t0;
    }

    static long virtualThreads(int n) {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        long t0 = System.nanoTime();
        Thread b = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread a = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    ping.put(i);
                    pong.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            a.join();
            b.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - t0;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Scheduler s = Scheduler.create();
        String[] names = {"sched-channel", "sched-checkpoint", "vt-synchronousqueue"};
        List<long[]> samples = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            samples.add(new long[rounds]);
        }
        for (int warm = 0; warm < 3; warm++) {
            schedChannel(s, n);
            schedCheckpoint(s, n);
            virtualThreads(n);
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.length; k++) {
                int c = (k + r) % names.length; // rotate the order from round to round
                long t = switch (c) {
                    case 0 -> schedChannel(s, n);
                    case 1 -> schedCheckpoint(s, n);
                    default -> virtualThreads(n);
                };
                samples.get(c)[r] = t / n;
            }
        }
        // how the task bodies ran: compiled unless -Djcoro.compile=false, else on the JVM's stackful backend
        io.jcoro.Backend how = Generator.<Integer, Void>of(y -> y.yield(1)).mechanism();
        String backend = how.name().toLowerCase(Locale.ROOT).replace('_', '-');
        for (int c = 0; c < names.length; c++) {
            long[] x = samples.get(c);
            Arrays.sort(x);
            System.out.printf(Locale.ROOT, "%s %s %d ns/round-trip (min %d, max %d; %d rounds of %d)%n",
                    names[c], c < 2 ? "[" + backend + "]" : "", x[rounds / 2], x[0], x[rounds - 1], rounds, n);
        }
    }
}
