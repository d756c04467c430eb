package io.jcoro.disklog;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
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
final class Throughput {
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
            for (int i = 1; i < args.length; i++) {
                inputs.add(new Input(args[i], Path.of(args[i])));
            }
            long t0 = System.nanoTime();
            Generator<Drive, Void, Correlator.Findings> c = Correlator.over(
                    Matcher.over(Sources.chunks(inputs, System.in, false, Duration.ofMillis(100), null)), Resolver.NONE, false);
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
