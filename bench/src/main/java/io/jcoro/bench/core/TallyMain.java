package io.jcoro.bench.core;

import io.jcoro.Backend;
import io.jcoro.Generator;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The seed's tally loop, timed by hand for {@code scripts/bench-python-tally.sh}: N sends to one tally, the same
 * loop {@code scripts/bench_python_tally.py} runs in CPython. Rounds of N sends are repeated to warm the JIT up, then
 * timed; prints the best round's nanoseconds per send as {@code java ns/send: X}. For scale it also times the same
 * loop on a bare {@code jdk.internal.vm.Continuation} (the value passed through a field): the floor any
 * continuation-based generator on this JVM can reach.
 *
 * <p>Run: {@code java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation -Djcoro.compile=false
 * -cp bench/target/benchmarks.jar io.jcoro.bench.core.TallyMain 5000000} (on JDK 24+ the continuation backend
 * must be asked for; the loop holds no monitor around {@code send}, which is what makes that choice safe).
 */
public final class TallyMain {
    private TallyMain() {
    }

    private static final ContinuationScope SCOPE = new ContinuationScope("tally");

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (Generator.backend() != Backend.CONTINUATION) {
            throw new IllegalStateException("expected the continuation backend; run java with"
                    + " --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation"
                    + " -Djcoro.compile=false");
        }
        for (int i = 0; i < warmups; i++) {
            jcoroRound(n);
            rawRound(n);
        }
        long best = Long.MAX_VALUE;
        long bestRaw = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            best = Math.min(best, jcoroRound(n));
            bestRaw = Math.min(bestRaw, rawRound(n));
        }
        System.out.printf("java ns/send: %.1f (best of %d rounds of %,d sends after %d warm-up rounds, %s backend)%n",
                (double) best / n, rounds, n, warmups, Generator.backend());
        System.out.printf("raw continuation ns/send: %.1f (the same loop on a bare jdk.internal.vm.Continuation)%n",
                (double) bestRaw / n);
    }

    /** Nanoseconds for n sends; fails if the tally is wrong, so the loop cannot be optimised away. */
    private static long jcoroRound(int n) {
        Generator<Integer, Integer, Void> tally = Gens.tally();
        tally.next();
        long start = System.nanoTime();
        int score = 0;
        for (int i = 0; i < n; i++) {
            score = tally.send(1);
        }
        long elapsed = System.nanoTime() - start;
        tally.close();
        check(score, n);
        return elapsed;
    }

    /** The tally on a bare continuation: {@code sent} in, {@code score} out, through fields. */
    private static final class RawTally implements Runnable {
        int sent;
        int score;

        @Override
        public void run() {
            while (true) {
                Continuation.yield(SCOPE);
                score += sent;
            }
        }
    }

    private static long rawRound(int n) {
        RawTally t = new RawTally();
        Continuation c = new Continuation(SCOPE, t);
        c.run();
        long start = System.nanoTime();
        int score = 0;
        for (int i = 0; i < n; i++) {
            t.sent = 1;
            c.run();
            score = t.score;
        }
        long elapsed = System.nanoTime() - start;
        check(score, n);
        return elapsed;
    }

    private static void check(int score, int n) {
        if (score != n) {
            throw new AssertionError("tally " + score + " after " + n + " sends of 1");
        }
    }
}
