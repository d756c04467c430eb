package io.jcoro.bench.core;

import io.jcoro.Backend;
import io.jcoro.Generator;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The generators the round-trip benchmarks drive, started (past their first yield) so that every measured call is
 * a steady-state resume and suspend. One state class per backend, so that a fork on the wrong backend fails at
 * setup instead of reporting the other backend's figure.
 */
public abstract class Gens {

    /** Yields 0, 1, 2, ... for ever: the cost of {@code next()}. */
    Generator<Integer, Void, Void> counter;
    /** The seed's tally: the cost of {@code send(v)}. */
    Generator<Integer, Integer, Void> tally;

    static Generator<Integer, Void, Void> counter() {
        return Generator.of(y -> {
            int i = 0;
            while (true) {
                y.yield(i++);
            }
        });
    }

    static Generator<Integer, Integer, Void> tally() {
        return Generator.of(y -> {
            int score = 0;
            while (true) {
                score += y.yield(score);
            }
        });
    }

    final void start(Backend expected) {
        if (Generator.backend() != expected) {
            throw new IllegalStateException("this fork runs jcoro on " + Generator.backend() + ", not " + expected);
        }
        counter = counter();
        tally = tally();
        counter.next();
        tally.next();
    }

    final void stop() {
        counter.close();
        tally.close();
    }

    /** Generators on the continuation backend. */
    @State(Scope.Thread)
    public static class OnContinuation extends Gens {
        @Setup(Level.Trial)
        public void setup() {
            start(Backend.CONTINUATION);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }

    /** Generators on the virtual-thread backend. */
    @State(Scope.Thread)
    public static class OnVirtualThread extends Gens {
        @Setup(Level.Trial)
        public void setup() {
            start(Backend.VIRTUAL_THREAD);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }
}
