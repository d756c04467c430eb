package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Coroutine;
import io.jcoro.StopIteration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadedTest {

    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "thread never blocked: " + t.getState());
            Thread.sleep(1);
        }
    }

    @Test
    void deliversEveryItemInOrderOnAnotherVirtualThreadAndCloseDrains() {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> worker = new AtomicReference<>();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Sink<Integer> target = Pipes.sink(in -> {
            try {
                while (true) {
                    got.add(in.receive());
                    worker.set(Thread.currentThread());
                }
            } finally {
                log.add("target closed");
            }
        });
        Sink<Integer> t = Pipes.threaded(target, 4);
        for (int i = 0; i < 1000; i++) {
            t.send(i);
        }
        t.close(); // returns only when all 1000 went through and the target's finally ran
        assertEquals(1000, got.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, got.get(i));
        }
        assertEquals(List.of("target closed"), log);
        assertNotSame(Thread.currentThread(), worker.get());
        assertTrue(worker.get().isVirtual());
        assertThrows(StopIteration.class, () -> t.send(1));
    }

    @Test
    void sendWaitsWhileTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handling = new CountDownLatch(1);
        Recorder<Integer> out = new Recorder<>();
        Sink<Integer> t = Pipes.<Integer>threaded(2).into(x -> {
            if (x == 0) {
                handling.countDown();
                await(release);
            }
            out.send(x);
        });
        t.send(0);
        await(handling); // the worker holds item 0
        t.send(1);
        t.send(2); // the queue (capacity 2) is now full
        Thread sender = Thread.ofPlatform().start(() -> t.send(3));
        awaitBlocked(sender);
        release.countDown();
        sender.join(5_000);
        t.close();
        assertEquals(List.of(0, 1, 2, 3), out.items());
    }

    @Test
    void aTargetFailureIsThrownAsIsByTheNextSendAndLaterItemsAreDropped() {
        RuntimeException boom = new RuntimeException("boom");
        CountDownLatch failed = new CountDownLatch(1);
        Recorder<Integer> out = new Recorder<>();
        Sink<Integer> t = Pipes.<Integer>threaded(16).into(Pipes.<Integer, Integer>map(x -> {
            if (x == 3) {
                failed.countDown();
                throw boom;
            }
            return x;
        }).into(out));
        t.send(1);
        t.send(2);
        t.send(3); // fails on the worker, after this send has returned
        await(failed);
        // Sends go on until the sender learns of the failure; what they queue meanwhile is dropped.
        RuntimeException thrown = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 4; thrown == null; i++) {
            assertTrue(System.nanoTime() < deadline);
            try {
                t.send(i);
            } catch (RuntimeException e) {
                thrown = e;
            }
        }
        assertSame(boom, thrown);
        assertEquals(List.of(1, 2), out.items());
        assertTrue(out.closed());
        assertThrows(StopIteration.class, () -> t.send(7));
        t.close(); // already reported: nothing more
    }

    @Test
    void aTargetFailureIsThrownByCloseWhenNothingIsSentAfterIt() {
        IllegalStateException boom = new IllegalStateException("boom");
        Sink<Integer> t = Pipes.threaded(Pipes.<Integer>to(x -> {
            throw boom;
        }));
        t.send(1);
        assertSame(boom, assertThrows(IllegalStateException.class, t::close));
    }

    @Test
    void aTargetThatFinishesMakesTheNextSendThrowStopIteration() throws Exception {
        Recorder<Integer> out = new Recorder<>();
        out.takeAtMost = 2;
        Sink<Integer> t = Pipes.threaded(out, 8);
        t.send(1);
        t.send(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!out.closed()) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(1);
        }
        assertThrows(StopIteration.class, () -> t.send(3));
        assertEquals(List.of(1, 2), out.items());
    }

    @Test
    void interruptingABlockedSenderCancelsDropsTheQueueAndClosesTheTarget() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handling = new CountDownLatch(1);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Sink<Integer> target = Pipes.sink(in -> {
            try {
                while (true) {
                    int x = in.receive();
                    if (x == 0) {
                        handling.countDown();
                        await(release);
                    }
                    log.add("got " + x);
                }
            } finally {
                log.add("target closed");
            }
        });
        Sink<Integer> t = Pipes.threaded(target, 1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread sender = Thread.ofPlatform().start(() -> {
            t.send(0);
            await(handling);
            t.send(1); // queued
            try {
                t.send(2); // blocks: the queue is full
                outcome.set("sent?");
            } catch (StopIteration cancelled) {
                outcome.set(Thread.currentThread().isInterrupted() ? "cancelled, interrupted" : "cancelled");
            }
        });
        awaitBlocked(sender);
        sender.interrupt();
        sender.join(5_000);
        assertEquals("cancelled, interrupted", outcome.get());
        release.countDown(); // the item being handled completes; item 1 was dropped
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!log.contains("target closed")) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(1);
        }
        assertEquals(List.of("got 0", "target closed"), log);
    }

    /**
     * Beazley's cocrash.py: two threaded greps into one shared coroutine printer. In Python the second thread's
     * send fails with "generator already executing"; here too, deterministically, and the printer is intact.
     */
    @Test
    void twoThreadsSendingIntoOneCoroutineGetAlreadyExecutingNeverCorruption() {
        CountDownLatch printerBusy = new CountDownLatch(1);
        CountDownLatch collided = new CountDownLatch(1);
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Coroutine<String> printer = Coroutine.of(in -> {
            try {
                while (true) {
                    String line = in.receive();
                    if (printed.isEmpty()) {
                        printerBusy.countDown();
                        await(collided); // stay inside until the other thread has tried to send
                    }
                    printed.add(line);
                }
            } finally {
                log.add("printer closed");
            }
        });
        AtomicReference<Throwable> refused = new AtomicReference<>();
        Sink<String> p = Pipes.sink(printer);
        Sink<String> witness = new Sink<>() { // sees what the second thread's send into the printer got
            @Override
            public void send(String item) {
                try {
                    p.send(item);
                } catch (IllegalStateException e) {
                    refused.set(e);
                    collided.countDown();
                    throw e;
                }
            }

            @Override
            public void close() {
                p.close();
            }
        };
        Sink<String> target = Pipes.broadcast(
                Pipes.threaded(Pipes.grep("foo").into(p)),
                Pipes.threaded(Pipes.grep("bar").into(witness)));
        target.send("foo is nice");
        await(printerBusy);
        target.send("bar is bad");
        await(collided);
        assertEquals("generator already executing", refused.get().getMessage());
        // The failure comes back to the sender as the same object: here from close, which drains both branches.
        Throwable t = assertThrows(IllegalStateException.class, target::close);
        assertSame(refused.get(), t);
        assertEquals(List.of("foo is nice"), printed); // whole items only, and the printer still works
        assertEquals(List.of("printer closed"), log);
    }

    @Test
    void serializedFanInFromTwoThreadsDeliversEverythingAndClosesTheTargetOnce() {
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Sink<String> printer = Pipes.sink(in -> {
            try {
                while (true) {
                    printed.add(in.receive());
                }
            } finally {
                log.add("printer closed");
            }
        });
        List<Sink<String>> inputs = Pipes.fanIn(2, Pipes.serialized(printer));
        Sink<String> target = Pipes.broadcast(
                Pipes.threaded(Pipes.grep("foo").into(inputs.get(0))),
                Pipes.threaded(Pipes.grep("bar").into(inputs.get(1))));
        for (int i = 0; i < 200; i++) {
            target.send("foo is nice");
            target.send("bar is bad");
        }
        target.close();
        assertEquals(400, printed.size());
        assertEquals(200, printed.stream().filter(s -> s.startsWith("foo")).count());
        assertEquals(List.of("printer closed"), log);
    }
}
