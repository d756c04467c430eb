package io.jcoro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcoro.Coroutine;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import org.junit.jupiter.api.Test;

class GrepTest {

    @Test
    void printsTheBannerAndOnlyTheMatchingLine() {
        assertEquals("""
                Searching for coroutine
                I love coroutines instead!
                """, Console.output(() -> Grep.main(new String[0])));
    }

    @Test
    void theBannerIsPrintedWhenTheCoroutineIsCreatedBecauseItIsPrimed() {
        String[] holder = new String[1];
        String out = Console.output(() -> holder[0] = Grep.grep("x").state().toString());
        assertEquals("Searching for x\n", out);
        assertEquals("SUSPENDED", holder[0]);
    }

    @Test
    void aClosedGrepTakesNoMoreLines() {
        Coroutine<String>[] search = cast(new Coroutine<?>[1]);
        Console.output(() -> search[0] = Grep.grep("x"));
        search[0].close();
        assertEquals(GeneratorState.CLOSED, search[0].state());
        assertThrows(StopIteration.class, () -> search[0].send("x marks the spot"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
