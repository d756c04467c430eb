package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The seed runner: the first failing seed, the same on any number of threads, and the replay command. */
class ExplorerTest {

    /** Two tasks race on a counter with a checkpoint between read and write: some interleavings lose an update. */
    static void racyCounter(long seed) {
        int[] counter = new int[1];
        Simulation.builder(seed).build().run("h", Generator.of(y -> {
            y.yieldFrom(Sys.group(g -> Generator.of(gy -> {
                for (int i = 0; i < 2; i++) {
                    gy.yieldFrom(g.spawn(Generator.of(iy -> {
                        int seen = counter[0];
                        iy.yieldFrom(Sys.checkpoint());
                        counter[0] = seen + 1;
                    })));
                }
            })));
            if (counter[0] != 2) {
                throw new AssertionError("lost update: counter is " + counter[0]);
            }
        }));
    }

    @Test
    void findsTheFirstFailingSeedAndSaysHowToReplayIt() {
        Explorer.Result r = Explorer.explore(0, 1000, ExplorerTest::racyCounter);
        assertTrue(r.failed());
        long seed = r.failedSeed();
        assertEquals(seed + 1, r.seedsRun());
        assertThrows(AssertionError.class, () -> racyCounter(seed)); // the seed replays the failure
        for (long s = 0; s < seed; s++) {
            racyCounter(s); // and every seed before it passes
        }
        String report = r.report(s -> "replay --seed " + s);
        assertTrue(report.startsWith("seed " + seed + " failed (" + seed + " seeds passed before it, "), report);
        assertTrue(report.endsWith("java.lang.AssertionError: lost update: counter is 1\nreplay: replay --seed "
                + seed), report);
    }

    @Test
    void severalThreadsFindTheSameSeed() {
        long one = Explorer.explore(0, 1000, ExplorerTest::racyCounter).failedSeed();
        assertEquals(one, Explorer.explore(0, 1000, 2, ExplorerTest::racyCounter).failedSeed());
    }

    @Test
    void aPassingRunReportsItsSeeds() {
        Explorer.Result r = Explorer.explore(5, 20, seed -> Simulation.builder(seed).build()
                .run("h", Generator.of(y -> y.yieldFrom(Sys.sleep(Duration.ofSeconds(seed))))));
        assertFalse(r.failed());
        assertEquals(20, r.seedsRun());
        assertTrue(r.report(s -> "").startsWith("all 20 seeds passed (5 to 24) in "), r.report(s -> ""));
        assertThrows(IllegalStateException.class, r::failedSeed);
    }
}
