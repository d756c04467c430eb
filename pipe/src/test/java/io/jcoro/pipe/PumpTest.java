package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PumpTest {

    @Test
    void sendsEveryItemInOrderThenClosesTheSinkAndReturnsTheCount() {
        Recorder<Integer> out = new Recorder<>();
        assertEquals(3, Pipes.pump(List.of(1, 2, 3), Pipes.<Integer>filter(x -> true).into(out)));
        assertEquals(List.of(1, 2, 3), out.items());
        assertTrue(out.closed());
    }

    @Test
    void aSinkThatFinishesStopsTheSourceAndClosesIt() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> endless = Generator.of(y -> {
            try {
                for (int i = 0; ; i++) {
                    y.yield(i);
                }
            } finally {
                log.add("source closed");
            }
        });
        Recorder<Integer> out = new Recorder<>();
        out.takeAtMost = 3;
        long n = Pipes.pump(endless, out);
        assertEquals(2, n); // the third send finished the sink
        assertEquals(List.of(0, 1, 2), out.items());
        assertEquals(List.of("source closed"), log);
        assertEquals(GeneratorState.CLOSED, endless.state());
    }

    @Test
    void aSourceFailureClosesTheSinkAndPropagatesAsIs() {
        IOException io = new IOException("read error");
        Generator<Integer, Void, Void> broken = Generator.of(y -> {
            y.yield(1);
            throw io;
        });
        List<String> log = new ArrayList<>();
        Sink<Integer> sink = Pipes.sink(in -> {
            try {
                while (true) {
                    log.add("got " + in.receive());
                }
            } finally {
                log.add("sink closed");
            }
        });
        Throwable t = assertThrows(Throwable.class, () -> Pipes.pump(broken, sink));
        assertSame(io, t);
        assertEquals(List.of("got 1", "sink closed"), log);
    }

    @Test
    void aSinkFailureClosesTheSourceAndPropagatesAsIs() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> source = Generator.of(y -> {
            try {
                y.yield(1);
                y.yield(2);
                y.yield(3);
            } finally {
                log.add("source closed");
            }
        });
        UncheckedIOException boom = new UncheckedIOException(new IOException("sink"));
        Sink<Integer> sink = Pipes.<Integer, Integer>map(x -> {
            if (x == 2) {
                throw boom;
            }
            return x;
        }).into(x -> log.add("got " + x));
        assertSame(boom, assertThrows(UncheckedIOException.class, () -> Pipes.pump(source, sink)));
        assertEquals(List.of("got 1", "source closed"), log);
    }
}
