package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcoro.Backend;
import io.jcoro.Generator;
import io.jcoro.disklog.correlate.Correlator;
import io.jcoro.disklog.correlate.HostPatterns;
import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import io.jcoro.disklog.serial.Resolver;
import org.junit.jupiter.api.Test;

/**
 * The correlator's loop yields only through its own yielder, in its own body (the drives that start failing, and
 * those whose counts changed when a followed log goes quiet): jcoro compiles it into a state machine, a switch per
 * line instead of a continuation's.
 */
class CompiledCorrelatorTest {
    @Test
    void theCorrelatorIsCompiledIntoAStateMachine() {
        Generator<Line, Attach, Void> noLines = Generator.of(y -> {
        });
        try (var c = Correlator.over(noLines, Resolver.NONE, true, HostPatterns.ALL)) {
            assertEquals(Backend.COMPILED, c.mechanism());
        }
    }
}
