package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Structured concurrency: a group waits for its tasks, cancels the rest on failure, and leaks nothing. */
class TaskGroupTest {

    private final List<String> log = new ArrayList<>();
    private final List<Task<?>> started = new ArrayList<>();

    private static Simulation sim() {
        return Simulation.builder(1).fifo().build();
    }

    private Generator<Syscall, Object, Integer> work(String name, int ms, RuntimeException failure) {
        return Generator.returning(y -> {
            try {
                y.yieldFrom(Sys.sleep(Duration.ofMillis(ms)));
                if (failure != null) {
                    log.add(name + " fails");
                    throw failure;
                }
                log.add(name + " done");
                return ms;
            } catch (Cancelled c) {
                log.add(name + " cancelled");
                throw c;
            }
        });
    }

    @Test
    void aGroupReturnsTheBodysResultAfterEveryTaskEnded() {
        Simulation s = sim();
        int r = s.run("h", Generator.returning(y -> y.yieldFrom(Sys.group(g -> Generator.returning(gy -> {
            started.add(gy.yieldFrom(g.spawn(work("a", 30, null))));
            started.add(gy.yieldFrom(g.spawn(work("b", 10, null))));
            log.add("body returns");
            return 99;
        })))));
        assertEquals(99, r);
        assertEquals(List.of("body returns", "b done", "a done"), log);
        assertEquals(Duration.ofMillis(30), s.elapsed());
        assertTrue(started.stream().allMatch(Task::isDone));
    }

    @Test
    void aFailingTaskCancelsItsSiblingsAndTheBodyAndIsRaised() {
        IllegalStateException boom = new IllegalStateException("b broke");
        Simulation s = sim();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.run("h",
                Generator.returning(y -> y.yieldFrom(Sys.group(g -> Generator.returning(gy -> {
                    started.add(gy.yieldFrom(g.spawn(work("a", 1000, null))));
                    started.add(gy.yieldFrom(g.spawn(work("b", 10, boom))));
                    try {
                        gy.yieldFrom(Sys.sleep(Duration.ofSeconds(5)));
                    } catch (Cancelled c) {
                        log.add("body cancelled");
                        throw c;
                    }
                    return 1;
                }))))));
        assertSame(boom, e);
        assertEquals(List.of("b fails", "body cancelled", "a cancelled"), log);
        assertEquals(Duration.ofMillis(10), s.elapsed());
        assertEquals(Task.State.CANCELLED, started.get(0).state());
    }

    @Test
    void severalFailuresTheFirstIsRaisedWithTheOthersSuppressed() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second");
        RuntimeException out = assertThrows(RuntimeException.class, () -> sim().run("h",
                Generator.returning(y -> y.yieldFrom(Sys.group(g -> Generator.returning(gy -> {
                    // both fail at the same virtual instant; the group's cancel reaches neither before it fails
                    gy.yieldFrom(g.spawn(Generator.of(ay -> {
                        ay.yieldFrom(Sys.sleep(Duration.ofMillis(5)));
                        throw first;
                    })));
                    gy.yieldFrom(g.spawn(Generator.of(by -> {
                        by.yieldFrom(Sys.sleep(Duration.ofMillis(5)));
                        throw second;
                    })));
                    return 0;
                }))))));
        assertSame(first, out);
        assertArrayEquals(new Throwable[] {second}, out.getSuppressed());
    }

    @Test
    void aFailingBodyCancelsTheTasksAndItsExceptionComesFirst() {
        IllegalArgumentException bad = new IllegalArgumentException("body broke");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim().run("h",
                Generator.returning(y -> y.yieldFrom(Sys.group(g -> Generator.returning(gy -> {
                    started.add(gy.yieldFrom(g.spawn(work("a", 1000, null))));
                    gy.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
                    throw bad;
                }))))));
        assertSame(bad, e);
        assertEquals(List.of("a cancelled"), log);
        assertEquals(Task.State.CANCELLED, started.get(0).state());
    }

    @Test
    void killingTheOwnerKillsTheGroupsTasks() {
        sim().run("h", Generator.of(y -> {
            Task<Void> owner = y.yieldFrom(Sys.spawn(Generator.of(oy -> oy.yieldFrom(Sys.group(g ->
                    Generator.of(gy -> {
                        started.add(gy.yieldFrom(g.spawn(Generator.of(cy -> {
                            try {
                                cy.yieldFrom(Sys.sleep(Duration.ofHours(1)));
                            } finally {
                                log.add("child's finally");
                            }
                        }))));
                        gy.yieldFrom(Sys.sleep(Duration.ofHours(1)));
                    }))))));
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            y.yieldFrom(Sys.kill(owner));
            log.add("owner " + owner.state() + ", child " + started.get(0).state());
        }));
        assertEquals(List.of("child's finally", "owner KILLED, child KILLED"), log);
    }

    @Test
    void cancellingTheGroupStopsTheOthersOnceOneHasTheAnswer() {
        Simulation s = sim();
        String winner = s.run("h", Generator.returning(y -> {
            Channel<String> answers = Channel.create(3);
            y.yieldFrom(Sys.group(g -> Generator.of(gy -> {
                for (int ms : new int[] {30, 10, 20}) {
                    gy.yieldFrom(g.spawn(Generator.of(cy -> {
                        cy.yieldFrom(Sys.sleep(Duration.ofMillis(ms)));
                        cy.yieldFrom(answers.send("replica " + ms));
                    })));
                }
                gy.yieldFrom(answers.receive());
                gy.yieldFrom(g.cancel());
            })));
            return answers.tryReceive() == null ? "none" : "more than one";
        }));
        assertEquals("none", winner);
        assertEquals(Duration.ofMillis(10), s.elapsed());
    }

    @Test
    void aTimeoutAroundAGroupCancelsItsTasksAndWaitsForThem() {
        Simulation s = sim();
        String r = s.run("h", Generator.returning(y -> {
            try {
                y.yieldFrom(Sys.timeout(Duration.ofMillis(50), Sys.group(g -> Generator.of(gy -> {
                    started.add(gy.yieldFrom(g.spawn(work("a", 1000, null))));
                    started.add(gy.yieldFrom(g.spawn(Generator.of(cy -> {
                        try {
                            cy.yieldFrom(Sys.sleep(Duration.ofHours(1)));
                        } finally {
                            log.add("b's finally");
                        }
                    }))));
                }))));
                return "no timeout";
            } catch (TimedOut e) {
                return e.getMessage();
            }
        }));
        assertEquals("timed out after 0.05s", r);
        assertEquals(List.of("a cancelled", "b's finally"), log);
        assertTrue(started.stream().allMatch(Task::isDone));
    }

    @Test
    void aGroupThatEndedTakesNoNewTasks() {
        TaskGroup[] kept = new TaskGroup[1];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim().run("h",
                Generator.of(y -> {
                    y.yieldFrom(Sys.group(g -> Generator.of(gy -> kept[0] = g)));
                    y.yieldFrom(kept[0].spawn(work("late", 1, null)));
                })));
        assertEquals("the task group has ended: it takes no new tasks", e.getMessage());
    }

    @Test
    void gatherReturnsTheResultsInOrder() {
        Simulation s = sim();
        List<Integer> r = s.run("h", Generator.returning(y -> y.yieldFrom(Sys.gather(List.of(
                work("a", 30, null), work("b", 10, null), work("c", 20, null))))));
        assertEquals(List.of(30, 10, 20), r);
        assertEquals(Duration.ofMillis(30), s.elapsed());
    }

    @Test
    void gatherRaisesTheFirstFailureAndCancelsTheRest() {
        RuntimeException boom = new RuntimeException("c broke");
        RuntimeException e = assertThrows(RuntimeException.class, () -> sim().run("h",
                Generator.returning(y -> y.yieldFrom(Sys.gather(List.of(
                        work("a", 30, null), work("b", 10, null), work("c", 20, boom)))))));
        assertSame(boom, e);
        assertEquals(List.of("b done", "c fails", "a cancelled"), log);
    }

    @Test
    @Tag("stackful") // the outer yielder is captured by the group's body: such a body is never compiled
    void theGroupsBodyMustUseItsOwnYielder() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim().run("h",
                Generator.of(y -> y.yieldFrom(Sys.group(g -> Generator.of(gy -> y.yieldFrom(Sys.checkpoint())))))));
        assertEquals("yieldFrom called outside the running body of its generator", e.getMessage());
    }
}
