package io.jcoro.examples.pipe;

import io.jcoro.pipe.Pipes;
import io.jcoro.pipe.Sink;
import io.jcoro.pipe.Sources;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Beazley's {@code follow | grep | printer} (cofollow.py, copipe.py): {@code tail -F access-log | grep python}
 * as a push pipeline. Runs until interrupted (Ctrl-C). Feed it with {@link LogSim} in another terminal.
 *
 * <pre>{@code bin/examples follow-grep access-log python}</pre>
 */
public final class FollowGrep {
    private FollowGrep() {
    }

    public static void main(String[] args) {
        Backends.preferContinuations();
        Path log = Path.of(args.length > 0 ? args[0] : "access-log");
        String pattern = args.length > 1 ? args[1] : "python";
        Pipes.pump(Sources.follow(log), pipeline(pattern, System.out));
    }

    /** {@code grep(pattern, printer())}, built left to right. */
    static Sink<String> pipeline(String pattern, PrintStream out) {
        return Pipes.grep(pattern).into(Pipes.printer(out));
    }
}
