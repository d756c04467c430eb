package io.jcoro.examples;

import io.jcoro.Generator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the seed examples: {@code Main tally} runs one, {@code Main} all of them, in the order the seed texts
 * present them, each under a header.
 */
public final class Main {
    private Main() {
    }

    /** Name to program, in the seeds' order. */
    static final Map<String, Consumer<String[]>> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("tally", Tally::main);
        EXAMPLES.put("serials", Serials::main);
        EXAMPLES.put("fibonacci", Fibonacci::main);
        EXAMPLES.put("grep", Grep::main);
        EXAMPLES.put("close", CloseAndThrow::main);
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.println("# jcoro examples, " + Generator.backend().name().toLowerCase().replace('_', '-') + " backend");
            for (Map.Entry<String, Consumer<String[]>> example : EXAMPLES.entrySet()) {
                System.out.println();
                System.out.println("## " + example.getKey());
                example.getValue().accept(new String[0]);
            }
            return;
        }
        Consumer<String[]> example = EXAMPLES.get(args[0]);
        if (example == null || args.length > 1) {
            System.err.println("usage: examples [" + String.join("|", EXAMPLES.keySet()) + "]");
            System.exit(2);
        }
        example.accept(new String[0]);
    }
}
