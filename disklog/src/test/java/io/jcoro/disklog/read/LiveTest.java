package io.jcoro.disklog.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcoro.Backend;
import io.jcoro.Generator;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The followed input's generator yields only from its own body: jcoro compiles it into a state machine. */
class LiveTest {
    @Test
    void theFollowedSourceIsCompiledIntoAStateMachine() {
        Input in = Input.stdin();
        InputStats stats = new InputStats();
        Sources.Plan plan = new Sources.Plan(List.of(in), List.of(stats), InputStream.nullInputStream(), new Following(),
                Duration.ofMillis(50), Tuning.defaults(), null, null);
        try (Generator<Chunk, Integer, Void> g = Live.source(in, stats, plan)) {
            assertEquals(Backend.COMPILED, g.mechanism());
        }
    }
}
