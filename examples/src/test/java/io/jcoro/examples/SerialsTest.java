package io.jcoro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import org.junit.jupiter.api.Test;

class SerialsTest {

    @Test
    void printsTheSerialsOfTheDrivesWithXfsErrorsLastFirst() {
        assertEquals("""
                WW11111
                ZZ12345
                """, Console.output(() -> Serials.main(new String[0])));
    }

    @Test
    void theMatcherLooksForWhateverRegexItIsSentNext() {
        Generator<String, String, Void> matcher = Serials.matchRegex(Serials.EXAMPLE_LOG, Serials.ERROR_RE);
        assertEquals("[sdc]", matcher.next()); // the last error in the file comes first
        assertEquals("sd 3:0:1:8", matcher.send("(sd \\S+) \\[sdc\\].*"));
        assertEquals("WW11111", matcher.send("sd 3:0:1:8 \\(SERIAL=([^)]*)\\)"));
        assertEquals("[sda]", matcher.send(Serials.ERROR_RE));
        // Nothing above the first error matches: the body runs off the top of the file.
        assertThrows(StopIteration.class, () -> matcher.send(Serials.ERROR_RE));
        assertEquals(GeneratorState.CLOSED, matcher.state());
    }

    @Test
    void creatingTheMatcherReadsNothing() {
        // Like the Python function call, creating the generator runs no code: a missing file fails at next().
        Generator<String, String, Void> matcher = Serials.matchRegex("NO_SUCH.log", Serials.ERROR_RE);
        assertEquals(GeneratorState.CREATED, matcher.state());
        assertThrows(java.io.IOException.class, () -> {
            try {
                matcher.next();
            } catch (Exception e) {
                throw e; // next() declares nothing, but the body's IOException comes out as itself
            }
        });
    }
}
