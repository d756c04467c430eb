package io.jcoro.bench.disklog;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import io.jcoro.disklog.correlate.Correlator;
import io.jcoro.disklog.correlate.Drive;
import io.jcoro.disklog.correlate.Findings;
import io.jcoro.disklog.correlate.HostPatterns;
import io.jcoro.disklog.read.Input;
import io.jcoro.disklog.read.InputStats;
import io.jcoro.disklog.read.Sources;
import io.jcoro.disklog.read.Tuning;
import io.jcoro.disklog.scan.LineScanner;
import io.jcoro.disklog.serial.Resolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Warm throughput of the whole pipeline (read, match, correlate) on files, in one JVM: each round reads the files
 * again, so the JIT is warm after the first rounds and the page cache after the first. Prints one line per round
 * the best, and the median of the second half of the rounds (when the JIT has finished). Used by
 * scripts/disklog-bench.sh; not part of the command line.
 *
 * <p>{@code java -cp disklog.jar io.jcoro.disklog.Throughput ROUNDS FILE...}
 */
public final class Throughput {
    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        long bytes = 0;
        for (int i = 1; i < args.length; i++) {
            bytes += Files.size(Path.of(args[i]));
        }
        double best = 0;
        int drives = -1;
        double[] rates = new double[rounds];
        for (int r = 1; r <= rounds; r++) {
            List<Input> inputs = new java.util.ArrayList<>();
            List<InputStats> stats = new java.util.ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                inputs.add(Input.file(args[i]));
                stats.add(new InputStats());
            }
            long t0 = System.nanoTime();
            Sources.Plan plan = new Sources.Plan(inputs, stats, System.in, null, Duration.ofMillis(100), Tuning.defaults(),
                    null, null);
            Generator<Drive, Void, Findings> c = Correlator.over(LineScanner.over(Sources.chunks(plan)), Resolver.NONE, false,
                    HostPatterns.ALL);
            try {
                while (true) {
                    c.next();
                }
            } catch (StopIteration end) {
                drives = c.result().failing().size();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double gbs = bytes / s / 1e9;
            best = Math.max(best, gbs);
            rates[r - 1] = gbs;
            System.out.printf("round %d: %.3f s, %.2f GB/s, %d failing drives%n", r, s, gbs, drives);
        }
        System.out.printf("best: %.2f GB/s (%d bytes)%n", best, bytes);
        // the second half of the rounds: the JIT has finished compiling by then
        double[] late = java.util.Arrays.copyOfRange(rates, rounds / 2, rounds);
        java.util.Arrays.sort(late);
        System.out.printf("median of rounds %d-%d: %.2f GB/s%n", rounds / 2 + 1, rounds, late[late.length / 2]);
    }
}
