package io.jcoro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Backend;
import io.jcoro.Generator;
import io.jcoro.examples.pipe.GrepExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MainTest {

    /** What {@code Main.run(args)} printed to standard output and to standard error, and its exit status. */
    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theHeaderSaysHowTheExamplesRun() {
        String backend = Generator.backend().name().toLowerCase().replace('_', '-');
        boolean stackful = "false".equals(System.getProperty("jcoro.compile"));
        if (stackful) {
            // the pom's stackful runs name their backend: this fails if one silently fell back to the other
            assertEquals(System.getProperty("jcoro.backend"), backend);
        }
        String expected = stackful ? "# jcoro examples, " + backend + " backend"
                : "# jcoro examples, compiled (a body that cannot be runs on the " + backend + " backend)";
        String header = Console.output(() -> Main.main(new String[0])).lines().findFirst().orElseThrow();
        assertEquals(expected, header);
    }

    @Test
    void everyExample_runsCompiled_unlessCompilationIsOff() {
        Generator<Integer, Void, Void> probe = Fibonacci.fibonacci();
        assertEquals("false".equals(System.getProperty("jcoro.compile")) ? Generator.backend() : Backend.COMPILED,
                probe.mechanism());
    }

    @Test
    void runsOneExampleByName() {
        assertEquals(Console.output(() -> Grep.main(new String[0])),
                Console.output(() -> Main.main(new String[] {"grep"})));
        assertEquals(Console.output(() -> GrepExample.main(new String[0])),
                Console.output(() -> Main.main(new String[] {"pipe-grep"})));
    }

    @Test
    void runsEveryExampleThatEndsByItself_inOrder_underAHeader() {
        assertEquals(List.of("tally", "serials", "fibonacci", "grep", "close", "pipe-grep", "buses", "follow-grep",
                "logsim", "pyos", "echo-server", "quorum-sim"), List.copyOf(Main.EXAMPLES.keySet()));
        String all = Console.output(() -> Main.main(new String[0]));
        assertTrue(all.startsWith("# jcoro examples, "), all);
        assertTrue(all.contains("\n## tally\n0\n0\n3\n2\n5\n6\n\n## serials\nWW11111\nZZ12345\n\n## fibonacci\n0\n"), all);
        assertTrue(all.contains("\n## close\n" + Console.output(() -> CloseAndThrow.main(new String[0]))
                + "\n## pipe-grep\n"), all);
        assertTrue(all.contains("\n## buses\n"), all);
        assertFalse(all.contains("## follow-grep"), "it runs until interrupted");
        assertFalse(all.contains("## logsim"), "it runs until interrupted");
        assertTrue(all.contains("\n## pyos\n# pyos3: tasks end\n"), all);
        assertFalse(all.contains("## echo-server"), "it runs until interrupted");
        assertFalse(all.contains("## quorum-sim"), "it takes a while, and exits the JVM");
    }

    @Test
    void helpListsEveryExampleWithItsArgumentsAndWhatItPrints_andSucceeds() throws Exception {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertEquals("", help.err());
        assertTrue(help.out().startsWith("usage: examples [--help | NAME [ARGUMENTS]]"), help.out());
        for (var e : Main.EXAMPLES.entrySet()) {
            String line = (e.getValue().inAll() ? "* " : "  ") + (e.getKey() + " " + e.getValue().arguments()).strip();
            assertTrue(help.out().contains(line + System.lineSeparator() + "      prints " + e.getValue().prints()),
                    help.out());
        }
        assertTrue(help.out().contains("  follow-grep FILE [WORD]"), help.out());
        assertEquals(help, run("-h"));
    }

    @Test
    void anUnknownName_isAUsageError_thatSaysWhichName() throws Exception {
        Run r = run("close-throw");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("examples: no example named 'close-throw'"), r.err());
    }

    @Test
    void tooManyOrTooFewArguments_areAUsageError_thatSaysWhatTheExampleTakes() throws Exception {
        Run extra = run("tally", "x");
        assertEquals(2, extra.status());
        assertTrue(extra.err().startsWith("examples: tally takes no arguments"), extra.err());
        Run missing = run("follow-grep");
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("examples: follow-grep takes FILE [WORD]"), missing.err());
        Run tooMany = run("logsim", "f", "1", "2", "3");
        assertEquals(2, tooMany.status());
    }

    @Test
    void theReadmeNamesEveryExample_andNoOther() throws Exception {
        // the module's tests run in examples/; the README is the project's
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher list = Pattern.compile("`bin/examples NAME` runs one \\(([^)]*)\\)").matcher(readme);
        assertTrue(list.find(), "the README's list of examples");
        List<String> named = Pattern.compile("`([a-z-]+)`").matcher(list.group(1)).results()
                .map(m -> m.group(1)).toList();
        assertEquals(List.copyOf(Main.EXAMPLES.keySet()), named);
    }
}
