package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scheduler's core: tasks, ids, spawn, kill, join, sleep, checkpoints, and what goes wrong. */
class SchedulerTest {

    private final List<String> log = new ArrayList<>();

    private Generator<Syscall, Object, Void> loop(String name, int times) {
        return Generator.of(y -> {
            for (int i = 0; i < times; i++) {
                log.add(name + " " + i);
                y.yieldFrom(Sys.checkpoint());
            }
        });
    }

    @Test
    void runReturnsTheMainTasksResult() {
        assertEquals(42, Scheduler.create().run(Generator.<Syscall, Object, Integer>returning(y -> 42)));
    }

    @Test
    void tidIsOneForTheFirstTaskAndCountsUp() {
        Scheduler s = Scheduler.create();
        List<Long> ids = s.run(Generator.returning(y -> {
            long me = y.yieldFrom(Sys.tid());
            Task<Long> child = y.yieldFrom(Sys.spawn(Generator.returning(cy -> cy.yieldFrom(Sys.tid()))));
            return List.of(me, y.yieldFrom(Sys.join(child)), child.id());
        }));
        assertEquals(List.of(1L, 2L, 2L), ids);
    }

    @Test
    void tasksAlternateAtEachCheckpoint() {
        Scheduler s = Scheduler.create();
        s.spawn(loop("foo", 3));
        s.spawn(loop("bar", 2));
        s.run();
        assertEquals(List.of("foo 0", "bar 0", "foo 1", "bar 1", "foo 2"), log);
    }

    @Test
    void aSpawnedTaskRunsBeforeItsParentGoesOn() {
        Scheduler.create().run(Generator.of(y -> {
            log.add("parent spawns");
            y.yieldFrom(Sys.spawn(Generator.of(cy -> log.add("child runs"))));
            log.add("parent goes on");
        }));
        assertEquals(List.of("parent spawns", "child runs", "parent goes on"), log);
    }

    @Test
    void joinReturnsTheChildsResult() {
        int r = Scheduler.create().run(Generator.returning(y -> {
            Task<Integer> child = y.yieldFrom(Sys.spawn(Generator.returning(cy -> {
                cy.yieldFrom(Sys.sleep(Duration.ofMillis(2)));
                return 7;
            })));
            return y.yieldFrom(Sys.join(child)) * 6;
        }));
        assertEquals(42, r);
    }

    @Test
    void joinRaisesTheChildsExceptionItself() {
        IOException boom = new IOException("disk on fire");
        Object caught = Scheduler.create().run(Generator.returning(y -> {
            Task<Void> child = y.yieldFrom(Sys.spawn(Generator.of(cy -> {
                throw boom;
            })));
            try {
                y.yieldFrom(Sys.join(child));
                return "no exception";
            } catch (Exception e) {
                return e;
            }
        }));
        assertSame(boom, caught);
    }

    @Test
    void killRunsTheVictimsFinallyBeforeReturning() {
        Scheduler.create().run(Generator.of(y -> {
            Task<Void> victim = y.yieldFrom(Sys.spawn(Generator.of(vy -> {
                try {
                    vy.yieldFrom(Sys.sleep(Duration.ofHours(1)));
                } finally {
                    log.add("victim's finally");
                }
            })));
            y.yieldFrom(Sys.checkpoint());
            boolean killed = y.yieldFrom(Sys.kill(victim));
            log.add("killed " + killed + ", state " + victim.state());
            log.add("again " + y.yieldFrom(Sys.kill(victim)));
            try {
                y.yieldFrom(Sys.join(victim));
            } catch (CancellationException e) {
                log.add(e.getMessage());
            }
        }));
        assertEquals(List.of("victim's finally", "killed true, state KILLED", "again false", "task 2 was killed"), log);
    }

    @Test
    void sleepWaitsOnTheRealClock() {
        long t0 = System.nanoTime();
        Scheduler.create().run(Generator.of(y -> y.yieldFrom(Sys.sleep(Duration.ofMillis(30)))));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void sleepersWakeInDeadlineOrder() {
        Scheduler.create().run(Generator.of(y -> {
            for (int ms : new int[] {30, 10, 20}) {
                y.yieldFrom(Sys.spawn(Generator.of(cy -> {
                    cy.yieldFrom(Sys.sleep(Duration.ofMillis(ms)));
                    log.add("woke " + ms);
                })));
            }
            y.yieldFrom(Sys.sleep(Duration.ofMillis(50)));
        }));
        assertEquals(List.of("woke 10", "woke 20", "woke 30"), log);
    }

    @Test
    void theMainTasksCheckedExceptionComesOutOfRunAsIs() {
        IOException boom = new IOException("boom");
        IOException out = assertThrows(IOException.class,
                () -> Scheduler.create().run(Generator.of(y -> {
                    y.yieldFrom(Sys.checkpoint());
                    throw boom;
                })));
        assertSame(boom, out);
    }

    @Test
    void yieldingSomethingThatIsNotARequestEndsThatTaskOnlyWithAClearError() {
        List<String> uncaught = new ArrayList<>();
        Scheduler s = Scheduler.builder().onUncaught((t, e) -> uncaught.add(e.getMessage())).build();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Generator<Syscall, Object, Void> bad = (Generator) Generator.of(y -> {
            try {
                y.yield(42);
            } finally {
                log.add("bad's finally");
            }
        });
        s.spawn("bad", bad);
        s.spawn(loop("good", 2));
        s.run();
        assertEquals(List.of("bad's finally", "good 0", "good 1"), log);
        assertEquals(1, uncaught.size());
        assertTrue(uncaught.get(0).startsWith("task 1 (bad) yielded 42 (java.lang.Integer), which is not a request"),
                uncaught.get(0));
    }

    @Test
    void aRequestUsedOutsideASchedulerFailsAtItsYieldFrom() {
        Generator<Syscall, Object, Long> task = Generator.returning(y -> y.yieldFrom(Sys.tid()));
        Syscall first = task.next();
        assertEquals("tid", first.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, task::next);
        assertTrue(e.getMessage().startsWith("tid was resumed without a scheduler carrying it out"), e.getMessage());
    }

    @Test
    void aYieldedRequestWorksLikeBeazleysSystemCall() {
        long tid = Scheduler.create().run(Generator.returning(y -> (Long) y.yield(Sys.tid().next())));
        assertEquals(1L, tid);
    }

    @Test
    void aDeadlockFailsTheRunNamingEachTaskAndWhatItWaitsFor() {
        Scheduler s = Scheduler.create();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.run(Generator.of(y -> {
            Task<?> me = y.yieldFrom(Sys.current());
            Task<Object> other = y.yieldFrom(Sys.spawn("other", Generator.returning(oy -> oy.yieldFrom(Sys.join(me)))));
            try {
                y.yieldFrom(Sys.join(other));
            } finally {
                log.add("main's finally");
            }
        })));
        assertEquals("deadlock: every task waits and nothing can wake them:\n  task 1 (main) waits in join 2\n"
                + "  task 2 (other) waits in join 1", e.getMessage());
        assertEquals(List.of("main's finally"), log);
    }

    @Test
    void tasksStillRunningWhenMainEndsAreCancelledAndFinishFirst() {
        Scheduler.create().run(Generator.of(y -> {
            y.yieldFrom(Sys.spawn(Generator.of(cy -> {
                try {
                    cy.yieldFrom(Sys.sleep(Duration.ofHours(1)));
                } catch (Cancelled c) {
                    log.add(c.getMessage());
                    throw c;
                }
            })));
            y.yieldFrom(Sys.checkpoint());
        }));
        assertEquals(List.of("task 2: the main task ended"), log);
    }

    @Test
    void aFailureNobodyJoinsIsReported() {
        List<String> uncaught = new ArrayList<>();
        Scheduler s = Scheduler.builder().onUncaught((t, e) -> uncaught.add(t + ": " + e.getMessage())).build();
        s.run(Generator.of(y -> {
            y.yieldFrom(Sys.spawn("lost", Generator.of(cy -> {
                throw new IllegalArgumentException("nobody hears this");
            })));
            y.yieldFrom(Sys.checkpoint());
        }));
        assertEquals(List.of("task 2 (lost): nobody hears this"), uncaught);
    }

    @Test
    void subroutinesAreYieldFromAndReturnTheirValue() {
        int r = Scheduler.create().run(Generator.returning(y -> {
            int a = y.yieldFrom(add(2, 2));
            return y.yieldFrom(add(a, 3));
        }));
        assertEquals(7, r);
    }

    /** Beazley's trampoline example's {@code add}, as a subroutine: it makes a request and returns a value. */
    private static Generator<Syscall, Object, Integer> add(int x, int y) {
        return Generator.returning(sy -> {
            sy.yieldFrom(Sys.checkpoint());
            return x + y;
        });
    }

    @Test
    void theWatchdogReportsATaskThatHeldTheThread() {
        List<String> warnings = new ArrayList<>();
        Scheduler s = Scheduler.builder().watchdog(Duration.ofMillis(20)).onWarning(warnings::add).build();
        s.run("hog", Generator.of(y -> {
            y.yieldFrom(Sys.checkpoint());
            Thread.sleep(60);
            y.yieldFrom(Sys.checkpoint());
        }));
        // the step that slept 60 ms is reported (a busy machine may add a report of another slow step)
        assertTrue(warnings.stream().anyMatch(w -> w.matches("task 1 \\(hog\\) ran (6\\d|[7-9]\\d|\\d{3,}) ms without"
                + " yielding \\(watchdog: 20 ms\\); it held up every other task")), warnings.toString());
    }

    @Test
    void submitHandsATaskToASchedulerRunningOnAnotherThread() throws Exception {
        Scheduler s = Scheduler.create();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        Thread loop = Thread.ofVirtual().start(() -> s.run(Generator.of(y -> {
            while (!stop.isDone()) {
                y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            }
        })));
        CompletableFuture<Long> r = s.submit(Generator.returning(y -> y.yieldFrom(Sys.tid())));
        assertEquals(2L, r.get(10, TimeUnit.SECONDS));
        stop.complete(null);
        loop.join();
    }

    @Test
    void aTaskCannotJoinItself() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Scheduler.create().run(Generator.of(y -> {
                    Task<?> me = y.yieldFrom(Sys.current());
                    y.yieldFrom(Sys.join(me));
                })));
        assertEquals("task 1 (main) cannot join itself", e.getMessage());
    }

    @Test
    void aSchedulerRefusesATaskOfAnother() {
        Scheduler a = Scheduler.create();
        Task<Void> foreign = a.spawn(Generator.of(y -> { }));
        a.run();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scheduler.create().run(Generator.returning(y -> y.yieldFrom(Sys.join(foreign)))));
        assertEquals("task 1 belongs to another scheduler", e.getMessage());
        assertFalse(foreign.failure() != null);
    }

    @Test
    void onTheVirtualThreadBackendTheLoopRunsOnAVirtualThread() {
        Thread caller = Thread.currentThread();
        Thread[] loop = new Thread[1];
        Scheduler.builder().onTaskEnd(t -> loop[0] = Thread.currentThread()).build()
                .run(Generator.of(y -> y.yieldFrom(Sys.checkpoint())));
        if (Generator.backend() == io.jcoro.Backend.VIRTUAL_THREAD) {
            assertTrue(loop[0].isVirtual() && loop[0] != caller, String.valueOf(loop[0]));
        } else {
            assertSame(caller, loop[0]);
        }
    }

    @Test
    void interruptingTheThreadThatRunsTheSchedulerStopsItAndClosesEveryTask() throws Exception {
        CompletableFuture<Throwable> out = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                Scheduler.create().run(Generator.of(y -> {
                    try {
                        started.countDown();
                        y.yieldFrom(Sys.sleep(Duration.ofHours(1)));
                    } finally {
                        log.add("finally");
                    }
                }));
                out.complete(null);
            } catch (Throwable t) {
                out.complete(t);
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(20);
        runner.interrupt();
        Throwable t = out.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof CancellationException, String.valueOf(t));
        assertEquals("the scheduler's thread was interrupted", t.getMessage());
        assertEquals(List.of("finally"), log);
    }
}
