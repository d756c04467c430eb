package io.jcoro.examples;

import io.jcoro.Generator;

/**
 * A running tally for a baseball team, as a coroutine, and the interactive Python prompt that drives two of
 * them.
 *
 * <pre>{@code
 * def tally():
 *     score = 0
 *     while True:
 *         increment = yield score
 *         score += increment
 * }</pre>
 */
public final class Tally {
    private Tally() {
    }

    /** A new tally; like the Python function, calling this runs none of the body. */
    public static Generator<Integer, Integer, Void> tally() {
        return Generator.of(y -> {
            int score = 0;
            while (true) {
                int increment = y.yield(score);
                score += increment;
            }
        });
    }

    /** The interactive run: {@code >>> white_sox = tally()} and so on; prints what the Python prompt echoes. */
    public static void main(String[] args) {
        Generator<Integer, Integer, Void> whiteSox = tally();
        Generator<Integer, Integer, Void> blueJays = tally();
        System.out.println(whiteSox.next());     // 0: runs each body up to its first yield
        System.out.println(blueJays.next());     // 0
        System.out.println(whiteSox.send(3));    // 3: the paused yield returns 3, the body adds it and yields again
        System.out.println(blueJays.send(2));    // 2
        System.out.println(whiteSox.send(2));    // 5
        System.out.println(blueJays.send(4));    // 6
    }
}
