package io.jcoro.bench.core;

import io.jcoro.Backend;
import io.jcoro.Generator;

/**
 * The seed's tally loop, timed by hand for {@code scripts/bench-python-tally.sh}: N sends to one tally, the same
 * loop {@code scripts/bench_python_tally.py} runs in CPython. Rounds of N sends are repeated to warm the JIT up, then
 * timed; prints the best round's nanoseconds per send as {@code java ns/send: X}.
 *
 * <p>Run: {@code java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation
 * -cp bench/target/benchmarks.jar io.jcoro.bench.core.TallyMain 5000000} (on JDK 24+ the continuation backend
 * must be asked for; the loop holds no monitor around {@code send}, which is what makes that choice safe).
 */
public final class TallyMain {
    private TallyMain() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (Generator.backend() != Backend.CONTINUATION) {
            throw new IllegalStateException("expected the continuation backend; run java with"
                    + " --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation");
        }
        for (int i = 0; i < warmups; i++) {
            round(n);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            best = Math.min(best, round(n));
        }
        System.out.printf("java ns/send: %.1f (best of %d rounds of %,d sends after %d warm-up rounds, %s backend)%n",
                (double) best / n, rounds, n, warmups, Generator.backend());
    }

    /** Nanoseconds for n sends; fails if the tally is wrong, so the loop cannot be optimised away. */
    private static long round(int n) {
        Generator<Integer, Integer, Void> tally = Gens.tally();
        tally.next();
        long start = System.nanoTime();
        int score = 0;
        for (int i = 0; i < n; i++) {
            score = tally.send(1);
        }
        long elapsed = System.nanoTime() - start;
        tally.close();
        if (score != n) {
            throw new AssertionError("tally " + score + " after " + n + " sends of 1");
        }
        return elapsed;
    }
}
