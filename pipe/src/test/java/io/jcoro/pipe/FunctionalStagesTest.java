package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.StopIteration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FunctionalStagesTest {

    @Test
    void filterMapAndGrepComposeLeftToRight() {
        Recorder<Integer> out = new Recorder<>();
        Sink<String> p = Pipes.grep("python")
                .map(String::length)
                .filter(n -> n > 6)
                .into(out);
        for (String line : List.of("python", "jython", "python is nice", "ruby", "I love python")) {
            p.send(line);
        }
        p.close();
        assertEquals(List.of(14, 13), out.items());
        assertTrue(out.closed());
    }

    @Test
    void grepWithARegexFindsThePatternAnywhere() {
        List<String> out = new ArrayList<>();
        Sink<String> p = Pipes.grep(Pattern.compile("^GET .*\\.py ")).into(out::add);
        p.send("GET /index.html 200");
        p.send("GET /spam.py 200");
        p.send("POST /spam.py 200");
        assertEquals(List.of("GET /spam.py 200"), out);
    }

    @Test
    void theGrepExamplePrintsOnlyMatchingLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sink<String> search = Pipes.grep("coroutine").into(Pipes.printer(ps));
        search.send("I love you");
        search.send("Don't you love me?");
        search.send("I love coroutines instead!");
        search.close();
        assertEquals("I love coroutines instead!" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStageIsARecipeEachIntoBuildsAnIndependentChain() {
        Stage<Integer, Integer> doubled = Pipes.<Integer, Integer>map(x -> x * 2);
        Recorder<Integer> a = new Recorder<>();
        Recorder<Integer> b = new Recorder<>();
        Sink<Integer> pa = doubled.into(a);
        Sink<Integer> pb = doubled.into(b);
        pa.send(1);
        pa.close();
        pb.send(5);
        assertEquals(List.of(2), a.items());
        assertEquals(List.of(10), b.items());
        assertTrue(a.closed());
        assertFalse(b.closed());
    }

    @Test
    void thenJoinsTwoStages() {
        Stage<String, String> trimmed = Pipes.map(String::trim);
        Stage<String, Integer> lengths = trimmed.then(Pipes.grep("a")).map(String::length);
        List<Integer> out = new ArrayList<>();
        Sink<String> p = lengths.into(out::add);
        p.send("  abc ");
        p.send(" xyz");
        assertEquals(List.of(3), out);
    }

    @Test
    void sendAfterCloseThrowsStopIteration() {
        Sink<Integer> p = Pipes.<Integer>filter(x -> true).into(new Recorder<>());
        p.close();
        assertThrows(StopIteration.class, () -> p.send(1));
        p.close(); // and a second close does nothing
    }

    @Test
    void anExceptionInAStageFunctionPropagatesClosesDownstreamAndStopsDelivery() {
        Recorder<Integer> out = new Recorder<>();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Sink<Integer> p = Pipes.<Integer, Integer>map(x -> {
            if (x == 3) {
                throw boom;
            }
            return x;
        }).filter(x -> true).into(out);
        p.send(1);
        p.send(2);
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> p.send(3)));
        assertTrue(out.closed());
        assertThrows(StopIteration.class, () -> p.send(4));
        assertEquals(List.of(1, 2), out.items());
    }

    @Test
    void aDownstreamThatFinishesFinishesTheStagesAboveIt() {
        Recorder<Integer> out = new Recorder<>();
        out.takeAtMost = 2;
        Sink<Integer> p = Pipes.<Integer>filter(x -> true).map(x -> x).into(out);
        p.send(1);
        assertThrows(StopIteration.class, () -> p.send(2));
        assertThrows(StopIteration.class, () -> p.send(3));
        assertEquals(List.of(1, 2), out.items());
    }

    @Test
    void discardTakesEverything() {
        Sink<Object> d = Pipes.discard();
        for (int i = 0; i < 10; i++) {
            d.send(i);
        }
        d.close();
        assertThrows(StopIteration.class, () -> d.send(1));
    }

    @Test
    void toReturnsASinkAsIsAndAdaptsACoroutineSoThatCloseReachesIt() {
        Recorder<String> r = new Recorder<>();
        assertSame(r, Pipes.to(r));
        List<String> log = new ArrayList<>();
        io.jcoro.Coroutine<String> c = io.jcoro.Coroutine.of(in -> {
            try {
                while (true) {
                    log.add(in.receive());
                }
            } finally {
                log.add("closed");
            }
        });
        Sink<String> s = Pipes.to(c);
        s.send("a");
        s.close();
        assertEquals(List.of("a", "closed"), log);
    }

    @Test
    void printerPrintsEachItemOnItsLineAndFlushesOnClose() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream buffered = new PrintStream(new java.io.BufferedOutputStream(bytes, 1 << 16), false,
                StandardCharsets.UTF_8);
        Sink<Object> p = Pipes.printer(buffered);
        p.send(1);
        p.send("two");
        assertEquals(0, bytes.size()); // still in the buffer
        p.close();
        assertEquals("1" + System.lineSeparator() + "two" + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aThreadedHopInsideAStageChainKeepsOrderAndCloseDrainsThroughIt() {
        List<Integer> got = java.util.Collections.synchronizedList(new ArrayList<>());
        Sink<Integer> p = Pipes.<Integer>filter(x -> x % 2 == 0)
                .threaded(8)
                .map(x -> x / 2)
                .into(got::add);
        for (int i = 0; i < 1000; i++) {
            p.send(i);
        }
        p.close();
        assertEquals(500, got.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, got.get(i));
        }
    }
}
