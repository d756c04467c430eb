package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcoro.Backend;
import io.jcoro.Generator;
import io.jcoro.Receiver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A coroutine stage whose receives are all in its own body is compiled, as a generator body is; one that passes
 * its receiver on runs stackful. Both behave the same, which the rest of the suite checks in each of the pom's
 * runs; this says which mechanism a run used.
 */
class CompiledStageTest {

    private static boolean compiling() {
        return !"false".equals(System.getProperty("jcoro.compile"));
    }

    private static Backend mechanism(Sink<?> sink) {
        return ((CoroutineStage<?, ?>) sink).mechanism();
    }

    @Test
    void aStageThatReceivesInItsOwnBody_isCompiled_unlessCompilationIsOff() {
        List<String> out = new ArrayList<>();
        Sink<String> stage = Pipes.<String, String>coroutine((in, next) -> {
            int n = 0;
            while (true) {
                next.send(++n + ": " + in.receive());
            }
        }).into(out::add);
        assertEquals(compiling() ? Backend.COMPILED : Generator.backend(), mechanism(stage));
        stage.send("a");
        stage.send("b");
        stage.close();
        assertEquals(List.of("1: a", "2: b"), out);
    }

    private static String take(Receiver<String> in) {
        return in.receive();
    }

    @Test
    void aStageThatPassesItsReceiverOn_runsStackful() {
        List<String> out = new ArrayList<>();
        Sink<String> stage = Pipes.<String, String>coroutine((in, next) -> {
            while (true) {
                next.send(take(in).toUpperCase());
            }
        }).into(out::add);
        assertEquals(Generator.backend(), mechanism(stage));
        stage.send("a");
        stage.close();
        assertEquals(List.of("A"), out);
    }
}
