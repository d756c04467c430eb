package io.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Python closes an abandoned suspended generator when it is collected, so its finally blocks run. jcoro does the
 * same through a Cleaner. Runs on whichever backend the surefire execution selects.
 */
class AbandonedGeneratorLeakTest {

    private static final int COUNT = 100_000;

    /** A resource each generator holds while suspended; released only by the body's finally block. */
    static final AtomicInteger OPEN = new AtomicInteger();

    @Test
    void abandoned100kSuspendedGenerators_releaseEveryResource_leaveNoThread_andReturnTheHeap() throws Exception {
        int threadsBefore = Thread.activeCount();
        long heapBefore = settledHeap();
        int liveBodiesBefore = ThreadFiber.LIVE.get();

        abandon(COUNT);
        assertTrue(OPEN.get() > 0, "the generators should hold their resources while reachable");

        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((OPEN.get() > 0 || ThreadFiber.LIVE.get() > liveBodiesBefore) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(0, OPEN.get(), "resources still held by abandoned generators after GC");
        assertEquals(liveBodiesBefore, ThreadFiber.LIVE.get(), "generator body threads still alive");
        assertTrue(Thread.activeCount() <= threadsBefore + 1,
                "platform threads before " + threadsBefore + ", after " + Thread.activeCount());
        long heapAfter = settledHeap();
        long grown = heapAfter - heapBefore;
        assertTrue(grown < 32L * 1024 * 1024,
                "heap grew by " + grown / 1024 + " KiB after abandoning " + COUNT + " generators on " + Generator.backend());
    }

    private static void abandon(int n) {
        for (int i = 0; i < n; i++) {
            Generator<Integer, Void, Void> g = Generator.of(y -> {
                OPEN.incrementAndGet();
                try {
                    y.yield(1);
                    y.yield(2);
                } finally {
                    OPEN.decrementAndGet();
                }
            });
            assertEquals(1, g.next());
        }
    }

    private static long settledHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(30);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
