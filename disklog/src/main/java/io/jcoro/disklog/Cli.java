package io.jcoro.disklog;

import io.jcoro.disklog.read.Input;
import io.jcoro.disklog.read.Tuning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line: every option defined once, here, with its description; picocli parses it and writes the help
 * from it. Built with picocli's programmatic API, not its annotations, which are read by reflection at every start.
 */
final class Cli {
    private Cli() {
    }

    static final String VERSION = "disklog 0.1.0";

    /** A usage error, with the message to print, and whether to point at --help. */
    static final class Usage extends Exception {
        final boolean hint;

        Usage(String message, boolean hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    /** The command line as picocli reads it. */
    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("disklog");
        spec.parser()
                .posixClusteredShortOptionsAllowed(false)
                .allowOptionsAsOptionParameters(true)
                .overwrittenOptionsAllowed(true)
                .unmatchedOptionsArePositionalParams(false)
                .toggleBooleanFlags(false);
        Map<String, String> exit = new LinkedHashMap<>();
        exit.put("0", "no failing drive");
        exit.put("1", "failing drives found");
        exit.put("2", "usage error, or an input that could not be read (the others are still reported)");
        exit.put("3", "internal error");
        spec.usageMessage()
                .description("Reads kernel logs (dmesg, /var/log/kern.log, journalctl -k, plain or .gz/.xz/.zst/.bz2)"
                        + " and reports each failing drive: host, serial, model, device, address, what went wrong,"
                        + " when. Errors are tied to the drive that held the name on that host at the moment of the"
                        + " error, so hot-swaps, reboots and central logs of many hosts come out right.")
                .width(100)
                .exitCodeListHeading("Exit status:%n")
                .exitCodeList(exit);
        spec.addOption(OptionSpec.builder("--json").arity("0")
                .description("JSON Lines: one object per failing drive, with its evidence lines").build());
        spec.addOption(OptionSpec.builder("--explain").arity("0")
                .description("print the evidence lines under each row of the table").build());
        spec.addOption(OptionSpec.builder("-f", "--follow").arity("0")
                .description("after reading, follow the last file like tail -F (rotation, truncation) and report each"
                        + " newly failing drive as it appears, and again when its count changes; with '-', as standard"
                        + " input arrives. Ctrl-C prints the summary").build());
        spec.addOption(OptionSpec.builder("--host").type(String[].class).paramLabel("NAME").arity("1")
                .description("only the drives of this host (a glob: 'web*'; repeatable); hosts are named by the log's"
                        + " lines, or by the directory a file was found in").build());
        spec.addOption(OptionSpec.builder("--given-order").arity("0")
                .description("read the logs in the order given, not each host's oldest first").build());
        spec.addOption(OptionSpec.builder("--inventory").type(String.class).paramLabel("CSV").arity("1")
                .description("serials for drives the log gives none for: lines KEY,SERIAL where KEY is an address"
                        + " (2:0:0:0, 0000:3b:00.0), a WWN (0x5000c500...) or a device name (sdc); HOST,KEY,SERIAL"
                        + " for a log of several hosts").build());
        spec.addOption(OptionSpec.builder("--sysfs").arity("0")
                .description("look serials up in /sys on this host, for drives still holding their name at the end"
                        + " of the log (and whose address and model match)").build());
        spec.addOption(OptionSpec.builder("--width").type(Integer.class).paramLabel("COLUMNS").arity("1")
                .description("fit the table to this many columns, cutting the long cells (0: no limit; default: the"
                        + " terminal's width when the output is a terminal)").converters(new Columns()).build());
        spec.addOption(OptionSpec.builder("--progress").type(Boolean.class).arity("0").negatable(true)
                .description("progress on stderr (default: when stderr is a terminal)").build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("print the version and exit").build());
        // for tests and the launcher, not for people
        spec.addOption(OptionSpec.builder("--sysfs-root").type(String.class).paramLabel("DIR").arity("1").hidden(true).build());
        spec.addOption(OptionSpec.builder("--poll").type(Long.class).paramLabel("MS").arity("1").hidden(true)
                .converters(new Millis()).build());
        spec.addOption(OptionSpec.builder("--stderr-is-terminal").arity("0").hidden(true).build());
        spec.addPositional(PositionalParamSpec.builder().type(String[].class).paramLabel("FILE").arity("0..*")
                .description("logs, in any order: the files of each host are read oldest first (kern.log.2.gz"
                        + " kern.log.1 kern.log); a directory: every log in it, a subdirectory per host"
                        + " (/var/log/remote/HOST/...); '-' or none: standard input").build());
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

    /** The value of --width. */
    private static final class Columns implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + v + "' is not a number of columns");
            }
        }
    }

    /** The options that take a value: the launcher skips their values when it looks for the logs' sizes. */
    static List<String> optionsWithValues() {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : commandLine().getCommandSpec().options()) {
            if (o.arity().max() > 0) {
                out.addAll(List.of(o.names()));
            }
        }
        return out;
    }

    /** The run's settings, or null when the command line asked for the help or the version (printed to out). */
    static Config parse(String[] args, java.io.PrintStream out) throws Usage {
        CommandLine cl = commandLine();
        ParseResult r;
        try {
            r = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new Usage(e.getMessage(), true);
        }
        if (r.isUsageHelpRequested()) {
            out.print(cl.getUsageMessage());
            return null;
        }
        if (r.isVersionHelpRequested()) {
            out.println(VERSION);
            return null;
        }
        List<Input> inputs = new ArrayList<>();
        boolean stdin = false;
        for (String f : r.matchedPositionalValue(0, new String[] {"-"})) {
            if (f.equals("-")) {
                if (stdin) {
                    throw new Usage("'-' (standard input) given more than once", false);
                }
                stdin = true;
                inputs.add(Input.stdin());
            } else {
                inputs.add(Input.file(f));
            }
        }
        String inventory = r.matchedOptionValue("--inventory", null);
        List<String> hosts = List.of(r.matchedOptionValue("--host", new String[0]));
        return new Config(inputs, hosts, r.hasMatchedOption("--given-order"), r.hasMatchedOption("--json"),
                r.hasMatchedOption("--explain"), r.hasMatchedOption("--follow"), inventory == null ? null : Path.of(inventory),
                r.hasMatchedOption("--sysfs"), Path.of(r.matchedOptionValue("--sysfs-root", "/sys")),
                r.hasMatchedOption("--progress") ? r.matchedOptionValue("--progress", Boolean.TRUE) : null,
                Duration.ofMillis(Math.max(10, r.<Long>matchedOptionValue("--poll", 200L))),
                r.hasMatchedOption("--stderr-is-terminal"), r.<Integer>matchedOptionValue("--width", 0),
                Tuning.defaults());
    }
}
