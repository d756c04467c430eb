package io.jcoro.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcoro.Backend;
import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.Receiver;
import io.jcoro.StopIteration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bodies that take a Receiver among other parameters, run with hooks around them (pipe's coroutine stages). */
@Tag("compiler")
class ReceivingBodyTest {

    @FunctionalInterface
    interface TwoSided extends Serializable {
        void run(Receiver<String> in, List<String> out) throws Exception;
    }

    /** Hands out "out:N" at the Nth receive and records how the body ended. */
    static final class Hooks implements StateMachine.ReceiveHooks {
        final List<String> trace = new ArrayList<>();
        int receives;
        RuntimeException refuseAt;
        RuntimeException replaceEnd;

        @Override
        public Object beforeReceive() {
            receives++;
            if (refuseAt != null && receives == 2) {
                throw refuseAt;
            }
            return "out:" + receives;
        }

        @Override
        public void ended(Throwable failure) throws Throwable {
            trace.add("ended " + (failure == null ? "normally" : failure.getMessage()));
            if (replaceEnd != null) {
                throw replaceEnd;
            }
            if (failure != null && !(failure instanceof io.jcoro.GeneratorExit)) {
                throw failure;
            }
        }
    }

    private static Generator<Object, String, Void> start(TwoSided body, List<String> out, Hooks hooks) {
        assertNull(Compiler.whyNot(body));
        Generator<Object, String, Void> g = Bodies.receiving(body, new Object[] {out}, hooks);
        assertNotNull(g);
        assertEquals(Backend.COMPILED, g.mechanism());
        return g;
    }

    @Test
    void eachReceive_handsOutWhatTheHookSays_andTheOtherParameterIsBound() {
        List<String> out = new ArrayList<>();
        Hooks hooks = new Hooks();
        Generator<Object, String, Void> g = start((in, sink) -> {
            sink.add("started");
            for (int i = 0; i < 2; i++) {
                sink.add(in.receive().toUpperCase());
            }
        }, out, hooks);
        assertEquals("out:1", g.next());
        assertEquals("out:2", g.send("a"));
        assertThrows(StopIteration.class, () -> g.send("b"));
        assertEquals(List.of("started", "A", "B"), out);
        assertEquals(List.of("ended normally"), hooks.trace);
    }

    @Test
    void aHookThatThrowsAtAReceive_raisesThereInsideTheBodysTry() {
        List<String> out = new ArrayList<>();
        Hooks hooks = new Hooks();
        hooks.refuseAt = new IllegalStateException("downstream gone");
        Generator<Object, String, Void> g = start((in, sink) -> {
            try {
                while (true) {
                    sink.add(in.receive());
                }
            } catch (IllegalStateException e) {
                sink.add("caught " + e.getMessage());
            }
        }, out, hooks);
        g.next();
        assertThrows(StopIteration.class, () -> g.send("x"));
        assertEquals(List.of("x", "caught downstream gone"), out);
        assertEquals(List.of("ended normally"), hooks.trace);
    }

    @Test
    void theEndHook_seesTheBodysException_andWhatItThrowsEndsTheGenerator() {
        Hooks hooks = new Hooks();
        IllegalArgumentException replacement = new IllegalArgumentException("from the hook");
        hooks.replaceEnd = replacement;
        Generator<Object, String, Void> g = start((in, sink) -> {
            in.receive();
            throw new IllegalStateException("from the body");
        }, new ArrayList<>(), hooks);
        g.next();
        assertSame(replacement, assertThrows(IllegalArgumentException.class, () -> g.send("x")));
        assertEquals(List.of("ended from the body"), hooks.trace);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void closingTheGenerator_reportsTheGeneratorExitToTheEndHook() {
        Hooks hooks = new Hooks();
        Generator<Object, String, Void> g = start((in, sink) -> {
            while (true) {
                in.receive();
            }
        }, new ArrayList<>(), hooks);
        g.next();
        g.close();
        assertEquals(1, hooks.trace.size());
        assertEquals(GeneratorState.CLOSED, g.state());
    }
}
