package io.jcoro.examples.pipe;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Beazley's logsim.py: appends Apache-style access-log lines to a file at random intervals, flushing each, so that
 * {@link FollowGrep} has something to follow. Deterministic for a seed.
 *
 * <pre>{@code bin/examples logsim access-log [lines] [maxDelayMillis]}</pre>
 */
public final class LogSim {

    private static final String[] HOSTS = {"140.180.132.213", "75.54.118.139", "194.105.57.11", "24.1.247.118"};
    private static final String[] PATHS = {
        "/ply/ply.html", "/python/python.html", "/swig/swig.html", "/index.html", "/cgi-bin/python.cgi",
        "/ply/bookplug.gif", "/images/python-logo.gif", "/favicon.ico",
    };

    private final SplittableRandom random;
    private int clock = 0;

    public LogSim(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next log line, without its newline. */
    public String nextLine() {
        String host = HOSTS[random.nextInt(HOSTS.length)];
        String path = PATHS[random.nextInt(PATHS.length)];
        int status = random.nextInt(20) == 0 ? 404 : 200;
        int bytes = status == 404 ? 0 : 1000 + random.nextInt(60000);
        clock++;
        return String.format("%s - - [24/Feb/2008:%02d:%02d:%02d -0600] \"GET %s HTTP/1.1\" %d %d",
                host, (clock / 3600) % 24, (clock / 60) % 60, clock % 60, path, status, bytes);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path file = Path.of(args.length > 0 ? args[0] : "access-log");
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        int maxDelay = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        LogSim sim = new LogSim(System.nanoTime());
        SplittableRandom pause = new SplittableRandom();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (int i = 0; i < lines; i++) {
                w.write(sim.nextLine());
                w.write('\n');
                w.flush();
                Thread.sleep(pause.nextInt(maxDelay + 1)); // time.sleep(random.random())
            }
        }
    }
}
