package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Cancellation: Cancelled at the wait, finally blocks, level triggering, and timeouts, on virtual time. */
class CancellationTest {

    private final List<String> log = new ArrayList<>();

    private static Simulation sim() {
        return Simulation.builder(1).fifo().build();
    }

    private Generator<Syscall, Object, Void> sleeper(String name, Duration d) {
        return Generator.of(y -> {
            try {
                y.yieldFrom(Sys.sleep(d));
                log.add(name + " woke");
            } catch (Cancelled c) {
                log.add(name + " cancelled: " + c.getMessage());
                throw c;
            } finally {
                log.add(name + " finally");
            }
        });
    }

    @Test
    void cancelRaisesCancelledAtTheWaitAndTheFinallyBlocksRun() {
        Simulation s = sim();
        Task<?> victim = s.run("h", Generator.returning(y -> {
            Task<Void> v = y.yieldFrom(Sys.spawn("v", sleeper("v", Duration.ofHours(1))));
            y.yieldFrom(Sys.checkpoint());
            assertTrue(y.yieldFrom(Sys.cancel(v)));
            try {
                y.yieldFrom(Sys.join(v));
            } catch (CancellationException e) {
                log.add("join: " + e.getMessage());
            }
            assertFalse(y.yieldFrom(Sys.cancel(v)));
            return v;
        }));
        assertEquals(List.of("v cancelled: task 2 (v): cancelled by task 1 (main)", "v finally",
                "join: task 2 (v) was cancelled"), log);
        assertEquals(Task.State.CANCELLED, victim.state());
        assertNull(victim.failure());
        assertEquals(Duration.ZERO, s.elapsed());
    }

    @Test
    void aReadyTaskGetsCancelledAtItsNextWait() {
        sim().run("h", Generator.of(y -> {
            Task<Void> v = y.yieldFrom(Sys.spawn(Generator.of(vy -> {
                log.add("v runs");
                long id = vy.yieldFrom(Sys.tid()); // does not wait: no Cancelled here
                log.add("v is " + id);
                try {
                    vy.yieldFrom(Sys.checkpoint());
                } catch (Cancelled c) {
                    log.add("v cancelled at its checkpoint");
                    throw c;
                }
            })));
            y.yieldFrom(Sys.cancel(v)); // v has run up to its tid request and is ready
            try {
                y.yieldFrom(Sys.join(v));
            } catch (CancellationException e) {
                log.add(e.getMessage());
            }
        }));
        assertEquals(List.of("v runs", "v is 2", "v cancelled at its checkpoint", "task 2 was cancelled"), log);
    }

    @Test
    void catchExceptionDoesNotCatchCancelled() {
        sim().run("h", Generator.of(y -> {
            Task<Void> v = y.yieldFrom(Sys.spawn(Generator.of(vy -> {
                try {
                    vy.yieldFrom(Sys.sleep(Duration.ofSeconds(1)));
                } catch (Exception e) {
                    log.add("caught as Exception");
                }
            })));
            y.yieldFrom(Sys.checkpoint());
            y.yieldFrom(Sys.cancel(v));
            y.yieldFrom(Sys.checkpoint());
            log.add(v.state().toString());
        }));
        assertEquals(List.of("CANCELLED"), log);
    }

    @Test
    void aTaskThatCatchesCancelledAndWaitsAgainIsEndedAndReported() {
        List<String> warnings = new ArrayList<>();
        List<Throwable> uncaught = new ArrayList<>();
        Simulation s = Simulation.builder(1).fifo().onWarning(warnings::add)
                .onUncaught((t, e) -> uncaught.add(e)).build();
        Task<?> stubborn = s.run("h", Generator.returning(y -> {
            Task<Void> v = y.yieldFrom(Sys.spawn("stubborn", Generator.of(vy -> {
                try {
                    while (true) {
                        try {
                            vy.yieldFrom(Sys.sleep(Duration.ofSeconds(1)));
                        } catch (Cancelled c) {
                            log.add("swallowed");
                        }
                    }
                } finally {
                    log.add("finally");
                }
            })));
            y.yieldFrom(Sys.checkpoint());
            y.yieldFrom(Sys.cancel(v));
            y.yieldFrom(Sys.sleep(Duration.ofSeconds(5)));
            return v;
        }));
        assertEquals(List.of("swallowed", "finally"), log);
        assertEquals(Task.State.FAILED, stubborn.state());
        String expected = "task 2 (stubborn) ignored Cancelled: it caught it and waited again (sleep 1000000us);"
                + " a cancelled task may clean up only with requests that do not wait";
        assertEquals(expected, stubborn.failure().getMessage());
        assertEquals(List.of(expected), warnings);
        assertEquals(List.of(stubborn.failure()), uncaught);
    }

    @Test
    void aCancelledTaskMayCleanUpWithRequestsThatDoNotWait() {
        Channel<String> done = Channel.create(1);
        String said = sim().run("h", Generator.returning(y -> {
            Task<Void> v = y.yieldFrom(Sys.spawn(Generator.of(vy -> {
                try {
                    vy.yieldFrom(Sys.sleep(Duration.ofHours(1)));
                } finally {
                    long me = vy.yieldFrom(Sys.tid());
                    vy.yieldFrom(done.send("bye from " + me)); // room in the channel: no wait
                }
            })));
            y.yieldFrom(Sys.checkpoint());
            y.yieldFrom(Sys.cancel(v));
            return y.yieldFrom(done.receive());
        }));
        assertEquals("bye from 2", said);
    }

    @Test
    void timeoutRaisesTimedOutWhenTheBodyIsTooSlowAndItsFinallyRuns() {
        Simulation s = sim();
        String r = s.run("h", Generator.returning(y -> {
            try {
                y.yieldFrom(Sys.timeout(Duration.ofMillis(10), sleeper("body", Duration.ofSeconds(1))));
                return "in time";
            } catch (TimedOut e) {
                return e.getMessage();
            }
        }));
        assertEquals("timed out after 0.01s", r);
        assertEquals(List.of("body cancelled: task 1 (main): deadline of 0.01s passed", "body finally"), log);
        assertEquals(Duration.ofMillis(10), s.elapsed());
    }

    @Test
    void timeoutReturnsTheResultWhenTheBodyIsInTime() {
        Simulation s = sim();
        int r = s.run("h", Generator.returning(y -> y.yieldFrom(Sys.timeout(Duration.ofSeconds(1),
                Generator.returning(by -> {
                    by.yieldFrom(Sys.sleep(Duration.ofMillis(3)));
                    return 5;
                })))));
        assertEquals(5, r);
        assertEquals(Duration.ofMillis(3), s.elapsed());
    }

    @Test
    void moveOnAfterGivesNullWhenTheBodyIsTooSlow() {
        Simulation s = sim();
        Integer r = s.run("h", Generator.returning(y -> y.yieldFrom(Sys.moveOnAfter(Duration.ofMillis(7),
                Generator.returning(by -> {
                    by.yieldFrom(Sys.sleep(Duration.ofMillis(30)));
                    return 5;
                })))));
        assertNull(r);
        assertEquals(Duration.ofMillis(7), s.elapsed());
    }

    @Test
    void nestedTimeoutsTheOuterDeadlinePassesThroughTheInnerOne() {
        Simulation s = sim();
        String r = s.run("h", Generator.returning(y -> {
            try {
                y.yieldFrom(Sys.timeout(Duration.ofMillis(10), Generator.returning(oy -> {
                    try {
                        return oy.yieldFrom(Sys.timeout(Duration.ofHours(1), sleeper("inner", Duration.ofHours(2))));
                    } catch (TimedOut inner) {
                        return "inner timeout caught: wrong";
                    }
                })));
                return "no timeout";
            } catch (TimedOut outer) {
                return "outer: " + outer.getMessage();
            }
        }));
        assertEquals("outer: timed out after 0.01s", r);
        assertEquals(Duration.ofMillis(10), s.elapsed());
    }

    @Test
    void nestedTimeoutsTheInnerDeadlineIsCaughtInsideTheOuterOne() {
        Simulation s = sim();
        String r = s.run("h", Generator.returning(y -> y.yieldFrom(Sys.timeout(Duration.ofHours(1),
                Generator.returning(oy -> {
                    String inner;
                    try {
                        inner = oy.yieldFrom(Sys.timeout(Duration.ofMillis(5), Generator.returning(iy -> {
                            iy.yieldFrom(Sys.sleep(Duration.ofSeconds(1)));
                            return "inner finished";
                        })));
                    } catch (TimedOut e) {
                        inner = "inner " + e.getMessage();
                    }
                    oy.yieldFrom(Sys.sleep(Duration.ofMillis(20)));
                    return inner + ", outer went on";
                })))));
        assertEquals("inner timed out after 0.005s, outer went on", r);
        assertEquals(Duration.ofMillis(25), s.elapsed());
    }

    @Test
    void aCancelledTaskIsNotMistakenForATimeout() {
        sim().run("h", Generator.of(y -> {
            Task<String> v = y.yieldFrom(Sys.spawn(Generator.returning(vy -> {
                try {
                    vy.yieldFrom(Sys.timeout(Duration.ofHours(1), sleeper("inner", Duration.ofHours(2))));
                    return "finished";
                } catch (TimedOut e) {
                    return "timed out: wrong";
                }
            })));
            y.yieldFrom(Sys.checkpoint());
            y.yieldFrom(Sys.cancel(v));
            y.yieldFrom(Sys.sleep(Duration.ofSeconds(1)));
            log.add(v.state().toString());
        }));
        assertEquals(List.of("inner cancelled: task 2: cancelled by task 1 (main)", "inner finally", "CANCELLED"), log);
    }

    @Test
    void anExpiredTimeoutStillRunsTheBodyUpToItsFirstWait() {
        String r = sim().run("h", Generator.returning(y -> {
            try {
                return y.yieldFrom(Sys.timeout(Duration.ZERO, Generator.returning(by -> {
                    log.add("body started");
                    by.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
                    return "finished";
                })));
            } catch (TimedOut e) {
                return "timed out";
            }
        }));
        assertEquals("timed out", r);
        assertEquals(List.of("body started"), log);
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sys.timeout(Duration.ofSeconds(-1), Generator.of(y -> { })));
        assertEquals("negative timeout PT-1S", e.getMessage());
    }
}
