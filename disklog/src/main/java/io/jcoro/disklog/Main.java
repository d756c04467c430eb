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

/**
 * {@code disklog}: the serial numbers of failing drives, from kernel logs.
 *
 * <p>Exit status: 0 no failing drive, 1 failing drives found, 2 a usage error or an input that could not be read
 * (the other inputs are still read and reported; 2 wins over 1, as with grep), 3 an internal error.
 *
 * <p>The command line is parsed by hand: a reflective parser cost about 0.3 s of start-up, more than reading a
 * small log takes (docs/performance-disklog.md).
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
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err);
        out.flush();
        System.exit(status);
    }

    /** A usage error, with the message to print. */
    private static final class Usage extends Exception {
        Usage(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs disklog as the command line would, on the given streams; returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
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
            return main.call();
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

    /** Reads the options; false when there is nothing more to do (--help, --version). */
    private boolean parse(String[] args) throws Usage {
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!options || a.equals("-") || !a.startsWith("-")) {
                files.add(a);
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--" -> options = false;
                case "-h", "--help" -> {
                    out.print(HELP);
                    return false;
                }
                case "-V", "--version" -> {
                    out.println("disklog 0.1.0");
                    return false;
                }
                case "--json" -> json = flag(name, value);
                case "--explain" -> explain = flag(name, value);
                case "-f", "--follow" -> follow = flag(name, value);
                case "--sysfs" -> sysfs = flag(name, value);
                case "--progress" -> progress = flag(name, value);
                case "--no-progress" -> progress = !flag(name, value);
                case "--inventory" -> inventory = Path.of(value != null ? value : next(args, ++i, name, "CSV"));
                case "--sysfs-root" -> sysfsRoot = Path.of(value != null ? value : next(args, ++i, name, "DIR"));
                case "--poll" -> {
                    String v = value != null ? value : next(args, ++i, name, "MS");
                    try {
                        pollMillis = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new Usage("Invalid value for option '--poll': '" + v + "' is not a number of milliseconds");
                    }
                }
                default -> throw new Usage("Unknown option: '" + a + "'");
            }
        }
        return true;
    }

    private static boolean flag(String name, String value) throws Usage {
        if (value != null) {
            throw new Usage("Option '" + name + "' takes no value");
        }
        return true;
    }

    private static String next(String[] args, int i, String name, String what) throws Usage {
        if (i >= args.length) {
            throw new Usage("Missing required parameter for option '" + name + "' (" + what + ")");
        }
        return args[i];
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
