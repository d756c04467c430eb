package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bridges to the world outside the scheduler: blocking work, futures, and consumers such as pipelines. */
@Timeout(30)
class BridgesTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void blockingWorkRunsOnAnotherThreadWhileTheOtherTasksGoOn() {
        Thread loop = Thread.currentThread();
        int[] ticks = new int[1];
        String where = Scheduler.create().run(Generator.returning(y -> {
            Task<Void> ticker = y.yieldFrom(Sys.spawn(Generator.of(ty -> {
                while (true) {
                    ty.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
                    ticks[0]++;
                }
            })));
            Thread worker = y.yieldFrom(Sys.blocking(() -> {
                Thread.sleep(100);
                return Thread.currentThread();
            }));
            y.yieldFrom(Sys.kill(ticker));
            return worker == loop ? "on the loop thread" : "elsewhere";
        }));
        assertEquals("elsewhere", where);
        assertTrue(ticks[0] >= 2, ticks[0] + " ticks while the work ran"); // 1 ms ticks during 100 ms of work
    }

    @Test
    void theWorksExceptionIsRaisedInTheTask() {
        IOException boom = new IOException("disk gone");
        Object caught = Scheduler.create().run(Generator.returning(y -> {
            try {
                y.yieldFrom(Sys.blocking(() -> {
                    throw boom;
                }));
                return "nothing";
            } catch (Exception e) {
                return e;
            }
        }));
        assertSame(boom, caught);
    }

    @Test
    void cancellingATaskThatWaitsForBlockingWorkInterruptsTheWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Task.State worker = Scheduler.create().run(Generator.returning(y -> {
            Task<Integer> w = y.yieldFrom(Sys.spawn(Sys.blocking(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return 1;
            })));
            while (started.getCount() > 0) { // cancel once the work runs, or it is merely never started
                y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            }
            y.yieldFrom(Sys.cancel(w));
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            return w.state();
        }));
        assertEquals(Task.State.CANCELLED, worker);
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
    }

    @Test
    void awaitTakesTheValueOfAFutureCompletedElsewhere() {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            f.complete("from another thread");
        });
        assertEquals("from another thread", Scheduler.create().run(Generator.returning(y -> y.yieldFrom(Sys.await(f)))));
    }

    @Test
    void awaitRaisesTheFuturesExceptionUnwrapped() {
        IllegalStateException boom = new IllegalStateException("failed elsewhere");
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
            throw boom;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Scheduler.create().run(Generator.returning(y -> y.yieldFrom(Sys.await(f)))));
        assertSame(boom, e);
    }

    @Test
    void aSimulationRunsBlockingWorkAtOnceAndRefusesPendingFutures() {
        Simulation s = Simulation.builder(1).build();
        String r = s.run("h", Generator.returning(y -> {
            String got = y.yieldFrom(Sys.blocking(() -> Thread.currentThread().getName()));
            try {
                y.yieldFrom(Sys.await(new CompletableFuture<String>()));
            } catch (IllegalStateException e) {
                return got.isEmpty() + " " + e.getMessage();
            }
            return "waited";
        }));
        assertEquals("false a simulation cannot wait for a future that is not complete: it would depend on threads"
                + " outside the simulation", r);
        assertEquals(Duration.ZERO, s.elapsed());
    }

    /** A consumer that can be closed, as a pipeline's sink is. */
    private final class Recording implements Consumer<String>, AutoCloseable {
        private final int takes;

        Recording(int takes) {
            this.takes = takes;
        }

        @Override
        public void accept(String s) {
            if (log.size() == takes) {
                throw new StopIteration();
            }
            log.add(s);
        }

        @Override
        public void close() {
            log.add("closed");
        }
    }

    @Test
    void drainToHandsEveryItemToTheSinkAndClosesIt() {
        Channel<String> ch = Channel.create(2);
        long n = Simulation.builder(1).build().run("h", Generator.returning(y -> {
            Task<Long> drain = y.yieldFrom(Sys.spawn(ch.drainTo(new Recording(10))));
            for (String s : List.of("a", "b", "c")) {
                y.yieldFrom(ch.send(s));
            }
            ch.close();
            return y.yieldFrom(Sys.join(drain));
        }));
        assertEquals(3, n);
        assertEquals(List.of("a", "b", "c", "closed"), log);
    }

    @Test
    void drainToStopsWhenTheSinkTakesNoMore() {
        Channel<String> ch = Channel.create(5);
        long n = Simulation.builder(1).build().run("h", Generator.returning(y -> {
            for (String s : List.of("a", "b", "c")) {
                y.yieldFrom(ch.send(s));
            }
            return y.yieldFrom(ch.drainTo(new Recording(2)));
        }));
        assertEquals(2, n);
        assertEquals(List.of("a", "b", "closed"), log);
        assertEquals(0, ch.size()); // "c" was taken from the channel and refused by the sink: it is gone
    }
}
