package io.jcoro.examples.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogCollectorTest {

    @Test
    void thePipelineTaskPrintsThePythonLinesOfBothServersAndCountsEveryLine() {
        String out = LogCollector.run(1);
        List<String> lines = out.lines().toList();
        assertEquals("5 lines", lines.get(lines.size() - 1));
        assertEquals(List.of("GET /PYTHON.HTML", "GET /PYTHON.PNG", "GET /PYTHON/"),
                lines.subList(0, lines.size() - 1).stream().sorted().toList());
    }

    @Test
    void aSeedGivesTheSameOutputEveryTime() {
        assertEquals(LogCollector.run(7), LogCollector.run(7));
    }
}
