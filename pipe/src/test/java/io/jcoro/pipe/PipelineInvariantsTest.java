package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle invariants of the package documentation (P1 to P8), each checked against every kind of stage: a
 * conformance suite run once per kind, with three stages of that kind in a row.
 */
class PipelineInvariantsTest {

    /** A pass-everything stage of one kind, logging its clean-up into {@code log} where it has one. */
    interface Kind {
        Stage<Integer, Integer> stage(List<String> log, String name);
    }

    static Stream<Named<Kind>> kinds() {
        return Stream.of(
                Named.of("filter", (log, name) -> Pipes.<Integer>filter(x -> true)),
                Named.of("map", (log, name) -> Pipes.<Integer, Integer>map(x -> x)),
                Named.of("coroutine", (log, name) -> Pipes.<Integer, Integer>coroutine((in, out) -> {
                    try {
                        while (true) {
                            out.send(in.receive());
                        }
                    } finally {
                        log.add(name + " finally");
                    }
                })),
                Named.of("coroutine sending twice per item", (log, name) -> Pipes.<Integer, Integer>coroutine((in, out) -> {
                    try {
                        while (true) {
                            int x = in.receive();
                            if (x % 2 == 0) {
                                out.send(x); // sometimes one send per item, sometimes two
                            } else {
                                out.send(x);
                                out.send(-x);
                            }
                        }
                    } finally {
                        log.add(name + " finally");
                    }
                })),
                Named.of("broadcast to one", (log, name) -> down -> Pipes.<Integer>broadcast(down)),
                Named.of("mixed", (log, name) -> Pipes.<Integer>filter(x -> true)
                        .<Integer>coroutine((in, out) -> {
                            try {
                                while (true) {
                                    out.send(in.receive());
                                }
                            } finally {
                                log.add(name + " finally");
                            }
                        })
                        .map(x -> x)));
    }

    static Sink<Integer> three(Kind kind, List<String> log, Sink<Integer> end) {
        return kind.stage(log, "s1").then(kind.stage(log, "s2")).then(kind.stage(log, "s3")).into(end);
    }

    static List<Integer> expectedOut(Kind kind, List<Integer> in) {
        // The double-sending kind turns each odd x into x, -x; three in a row: -x, then x again, and so on.
        List<String> probe = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        Sink<Integer> one = kind.stage(probe, "probe").into(out::add);
        for (int x : in) {
            one.send(x);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void p1OrderEachItemArrivesInOrder(Kind kind) {
        Recorder<Integer> out = new Recorder<>();
        Sink<Integer> p = three(kind, new ArrayList<>(), out);
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            in.add(i);
            p.send(i);
        }
        List<Integer> once = expectedOut(kind, in);
        List<Integer> twice = expectedOut(kind, once);
        assertEquals(expectedOut(kind, twice), out.items());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void p2DepthFirstSendReturnsWhenTheItemWentAllTheWayDown(Kind kind) {
        Recorder<Integer> out = new Recorder<>();
        Sink<Integer> p = three(kind, new ArrayList<>(), out);
        for (int i = 0; i < 10; i += 2) {
            p.send(i);
            assertEquals(i, out.items().get(out.items().size() - 1));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void p3CloseRunsEachStagesCleanUpThenClosesBelowOnce(Kind kind) {
        List<String> log = new ArrayList<>();
        Sink<Integer> end = Pipes.sink(in -> {
            try {
                while (true) {
                    log.add("got " + in.receive());
                }
            } finally {
                log.add("end finally");
            }
        });
        Sink<Integer> p = three(kind, log, end);
        p.send(2);
        p.close();
        p.close();
        List<String> expected = new ArrayList<>(List.of("got 2"));
        for (String s : List.of("s1", "s2", "s3")) {
            if (log.contains(s + " finally")) {
                expected.add(s + " finally");
            }
        }
        expected.add("end finally");
        assertEquals(expected, log);
        assertThrows(StopIteration.class, () -> p.send(4));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void p4FinallyBlocksRunWhenTheSinkBelowFails(Kind kind) {
        List<String> log = new ArrayList<>();
        Recorder<Integer> out = new Recorder<>();
        Sink<Integer> p = three(kind, log, out);
        out.failNext = new IllegalStateException("below");
        assertThrows(IllegalStateException.class, () -> p.send(2));
        long finallies = log.stream().filter(s -> s.endsWith("finally")).count();
        assertEquals(expectedFinallyFree(kind) ? 0 : 3, finallies, log::toString); // one per coroutine stage
    }

    /** Whether this kind has no coroutine (so no finally block to log). */
    private static boolean expectedFinallyFree(Kind kind) {
        List<String> log = new ArrayList<>();
        kind.stage(log, "probe").into(new Recorder<>()).close();
        return log.isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void p5ExceptionsCrossEveryStageAsTheSameObjectCheckedOnesToo(Kind kind) {
        IOException disk = new IOException("disk full");
        Sink<Integer> failing = Pipes.sink(in -> {
            in.receive();
            throw disk;
        });
        Sink<Integer> p = three(kind, new ArrayList<>(), failing);
        Throwable t = assertThrows(Throwable.class, () -> p.send(2));
        assertSame(disk, t);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void p6NothingIsDeliveredAfterAFailure(Kind kind) {
        Recorder<Integer> out = new Recorder<>();
        Sink<Integer> p = kind.stage(new ArrayList<>(), "s1").then(Pipes.<Integer, Integer>map(x -> {
            if (x == 4) {
                throw new ArithmeticException("4");
            }
            return x;
        })).then(kind.stage(new ArrayList<>(), "s3")).into(out);
        p.send(2);
        assertThrows(ArithmeticException.class, () -> p.send(4));
        assertThrows(StopIteration.class, () -> p.send(6));
        assertTrue(out.closed());
        assertEquals(expectedOut(kind, expectedOut(kind, List.of(2))), out.items());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void p7AFinishedSinkFinishesTheStagesAboveAndPumpClosesItsSource(Kind kind) {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> evens = Generator.of(y -> {
            try {
                for (int i = 0; ; i += 2) {
                    y.yield(i);
                }
            } finally {
                log.add("source closed");
            }
        });
        Recorder<Integer> out = new Recorder<>();
        out.takeAtMost = 5;
        Pipes.pump(evens, three(kind, log, out));
        assertEquals(List.of(0, 2, 4, 6, 8), out.items());
        assertTrue(log.contains("source closed"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void p8ACoroutineEnteredWhileItsBodyRunsRefusesAndIsUnchanged(Kind kind) {
        // The sink at the bottom is a coroutine whose body sends back into the top of the pipeline: the item comes
        // down again to the sink while its body runs.
        List<Sink<Integer>> head = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        Sink<Integer> sink = Pipes.sink(in -> {
            while (true) {
                int x = in.receive();
                if (x == 2) {
                    try {
                        head.get(0).send(100);
                        seen.add("accepted");
                    } catch (IllegalStateException e) {
                        seen.add(e.getMessage());
                    }
                }
                seen.add(x);
            }
        });
        Sink<Integer> p = three(kind, new ArrayList<>(), sink);
        head.add(p);
        p.send(2);
        assertEquals(List.of("generator already executing", 2), seen);
        sink.send(7); // the refused coroutine is unchanged
        assertEquals(List.of("generator already executing", 2, 7), seen);
    }
}
