package io.jcoro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcoro.Generator;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void printsWhatThePythonPromptEchoes() {
        assertEquals("""
                0
                0
                3
                2
                5
                6
                """, Console.output(() -> Tally.main(new String[0])));
    }

    @Test
    void eachTallyKeepsItsOwnScore() {
        Generator<Integer, Integer, Void> home = Tally.tally();
        Generator<Integer, Integer, Void> away = Tally.tally();
        home.next();
        away.next();
        home.send(10);
        assertEquals(1, away.send(1));
        assertEquals(12, home.send(2));
    }
}
