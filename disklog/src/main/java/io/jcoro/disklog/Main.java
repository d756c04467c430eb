package io.jcoro.disklog;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code disklog}: the serial numbers of failing drives, from kernel logs.
 *
 * <p>Exit status: 0 no failing drive, 1 failing drives found, 2 a usage error or an input that could not be read
 * (the other inputs are still read and reported; 2 wins over 1, as with grep), 3 an internal error.
 *
 * <p>The command line is parsed by picocli, through its programmatic API ({@link CommandSpec}): its annotations,
 * read by reflection, cost about 0.3 s of start-up, more than reading a small log takes. Picocli is built for
 * Java 21 (module picocli) so that the start-up cache holds its classes; parsing then takes some 20 ms
 * (docs/performance-disklog.md).
 */
public final class Main {

    static final String HELP = """
            Usage: disklog [OPTIONS] [FILE...]
            Reads kernel logs (dmesg, /var/log/kern.log, journalctl -k, plain or .gz/.xz/.zst/.bz2) and reports each
            failing drive: serial, model, device, address, what went wrong, when. Errors are tied to the drive that
            held the name at the moment of the error, so hot-swaps and reboots come out right.

              FILE...            logs, oldest first (kern.log.2.gz kern.log.1 kern.log), read as one stream;
                                 '-' or none: standard input
                  --json         JSON Lines: one object per failing drive, with its evidence lines
                  --explain      print the evidence lines under each row of the table
              -f, --follow       after reading, follow the last file like tail -F (rotation, truncation) and
                                 report each newly failing drive as it appears; with '-', as standard input arrives
                  --inventory=CSV
                                 serials for drives the log gives none for: lines KEY,SERIAL where KEY is an
                                 address (2:0:0:0, 0000:3b:00.0), a WWN (0x5000c500...) or a device name (sdc)
                  --sysfs        look serials up in /sys on this host, for drives still holding their name at the
                                 end of the log (and whose address and model match)
                  --[no-]progress
                                 progress on stderr (default: when stderr is a terminal)
              -h, --help         show this help and exit
              -V, --version      print the version and exit

            Exit status:
              0   no failing drive
              1   failing drives found
              2   usage error, or an input that could not be read (the others are still reported)
              3   internal error
            """;

    private final List<String> files = new ArrayList<>();
    private boolean json;
    private boolean explain;
    private boolean follow;
    private Path inventory;
    private boolean sysfs;
    private Path sysfsRoot = Path.of("/sys");
    private Boolean progress;
    private long pollMillis = 200;

    private InputStream stdin = System.in;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    private Main() {
    }

    public static void main(String[] args) {
        Thread early = Thread.ofPlatform().name("disklog-early").daemon().start(Main::setUp);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err, early);
        out.flush();
        System.exit(status);
    }

    /** A usage error, with the message to print. */
    private static final class Usage extends Exception {
        Usage(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The classes a run needs, set up while picocli parses the command line on the main thread: jcoro's backend
     * (chosen with a self-test), the foreign memory API the reads use, the matcher's tables and vector species, the
     * correlator's patterns, the resolvers and Jackson's factory. Each is set up once per JVM, whichever thread
     * comes first; doing it here takes it off the path to the first byte read. The foreign memory API's set-up, in
     * a filter worker's first read, had kept both workers waiting (docs/performance-disklog.md).
     */
    private static void setUp() {
        try {
            Generator.backend();
            for (Class<?> c : new Class<?>[] {Matcher.class, Correlator.class, Resolver.class, Report.class, Parallel.class}) {
                Class.forName(c.getName(), true, c.getClassLoader());
            }
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            // nothing to report from here: the main thread meets the same failure where it uses the class, and
            // reports it there, in one line
        }
    }

    /** Runs disklog as the command line would, on the given streams; returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, null);
    }

    /**
     * As {@link #run(String[], InputStream, PrintStream, PrintStream)}, once {@code early} (the {@link #setUp}
     * thread, if any) has finished: no class is ever being set up by two threads at once, so no order of the two
     * can deadlock.
     */
    private static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Thread early) {
        Main main = new Main();
        main.stdin = in;
        main.out = out;
        main.err = err;
        try {
            try {
                if (!main.parse(args)) {
                    return 0;
                }
            } catch (Usage u) {
                err.println("disklog: " + u.getMessage());
                err.println("Try 'disklog --help' for more information.");
                return 2;
            }
            if (early != null) {
                early.join();
            }
            return main.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("disklog: interrupted");
            return 3;
        } catch (OutOfMemoryError e) {
            err.println("disklog: out of memory (a log with very many failing drives?); give the JVM more with"
                    + " DISKLOG_JAVA_OPTS=-Xmx2g");
            return 3;
        } catch (RuntimeException | Error e) {
            err.println("disklog: internal error: " + e + " (please report it, with the input if you can)");
            return 3;
        } finally {
            out.flush();
        }
    }

    /**
     * The command line, built with picocli's programmatic API: no annotations to scan by reflection. The help text
     * is {@link #HELP}.
     */
    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("disklog");
        spec.parser()
                .posixClusteredShortOptionsAllowed(false)
                .allowOptionsAsOptionParameters(true)
                .overwrittenOptionsAllowed(true)
                .unmatchedOptionsArePositionalParams(false)
                .toggleBooleanFlags(false);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).build());
        spec.addOption(OptionSpec.builder("--json").type(boolean.class).arity("0").build());
        spec.addOption(OptionSpec.builder("--explain").type(boolean.class).arity("0").build());
        spec.addOption(OptionSpec.builder("-f", "--follow").type(boolean.class).arity("0").build());
        spec.addOption(OptionSpec.builder("--inventory").type(String.class).paramLabel("CSV").arity("1").build());
        spec.addOption(OptionSpec.builder("--sysfs").type(boolean.class).arity("0").build());
        spec.addOption(OptionSpec.builder("--sysfs-root").type(String.class).paramLabel("DIR").arity("1").hidden(true).build());
        spec.addOption(OptionSpec.builder("--progress").type(Boolean.class).arity("0").negatable(true).build());
        spec.addOption(OptionSpec.builder("--poll").type(Long.class).paramLabel("MS").arity("1").hidden(true)
                .converters(new Millis()).build());
        spec.addPositional(PositionalParamSpec.builder().type(String[].class).paramLabel("FILE").arity("0..*").build());
        return new CommandLine(spec);
    }

    /** The value of --poll (a class, not a lambda: a lambda is spun at run time, which start-up would pay for). */
    private static final class Millis implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + v + "' is not a number of milliseconds");
            }
        }
    }

    /** Reads the options; false when there is nothing more to do (--help, --version). */
    private boolean parse(String[] args) throws Usage {
        ParseResult r;
        try {
            r = commandLine().parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new Usage(e.getMessage());
        }
        if (r.isUsageHelpRequested()) {
            out.print(HELP);
            return false;
        }
        if (r.isVersionHelpRequested()) {
            out.println("disklog 0.1.0");
            return false;
        }
        json = r.hasMatchedOption("--json");
        explain = r.hasMatchedOption("--explain");
        follow = r.hasMatchedOption("--follow");
        sysfs = r.hasMatchedOption("--sysfs");
        if (r.hasMatchedOption("--progress")) {
            progress = r.matchedOptionValue("--progress", Boolean.TRUE);
        }
        String inv = r.matchedOptionValue("--inventory", null);
        if (inv != null) {
            inventory = Path.of(inv);
        }
        String root = r.matchedOptionValue("--sysfs-root", null);
        if (root != null) {
            sysfsRoot = Path.of(root);
        }
        pollMillis = r.matchedOptionValue("--poll", 200L);
        String[] positionals = r.matchedPositionalValue(0, new String[0]);
        files.addAll(List.of(positionals));
        return true;
    }

    private int call() {
        List<Input> inputs = new ArrayList<>();
        if (files.isEmpty()) {
            files.add("-");
        }
        boolean stdinSeen = false;
        for (String f : files) {
            if (f.equals("-")) {
                if (stdinSeen) {
                    err.println("disklog: '-' (standard input) given more than once");
                    return 2;
                }
                stdinSeen = true;
                inputs.add(new Input("-", null));
            } else {
                inputs.add(new Input(f, Path.of(f)));
            }
        }
        int status = 0;
        List<Resolver> resolvers = new ArrayList<>();
        if (inventory != null) {
            Inventory inv = Inventory.load(inventory, err);
            if (inv.broken) {
                status = 2;
            }
            resolvers.add(inv);
        }
        if (sysfs) {
            resolvers.add(new Sysfs(sysfsRoot));
        }
        Resolver resolver = Resolver.chain(resolvers);
        boolean showProgress = progress != null ? progress : !follow && "true".equals(System.getProperty("disklog.stderr.tty"));
        Progress prog = showProgress ? new Progress(err, inputs) : null;

        Generator<Chunk, Integer, Void> chunks = Sources.chunks(inputs, stdin, follow, Duration.ofMillis(Math.max(10, pollMillis)), prog);
        Generator<Line, Steer, Void> matcher = Matcher.over(chunks);
        Generator<Drive, Void, Correlator.Findings> correlator = Correlator.over(matcher, resolver, follow);
        int[] followWidths = {16, 22, 10, 14, 40, 16, 16, 5, 0};
        if (follow && !json) {
            out.println(Report.format(Report.HEADER, followWidths));
            out.flush();
        }
        int reported = 0;
        Correlator.Findings findings;
        List<Input> told = new ArrayList<>();
        try (correlator) {
            while (true) {
                Drive d = correlator.next();
                tell(inputs, told, false);
                if (follow) {
                    reported++;
                    if (json) {
                        Report.json(d, out);
                    } else {
                        out.println(Report.format(Report.row(d), followWidths));
                        if (explain) {
                            Report.explain(d, out);
                        }
                    }
                    out.flush();
                }
            }
        } catch (StopIteration end) {
            findings = correlator.result();
        }
        if (prog != null) {
            prog.finish();
        }
        if (!follow) {
            if (json) {
                for (Drive d : findings.failing()) {
                    Report.json(d, out);
                }
            } else if (findings.failing().isEmpty()) {
                long lines = 0;
                for (Input in : inputs) {
                    lines += in.lines;
                }
                out.println("No failing drives found (" + Input.plural(lines, "line") + " read from "
                        + Input.plural(inputs.size(), "input") + ").");
            } else {
                Report.table(findings.failing(), explain, out);
            }
        }
        out.flush();
        tell(inputs, told, true);
        if (findings.unattributed() > 0) {
            err.println("disklog: " + Input.plural(findings.unattributed(), "error line")
                    + " named no device (e.g. 'XFS: Internal error' on old kernels) and could not be tied to a drive");
        }
        for (Input in : inputs) {
            if (in.error != null) {
                status = 2;
            }
        }
        if (status == 0 && (!findings.failing().isEmpty() || reported > 0)) {
            status = 1;
        }
        return status;
    }

    /** Prints the problems of the inputs that have been read through (all of them at the end). */
    private void tell(List<Input> inputs, List<Input> told, boolean all) {
        for (Input in : inputs) {
            if (told.contains(in) || !all && in.error == null) {
                continue;
            }
            if (all || in.error != null) {
                for (String m : in.messages()) {
                    err.println("disklog: " + m);
                }
                told.add(in);
            }
        }
    }
}
