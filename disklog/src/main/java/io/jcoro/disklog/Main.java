package io.jcoro.disklog;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import io.jcoro.disklog.correlate.Correlator;
import io.jcoro.disklog.correlate.Drive;
import io.jcoro.disklog.correlate.Findings;
import io.jcoro.disklog.read.Chunk;
import io.jcoro.disklog.read.Following;
import io.jcoro.disklog.correlate.HostPatterns;
import io.jcoro.disklog.read.Input;
import io.jcoro.disklog.plan.Inputs;
import io.jcoro.disklog.read.InputStats;
import io.jcoro.disklog.read.Parallel;
import io.jcoro.disklog.read.Progress;
import io.jcoro.disklog.read.Sources;
import io.jcoro.disklog.read.Tuning;
import io.jcoro.disklog.report.Report;
import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import io.jcoro.disklog.scan.LineScanner;
import io.jcoro.disklog.serial.Inventory;
import io.jcoro.disklog.serial.Resolver;
import io.jcoro.disklog.serial.Sysfs;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code disklog}: the serial numbers of failing drives, from kernel logs.
 *
 * <p>Exit status: 0 no failing drive, 1 failing drives found, 2 a usage error or an input that could not be read
 * (the other inputs are still read and reported; 2 wins over 1, as with grep), 3 an internal error.
 */
public final class Main {
    private final Config config;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    /** The inputs (by position) whose problems have been printed. */
    private final java.util.BitSet reported = new java.util.BitSet();
    /** --follow's stop, when the run is a process of its own (signals reach it); else null. */
    private final Following following;
    private Progress progress;

    private Main(Config config, InputStream stdin, PrintStream out, PrintStream err, Following following) {
        this.config = config;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.following = following;
    }

    public static void main(String[] args) {
        Thread early = Thread.ofPlatform().name("disklog-early").daemon().start(Main::setUp);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Following following = new Following();
        int status = run(args, System.in, out, err, null, early, following);
        out.flush();
        following.finished(status);
        if (following.stopped()) {
            // a signal stopped --follow: its handler exits with this status (System.exit would wait for it)
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // the handler halts the JVM
                }
            }
        }
        System.exit(status);
    }

    /**
     * The classes a run needs, set up while picocli parses the command line on the main thread: jcoro's backend
     * (chosen with a self-test), the foreign memory API the reads use, the scanner's tables and vector species, the
     * families' hash table, the correlator's patterns, the resolvers and Jackson's factory. Each is set up once per
     * JVM, whichever thread comes first; doing it here takes it off the path to the first byte read.
     */
    private static void setUp() {
        try {
            Generator.backend();
            for (Class<?> c : new Class<?>[] {LineScanner.class, Correlator.class, Resolver.class, Report.class,
                Parallel.class, io.jcoro.disklog.family.Prefilter.class}) {
                Class.forName(c.getName(), true, c.getClassLoader());
            }
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            // nothing to report from here: the main thread meets the same failure where it uses the class, and
            // reports it there, in one line
        }
    }

    /** Runs disklog as the command line would, on the given streams; returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, null, null, null);
    }

    /** As {@link #run(String[], InputStream, PrintStream, PrintStream)}, big files read with {@code tuning}. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Tuning tuning) {
        return run(args, in, out, err, tuning, null, null);
    }

    /**
     * Runs once {@code early} (the {@link #setUp} thread, if any) has finished: no class is ever being set up by two
     * threads at once, so no order of the two can deadlock.
     */
    private static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Tuning tuning,
                           Thread early, Following following) {
        try {
            Config config;
            try {
                config = Cli.parse(args, out);
            } catch (Cli.Usage u) {
                err.println("disklog: " + u.getMessage());
                if (u.hint) {
                    err.println("Try 'disklog --help' for more information.");
                }
                return 2;
            }
            if (config == null) {
                return 0;
            }
            if (tuning != null) {
                config = config.with(tuning);
            }
            if (early != null) {
                early.join();
            }
            return new Main(config, in, out, err, following).call();
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

    /** The stages, chained: reader, scanner (formats, families), correlator; then the report. */
    private int call() {
        List<Input> named = config.inputs();
        Input lastNamed = named.get(named.size() - 1);
        if (config.follow() && !lastNamed.isStdin() && java.nio.file.Files.isDirectory(lastNamed.path())) {
            err.println("disklog: " + lastNamed.label() + ": is a directory; --follow follows a file or standard input");
            return 2;
        }
        Inputs.Plan plan = Inputs.plan(named, config.givenOrder());
        for (String note : plan.notes()) {
            err.println("disklog: " + note);
        }
        List<Input> inputs = plan.inputs();
        List<InputStats> stats = plan.stats();
        int status = 0;
        List<Resolver> resolvers = new ArrayList<>();
        if (config.inventory() != null) {
            Inventory inv = Inventory.load(config.inventory(), err);
            if (inv.broken) {
                status = 2;
            }
            resolvers.add(inv);
        }
        if (config.sysfs()) {
            resolvers.add(new Sysfs(config.sysfsRoot()));
        }
        progress = config.showProgress() ? new Progress(err, inputs) : null;
        Following stop = null;
        if (config.follow()) {
            stop = following != null ? following : new Following();
            if (following != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(new OnSignal(following), "disklog-stop"));
            }
        }
        Generator<Chunk, Integer, Void> chunks = Sources.chunks(new Sources.Plan(inputs, stats, stdin, stop,
                config.poll(), config.tuning(), progress, new Warn()));
        Generator<Line, Attach, Void> lines = LineScanner.over(chunks);
        Generator<Drive, Void, Findings> correlator = Correlator.over(lines, Resolver.chain(resolvers), config.follow(),
                HostPatterns.of(config.hosts()));
        int shown = 0;
        Report.Rows followRows = null;
        Findings findings;
        try (correlator) {
            while (true) {
                Drive d = correlator.next();
                printProblems(inputs, stats, false);
                if (config.follow()) {
                    shown++;
                    if (config.json()) {
                        Report.json(d, out);
                    } else {
                        if (followRows == null) {
                            // a HOST column when the lines name their host: a followed log may be a central one
                            Report.Style style = new Report.Style(config.explain(), d.lastHost != null
                                    && d.lastHost.name() != null, config.width());
                            followRows = new Report.Rows(style, followWidths(style));
                            out.println(followRows.format(Report.header(style)));
                            followStyle = style;
                        }
                        out.println(followRows.format(Report.row(d, followStyle)));
                        if (config.explain()) {
                            Report.explain(d, followStyle, out);
                        }
                    }
                    out.flush();
                }
            }
        } catch (StopIteration end) {
            findings = correlator.result();
        }
        if (progress != null) {
            progress.finish();
        }
        if (config.follow() && !config.json()) {
            out.println();
            out.println(stop.stopped() ? "Stopped. Summary:" : "Summary:");
        }
        if (!config.follow() || !config.json()) {
            report(findings, inputs, stats);
        }
        out.flush();
        printProblems(inputs, stats, true);
        if (findings.unattributed() > 0) {
            err.println("disklog: " + InputStats.plural(findings.unattributed(), "error line")
                    + " named no device (e.g. 'XFS: Internal error' on old kernels) and could not be tied to a drive");
        }
        for (InputStats s : stats) {
            if (s.error != null) {
                status = 2;
            }
        }
        if (status == 0 && (!findings.failing().isEmpty() || shown > 0)) {
            status = 1;
        }
        return status;
    }

    private Report.Style followStyle;

    /**
     * A signal (SIGINT, SIGTERM) during --follow: the followed input ends, the run prints its summary as a run that
     * read to its end does, and the process exits with that run's status (1 or 0 by what it found, 2 when an input
     * could not be read), not 130.
     */
    private static final class OnSignal implements Runnable {
        private final Following following;

        OnSignal(Following following) {
            this.following = following;
        }

        @Override
        public void run() {
            following.stop();
            int status = following.awaitStatus(10);
            Runtime.getRuntime().halt(status >= 0 ? status : 130);
        }
    }

    /** Notices on stderr while the stream runs, the progress line erased first. */
    private final class Warn implements Sources.Notices {
        @Override
        public void notice(String line) {
            warn(line);
        }
    }

    private void warn(String line) {
        if (progress != null) {
            progress.println("disklog: " + line);
        } else {
            err.println("disklog: " + line);
        }
    }

    /** The column widths of --follow's rows, which are printed before the widths of the whole table are known. */
    private static int[] followWidths(Report.Style style) {
        int[] w = {16, 22, 10, 14, 40, 16, 16, 5, 0};
        if (!style.hostColumn()) {
            return w;
        }
        int[] h = new int[w.length + 1];
        h[0] = 16;
        System.arraycopy(w, 0, h, 1, w.length);
        return h;
    }

    /**
     * The findings, and what they cover: an input that could not be read is named on stdout too (a technician may
     * read only stdout), and "no failing drives" is never said of input that was not read.
     */
    private void report(Findings findings, List<Input> inputs, List<InputStats> stats) {
        List<String> unread = new ArrayList<>();
        List<String> partly = new ArrayList<>();
        long lines = 0;
        int read = 0;
        for (int i = 0; i < inputs.size(); i++) {
            InputStats s = stats.get(i);
            if (s.error != null && s.lines == 0) {
                unread.add(inputs.get(i).label() + " (" + s.error + ")");
            } else {
                read++;
                lines += s.lines;
                if (s.error != null) {
                    partly.add(inputs.get(i).label() + " (" + s.error + ")");
                }
            }
        }
        if (config.json()) {
            for (Drive d : findings.failing()) {
                Report.json(d, out);
            }
            return;
        }
        String notRead = unread.isEmpty() ? "" : unread.size() + " of " + InputStats.plural(inputs.size(), "input")
                + " could not be read: " + some(unread);
        if (findings.failing().isEmpty()) {
            if (read == 0) {
                out.println("Nothing read: " + notRead + ".");
            } else {
                out.println("No failing drives found (" + InputStats.plural(lines, "line") + " read from "
                        + InputStats.plural(read, "input") + (unread.isEmpty() ? "" : "; " + notRead) + ").");
            }
        } else {
            Report.table(findings.failing(), new Report.Style(config.explain(), findings.hosts().size() > 1,
                    config.width()), out);
            if (!unread.isEmpty()) {
                out.println(notRead + "; the drives above are from the other " + InputStats.plural(read, "input") + ".");
            }
        }
        if (!partly.isEmpty()) {
            out.println(InputStats.plural(partly.size(), "input") + " read only in part: " + some(partly) + ".");
        }
    }

    /** Up to three items, then how many more. */
    private static String some(List<String> items) {
        if (items.size() <= 3) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, 3)) + " and " + (items.size() - 3) + " more";
    }

    /**
     * Prints the problems of each input once: of an input that stopped with an error as soon as it is seen (so that
     * --follow shows it), of every input at the end.
     */
    private void printProblems(List<Input> inputs, List<InputStats> stats, boolean atEnd) {
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            InputStats s = stats.get(i);
            if (reported.get(i) || !atEnd && s.error == null) {
                continue;
            }
            for (String m : s.messages(in)) {
                warn(m);
            }
            reported.set(i);
        }
    }
}
