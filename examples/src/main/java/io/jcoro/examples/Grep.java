package io.jcoro.examples;

import io.jcoro.Coroutine;

/**
 * A coroutine: a grep that consumes lines sent to it.
 *
 * <pre>{@code
 * def grep(pattern):
 *     print("Searching for", pattern)
 *     while True:
 *         line = (yield)
 *         if pattern in line:
 *             print(line)
 * }</pre>
 *
 * The Python has to call {@code next(search)} once before the first send; a {@link Coroutine} is created primed,
 * so "Searching for coroutine" is printed by {@code grep("coroutine")} itself.
 */
public final class Grep {
    private Grep() {
    }

    public static Coroutine<String> grep(String pattern) {
        return Coroutine.of(lines -> {
            System.out.println("Searching for " + pattern);
            while (true) {
                String line = lines.receive();
                if (line.contains(pattern)) {
                    System.out.println(line);
                }
            }
        });
    }

    public static void main(String[] args) {
        Coroutine<String> search = grep("coroutine");
        search.send("I love you");
        search.send("Don't you love me?");
        search.send("I love coroutines instead!");
        search.close();
    }
}
