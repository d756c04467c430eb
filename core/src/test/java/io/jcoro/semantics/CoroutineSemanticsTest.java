package io.jcoro.semantics;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import io.jcoro.testing.Checkpoints;
import io.jcoro.testkit.Harness;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Part I of docs/semantics.md, for jcoro's {@link Coroutine}: Beazley's primed generator-based coroutine
 * ({@code item = (yield)}), which in Python is a generator. It therefore keeps the generator rules and wording
 * ("generator already executing", "generator ignored GeneratorExit", StopIteration when sending to a finished one);
 * Part I's {@code async def} wording ("coroutine ...") and "cannot reuse already awaited coroutine" belong to
 * native coroutines, which have no counterpart here, and are not ported. "can't send non-None value to a
 * just-started coroutine" cannot happen: a Coroutine is primed when created.
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoroutineSemanticsTest {

    @RegisterExtension
    final Checkpoints steps = new Checkpoints();

    @Test
    void i_ofPrimesTheBodyUpToItsFirstReceive_soSendWorksAtOnce() {
        List<String> trace = new ArrayList<>();
        Coroutine<String> grep = Harness.coroutine(lines -> {
            trace.add("Searching for coroutine");
            while (true) {
                String line = lines.receive();
                if (line.contains("coroutine")) {
                    trace.add(line);
                }
            }
        });
        assertEquals(List.of("Searching for coroutine"), trace);
        assertEquals(GeneratorState.SUSPENDED, grep.state());
        grep.send("I love you");
        grep.send("I love coroutines instead!");
        grep.send("Don't forget to check coroutine");
        assertEquals(List.of("Searching for coroutine", "I love coroutines instead!",
                "Don't forget to check coroutine"), trace);
    }

    @Test
    void i_theBodyKeepsItsStateOnItsStackBetweenItems_andAcceptIsSend() {
        List<Integer> totals = new ArrayList<>();
        Coroutine<Integer> tally = Harness.coroutine(in -> {
            int score = 0;
            while (true) {
                score += in.receive();
                totals.add(score);
            }
        });
        List.of(3, 2, 4).forEach(tally);
        tally.accept(1);
        assertEquals(List.of(3, 5, 9, 10), totals);
    }

    @Test
    void i_closeRaisesGeneratorExitAtTheReceive_finallyRuns_andClosingTwiceIsSafe() {
        List<String> trace = new ArrayList<>();
        Coroutine<String> c = Harness.coroutine(in -> {
            try {
                while (true) {
                    in.receive();
                }
            } catch (GeneratorExit e) {
                trace.add("GeneratorExit");
                throw e;
            } finally {
                trace.add("finally");
            }
        });
        c.close();
        assertEquals(List.of("GeneratorExit", "finally"), trace);
        assertEquals(GeneratorState.CLOSED, c.state());
        c.close();
        assertEquals(List.of("GeneratorExit", "finally"), trace);
    }

    @Test
    void i_aBodyThatReceivesInsteadOfEndingOnClose_isIgnoredGeneratorExit() {
        Coroutine<String> c = Harness.coroutine(in -> {
            try {
                in.receive();
            } catch (GeneratorExit e) {
                in.receive();
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, c::close);
        assertEquals("generator ignored GeneratorExit", e.getMessage());
        assertEquals(GeneratorState.SUSPENDED, c.state());
        c.close();
        assertEquals(GeneratorState.CLOSED, c.state());
    }

    @Test
    void i_sendingToACoroutineThatFinishes_orHasFinished_isStopIteration() {
        List<String> got = new ArrayList<>();
        Coroutine<String> c = Harness.coroutine(in -> {
            String s;
            while (!(s = in.receive()).equals("stop")) {
                got.add(s);
            }
        });
        c.send("a");
        assertThrows(StopIteration.class, () -> c.send("stop"));
        assertEquals(GeneratorState.CLOSED, c.state());
        assertThrows(StopIteration.class, () -> c.send("b"));
        assertEquals(List.of("a"), got);
        c.close();
    }

    @Test
    void i_throwInThatTheBodyCatches_returnsWhenItWaitsAgain() {
        List<String> trace = new ArrayList<>();
        Coroutine<String> c = Harness.coroutine(in -> {
            while (true) {
                try {
                    trace.add("got " + in.receive());
                } catch (IllegalStateException e) {
                    trace.add("caught " + e.getMessage());
                }
            }
        });
        c.throwIn(new IllegalStateException("bad item"));
        c.send("x");
        assertEquals(List.of("caught bad item", "got x"), trace);
        assertEquals(GeneratorState.SUSPENDED, c.state());
    }

    @Test
    void i_throwInThatTheBodyDoesNotCatch_propagatesAsTheSameObject_andClosesIt() {
        Coroutine<String> c = Harness.coroutine(in -> {
            while (true) {
                in.receive();
            }
        });
        IOException disk = new IOException("disk");
        assertSame(disk, assertThrows(IOException.class, () -> c.throwIn(disk)));
        assertEquals(GeneratorState.CLOSED, c.state());
        RuntimeException again = new RuntimeException("again");
        assertSame(again, assertThrows(RuntimeException.class, () -> c.throwIn(again)),
                "throwIn on a closed coroutine rethrows its argument");
    }

    @Test
    void i_aBodyThatEndsBeforeReceiving_givesAClosedCoroutine() {
        Coroutine<String> c = Harness.coroutine(in -> steps.expect(1));
        assertEquals(GeneratorState.CLOSED, c.state());
        assertThrows(StopIteration.class, () -> c.send("x"));
        steps.finish(2);
    }

    @Test
    void i_anExceptionRaisedWhilePriming_propagatesFromOf_asTheSameObject() {
        IOException boom = new IOException("boom");
        assertSame(boom, assertThrows(IOException.class, () -> Harness.coroutine(in -> {
            throw boom;
        })));
    }

    @Test
    void i_sendingToItselfFromItsOwnBody_isAlreadyExecuting() {
        AtomicReference<Coroutine<String>> self = new AtomicReference<>();
        List<String> trace = new ArrayList<>();
        Coroutine<String> c = Harness.coroutine(in -> {
            while (true) {
                String item = in.receive();
                try {
                    self.get().send(item + " again");
                } catch (IllegalStateException e) {
                    trace.add(item + ": " + e.getMessage());
                }
            }
        });
        self.set(c);
        c.send("x");
        assertEquals(List.of("x: generator already executing"), trace);
        assertEquals(GeneratorState.SUSPENDED, c.state());
    }

    @Test
    void i_theGeneratorViewDrivesTheSameBody_yieldingNullAtEachWait() {
        List<String> got = new ArrayList<>();
        Coroutine<String> c = Harness.coroutine(in -> {
            try {
                while (true) {
                    got.add(in.receive());
                }
            } finally {
                got.add("finally");
            }
        });
        Generator<Void, String, Void> g = c.generator();
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertNull(g.send("via generator"));
        c.send("via coroutine");
        g.close();
        assertEquals(GeneratorState.CLOSED, c.state());
        assertEquals(List.of("via generator", "via coroutine", "finally"), got);
    }
}
