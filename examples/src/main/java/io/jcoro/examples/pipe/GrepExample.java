package io.jcoro.examples.pipe;

import io.jcoro.Coroutine;
import io.jcoro.pipe.Pipes;
import io.jcoro.pipe.Sink;
import java.io.PrintStream;

/**
 * The {@code grep} coroutine of {@link io.jcoro.examples.Grep}, twice: as a jcoro {@link Coroutine} written like
 * the Python, and as a two-stage pipe. Prints:
 *
 * <pre>
 * Searching for coroutine
 * I love coroutines instead!
 * I love coroutines instead!
 * </pre>
 */
public final class GrepExample {
    private GrepExample() {
    }

    public static void main(String[] args) {
        Backends.preferContinuations();
        run(System.out);
    }

    static void run(PrintStream out) {
        // def grep(pattern): print("Searching for", pattern); while True: line = (yield); if pattern in line: print(line)
        String pattern = "coroutine";
        Coroutine<String> search = Coroutine.of(lines -> {
            out.println("Searching for " + pattern); // runs now: Coroutine.of primes, like next(search)
            while (true) {
                String line = lines.receive();
                if (line.contains(pattern)) {
                    out.println(line);
                }
            }
        });
        search.send("I love you");
        search.send("Don't you love me?");
        search.send("I love coroutines instead!");
        search.close();

        // The same as a pipeline: a functional grep stage into a printer.
        Sink<String> grep = Pipes.grep(pattern).into(Pipes.printer(out));
        grep.send("I love you");
        grep.send("Don't you love me?");
        grep.send("I love coroutines instead!");
        grep.close();
    }
}
