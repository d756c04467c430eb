package io.jcoro.bench.pipe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The ratios the pipe targets are stated in, measured so that a shared, busy machine cannot bias them: the
 * competitors of {@link PipelineBench} and {@link BeazleyBench} run in one JVM, interleaved in rounds of a few
 * milliseconds (each round times every competitor once, in rotating order), and each ratio is the median over the
 * rounds of that round's ratio. Load that comes and goes then hits both sides of a ratio alike. JMH gives the
 * absolute figures; this gives ratios that hold still.
 *
 * <pre>{@code
 * bin/mvnw -q -pl bench -am package -DskipTests
 * $(bin/find-jdk)/bin/java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation \
 *     -cp bench/target/benchmarks.jar io.jcoro.bench.pipe.PipeRatios [rounds=300]
 * }</pre>
 */
public final class PipeRatios {
    private PipeRatios() {
    }

    record Competitor(String name, LongSupplier run, int opsPerRun) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        PipelineBench p = new PipelineBench();
        p.setUp();
        BeazleyBench b = new BeazleyBench();
        b.setUp();
        List<Competitor> cs = List.of(
                new Competitor("consumerChain", p::consumerChain, PipelineBench.N),
                new Competitor("functionalStages", p::functionalStages, PipelineBench.N),
                new Competitor("stream", p::stream, PipelineBench.N),
                new Competitor("rawContinuations", p::rawContinuations, PipelineBench.N),
                new Competitor("jcoroGenerators", p::jcoroGenerators, PipelineBench.N),
                new Competitor("coroutineStages", p::coroutineStages, PipelineBench.N),
                new Competitor("nestedCoroutines", p::nestedCoroutines, PipelineBench.N),
                new Competitor("beazley.coroutine", repeat(b::coroutine), 1024),
                new Competitor("beazley.coroutineStage", repeat(b::coroutineStage), 1024),
                new Competitor("beazley.object", repeat(b::object), 1024),
                new Competitor("beazley.functionalStage", repeat(b::functionalStage), 1024));
        int n = cs.size();
        // Calls per round so that each competitor takes about 2 ms.
        int[] calls = new int[n];
        long warmEnd = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < 20; k++) {
                    cs.get(i).run().getAsLong();
                }
                long perCall = Math.max(1, (System.nanoTime() - t0) / 20);
                calls[i] = (int) Math.max(1, 2_000_000 / perCall);
            }
        }
        double[][] nsPerOp = new double[n][rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < n; j++) {
                int i = (j + r) % n; // rotate the order, so that no competitor always follows the same one
                Competitor c = cs.get(i);
                long t0 = System.nanoTime();
                for (int k = 0; k < calls[i]; k++) {
                    sink += c.run().getAsLong();
                }
                nsPerOp[i][r] = (System.nanoTime() - t0) / (double) calls[i] / c.opsPerRun();
            }
        }
        p.tearDown();
        b.tearDown();
        System.out.printf(Locale.ROOT, "java %s, %d rounds, %d CPUs, load average at the end %s (checksum %d)%n%n",
                Runtime.version(), rounds, Runtime.getRuntime().availableProcessors(), loadAverage(), sink & 1);
        System.out.println("| competitor | median ns/op | p10 | p90 |");
        System.out.println("|---|---:|---:|---:|");
        for (int i = 0; i < n; i++) {
            double[] v = nsPerOp[i].clone();
            Arrays.sort(v);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", cs.get(i).name(), pct(v, 50), pct(v, 10),
                    pct(v, 90));
        }
        System.out.println();
        System.out.println("| ratio (median of per-round ratios) | median | p10 | p90 |");
        System.out.println("|---|---:|---:|---:|");
        ratio(cs, nsPerOp, "functionalStages", "consumerChain");
        ratio(cs, nsPerOp, "stream", "consumerChain");
        ratio(cs, nsPerOp, "coroutineStages", "rawContinuations");
        ratio(cs, nsPerOp, "jcoroGenerators", "rawContinuations");
        ratio(cs, nsPerOp, "coroutineStages", "jcoroGenerators");
        ratio(cs, nsPerOp, "nestedCoroutines", "coroutineStages");
        ratio(cs, nsPerOp, "beazley.object", "beazley.coroutine");
        ratio(cs, nsPerOp, "beazley.coroutine", "beazley.coroutineStage");
    }

    private static LongSupplier repeat(Runnable send) {
        return () -> {
            for (int i = 0; i < 1024; i++) {
                send.run();
            }
            return 0;
        };
    }

    private static void ratio(List<Competitor> cs, double[][] v, String a, String b) {
        int ia = index(cs, a), ib = index(cs, b);
        double[] r = new double[v[ia].length];
        for (int k = 0; k < r.length; k++) {
            r[k] = v[ia][k] / v[ib][k];
        }
        Arrays.sort(r);
        System.out.printf(Locale.ROOT, "| %s / %s | %.2f | %.2f | %.2f |%n", a, b, pct(r, 50), pct(r, 10), pct(r, 90));
    }

    private static int index(List<Competitor> cs, String name) {
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
