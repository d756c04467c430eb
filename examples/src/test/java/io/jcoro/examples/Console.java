package io.jcoro.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what a program prints, to compare it with what the Python original prints. */
final class Console {
    private Console() {
    }

    /** A program's main, which may throw anything. */
    @FunctionalInterface
    interface Program {
        void run() throws Exception;
    }

    /** Everything {@code program} printed to System.out, with line ends as {@code \n}. */
    static String output(Program program) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } catch (Exception e) {
            throw new AssertionError("the program failed", e);
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
