package io.jcoro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void theHeaderNamesTheBackendTheExamplesRunOn() {
        // The pom runs these tests once per backend; this fails if a run silently fell back to the other one.
        String asked = System.getProperty("jcoro.backend");
        String header = Console.output(() -> Main.main(new String[0])).lines().findFirst().orElseThrow();
        assertEquals("# jcoro examples, " + asked + " backend", header);
    }

    @Test
    void runsOneExampleByName() {
        assertEquals(Console.output(() -> Grep.main(new String[0])),
                Console.output(() -> Main.main(new String[] {"grep"})));
    }

    @Test
    void runsEverySeedInTheSeedsOrderUnderAHeader() {
        assertEquals(List.of("tally", "serials", "fibonacci", "grep", "close"), List.copyOf(Main.EXAMPLES.keySet()));
        String all = Console.output(() -> Main.main(new String[0]));
        assertTrue(all.startsWith("# jcoro examples, "), all);
        assertTrue(all.contains("\n## tally\n0\n0\n3\n2\n5\n6\n\n## serials\nWW11111\nZZ12345\n\n## fibonacci\n0\n"), all);
        assertTrue(all.endsWith("\n## close\n" + Console.output(() -> CloseAndThrow.main(new String[0]))), all);
    }
}
