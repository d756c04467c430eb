package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcoro.Generator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's "Tasks" example, as printed there, prints its three ticks. */
class ReadmeExampleTest {

    @Test
    void theReadmeExamplePrintsThreeTicks() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Scheduler.create().run(Generator.of(y -> {
                Channel<String> lines = Channel.create(16);
                Task<Void> printer = y.yieldFrom(Sys.spawn(Generator.of(py -> {
                    for (String l; (l = py.yieldFrom(lines.receiveOrNull())) != null; ) System.out.println(l);
                })));
                for (int i = 0; i < 3; i++) {
                    y.yieldFrom(lines.send("tick " + i));
                    y.yieldFrom(Sys.sleep(Duration.ofMillis(100)));
                }
                lines.close();
                y.yieldFrom(Sys.join(printer));
            }));
        } finally {
            System.setOut(saved);
        }
        assertEquals("tick 0\ntick 1\ntick 2\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
