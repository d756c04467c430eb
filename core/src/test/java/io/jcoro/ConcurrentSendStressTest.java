package io.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two threads calling send on one generator at once never corrupt it: each call either proceeds or fails at once
 * with "generator already executing", and the body sees exactly the sends that proceeded, in order.
 */
class ConcurrentSendStressTest {

    private static final int ROUNDS = 20_000;

    @Test
    void twoThreadsSending_oneProceedsTheOtherGetsAlreadyExecuting_neverCorruption() throws Exception {
        AtomicInteger received = new AtomicInteger();
        Generator<Integer, Integer, Void> counter = Generator.of(y -> {
            int expected = 0;
            Integer v = y.yield(0);
            while (true) {
                // Every value that reaches the body must be a distinct successful send.
                received.incrementAndGet();
                expected++;
                v = y.yield(expected);
                if (v == null) {
                    throw new AssertionError("null reached the body");
                }
            }
        });
        counter.next();

        AtomicInteger ok = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(2);
        Runnable sender = () -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    if (i % 64 == 0) {
                        start.await();
                    }
                    try {
                        int answer = counter.send(1);
                        assertTrue(answer > 0);
                        ok.incrementAndGet();
                    } catch (IllegalStateException e) {
                        if (!"generator already executing".equals(e.getMessage())) {
                            throw e;
                        }
                        busy.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                unexpected.compareAndSet(null, t);
                start.reset();
            }
        };
        Thread a = new Thread(sender, "sender-a");
        Thread b = Thread.ofVirtual().name("sender-b").unstarted(sender);
        a.start();
        b.start();
        a.join();
        b.join();
        if (unexpected.get() != null) {
            throw new AssertionError(unexpected.get());
        }
        assertEquals(2 * ROUNDS, ok.get() + busy.get());
        assertEquals(ok.get(), received.get(), "the body must see exactly the sends that proceeded");
        assertEquals(GeneratorState.SUSPENDED, counter.state());
        assertEquals(ok.get() + 1, counter.send(1), "the generator still works after the race");
        counter.close();
        assertEquals(GeneratorState.CLOSED, counter.state());
    }
}
