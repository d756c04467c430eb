package io.jcoro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CloseAndThrowTest {

    @Test
    void closeRunsTheFinallyBlockAndThrowInRaisesAtThePausedReceive() {
        assertEquals("""
                first: opened
                first: got one
                first: skipped, bad line
                first: got two
                first: closed in finally
                first is CLOSED
                second: opened
                second: got three
                second: closed in finally
                throwIn raised disk full
                second is CLOSED
                """, Console.output(() -> CloseAndThrow.main(new String[0])));
    }
}
