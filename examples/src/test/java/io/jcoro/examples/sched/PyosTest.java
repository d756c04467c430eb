package io.jcoro.examples.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each step of Beazley's operating system prints what his Python program prints. */
class PyosTest {

    static String output(Consumer<PrintStream> program) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        program.accept(out);
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void pyos3TasksAlternateAndReportTheirEnd() {
        assertEquals("I'm foo\nI'm bar\n".repeat(5) + "I'm foo\nTask 2 terminated\n" + "I'm foo\n".repeat(4)
                + "Task 1 terminated\n", output(Pyos::taskExit));
    }

    @Test
    void pyos4GetTidGivesEachTaskItsId() {
        assertEquals("I'm foo 1\nI'm bar 2\n".repeat(5) + "Task 1 terminated\n" + "I'm bar 2\n".repeat(5)
                + "Task 2 terminated\n", output(Pyos::getTid));
    }

    @Test
    void pyos5KillTaskEndsTheChildAfterFiveRounds() {
        assertEquals("I'm foo 2\n".repeat(5) + "Task 2 terminated\nmain done\nTask 1 terminated\n",
                output(Pyos::newAndKill));
    }

    @Test
    void pyos6WaitTaskWaitsForTheChild() {
        assertEquals("I'm foo\nWaiting for child\n" + "I'm foo\n".repeat(4)
                + "Task 2 terminated\nChild done\nTask 1 terminated\n", output(Pyos::waitTask));
    }

    @Test
    void theTrampolineIsJustYieldFrom() {
        assertEquals("4\n", output(Pyos::trampoline));
    }
}
