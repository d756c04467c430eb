package io.jcoro.examples;

import io.jcoro.Generator;
import io.jcoro.examples.pipe.BusExample;
import io.jcoro.examples.pipe.FollowGrep;
import io.jcoro.examples.pipe.GrepExample;
import io.jcoro.examples.pipe.LogSim;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the examples by name ({@code Main tally}, {@code Main follow-grep access-log}), or with no name every
 * example that ends by itself, in order, each under a header. {@code Main --help} lists them and what each prints.
 */
public final class Main {
    private Main() {
    }

    /** An example's main. */
    @FunctionalInterface
    interface Program {
        void run(String[] args) throws Exception;
    }

    /**
     * One example: the arguments it takes (for the usage line), what it prints, whether a run of all examples
     * includes it (examples that run until interrupted, or need a file, do not), and its main.
     */
    record Example(String arguments, String prints, boolean inAll, Program program) {
    }

    /** Name to example, in the order a run of all of them goes. */
    static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("tally", new Example("", "two running tallies fed with send(): 0 0 3 2 5 6, one value a line",
                true, Tally::main));
        EXAMPLES.put("serials", new Example("", "the serial numbers of the drives with XFS errors in a bundled kernel"
                + " log, found by a generator steered with send()", true, Serials::main));
        EXAMPLES.put("fibonacci", new Example("", "the Fibonacci numbers below 1,000,000, one a line (0 to 514229)",
                true, Fibonacci::main));
        EXAMPLES.put("grep", new Example("", "\"Searching for coroutine\", then the one line sent to a grep"
                + " coroutine that contains it", true, Grep::main));
        EXAMPLES.put("close", new Example("", "what two coroutine bodies see of send(), throwIn() and close(), and"
                + " their states afterwards", true, CloseAndThrow::main));
        EXAMPLES.put("pipe-grep", new Example("", "the grep coroutine's output twice: once from a Coroutine, once"
                + " from a grep stage into a printer", true, GrepExample::main));
        EXAMPLES.put("buses", new Example("[FEED.xml]", "the North Bound #22 buses (route,id,direction,latitude,"
                + "longitude) of a generated 863-bus feed or FEED.xml, then whether two StAX parsers agree with SAX",
                true, BusExample::main));
        EXAMPLES.put("follow-grep", new Example("FILE [WORD]", "each line appended to FILE that contains WORD"
                + " (default: python), as tail -F | grep does, until interrupted", false, FollowGrep::main));
        EXAMPLES.put("logsim", new Example("FILE [LINES [MAX_DELAY_MS]]", "nothing: appends web-server log lines to"
                + " FILE at random intervals (for follow-grep), until interrupted or LINES are written", false,
                LogSim::main));
        EXAMPLES.put("pyos", new Example("", "Beazley's operating system on jcoro-sched: the outputs of pyos3 to"
                + " pyos6 (tasks, GetTid, NewTask/KillTask, WaitTask) and of the trampoline", true,
                io.jcoro.examples.sched.Pyos::main));
        EXAMPLES.put("echo-server", new Example("[wait|subroutines|connections] [PORT]", "\"listening on port"
                + " PORT\" (45000), then serves telnet or nc clients on one thread, echoing each line, until"
                + " interrupted", false, io.jcoro.examples.sched.EchoServers::main));
        EXAMPLES.put("quorum-sim", new Example("[--bug] [--seeds N] [--seed S [--trace]]", "the seeds a simulated"
                + " replicated store survives, or the first seed that breaks the store with the planted bug and the"
                + " command that replays it", false, io.jcoro.examples.sched.QuorumSimulation::main));
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs what {@code args} ask for and returns the exit status: 0, or 2 for a usage error. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            out.println(header());
            for (Map.Entry<String, Example> example : EXAMPLES.entrySet()) {
                if (example.getValue().inAll()) {
                    out.println();
                    out.println("## " + example.getKey());
                    example.getValue().program().run(new String[0]);
                }
            }
            return 0;
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            help(out);
            return 0;
        }
        Example example = EXAMPLES.get(args[0]);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (example == null || rest.length > maxArguments(example) || rest.length < minArguments(example)) {
            err.println(example == null ? "examples: no example named '" + args[0] + "'"
                    : "examples: " + args[0] + " takes " + (example.arguments().isEmpty() ? "no arguments"
                            : example.arguments()));
            err.println("usage: examples [--help | NAME [ARGUMENTS]]");
            return 2;
        }
        example.program().run(rest);
        return 0;
    }

    /** How the examples' generators run: compiled, unless compilation is off, else on the JVM's backend. */
    static String header() {
        String backend = Generator.backend().name().toLowerCase().replace('_', '-');
        if ("false".equals(System.getProperty("jcoro.compile"))) {
            return "# jcoro examples, " + backend + " backend";
        }
        return "# jcoro examples, compiled (a body that cannot be runs on the " + backend + " backend)";
    }

    private static void help(PrintStream out) {
        out.println("usage: examples [--help | NAME [ARGUMENTS]]");
        out.println();
        out.println("With no NAME, runs every example marked * in this order, each under a header.");
        out.println("Their generators are compiled; JAVA_OPTS=-Djcoro.compile=false runs them on the continuation");
        out.println("backend instead, JAVA_OPTS='-Djcoro.compile=false -Djcoro.backend=virtual-thread' on virtual threads.");
        out.println();
        for (Map.Entry<String, Example> e : EXAMPLES.entrySet()) {
            String call = (e.getKey() + " " + e.getValue().arguments()).strip();
            out.println((e.getValue().inAll() ? "* " : "  ") + call);
            out.println("      prints " + e.getValue().prints());
        }
    }

    /** Words of the usage that are not in brackets: the arguments an example needs. */
    private static int minArguments(Example e) {
        String required = e.arguments().replaceAll("\\[.*", "").strip();
        return required.isEmpty() ? 0 : required.split(" +").length;
    }

    private static int maxArguments(Example e) {
        String all = e.arguments().replace("[", " ").replace("]", " ").strip();
        return all.isEmpty() ? 0 : all.split(" +").length;
    }
}
