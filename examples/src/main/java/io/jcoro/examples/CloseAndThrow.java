package io.jcoro.examples;

import io.jcoro.Coroutine;

/**
 * Closing coroutines and throwing exceptions into them, as a program. The pusher decides
 * when a coroutine is finished: {@code close()} raises {@code GeneratorExit} at the paused {@code receive()}, so
 * a coroutine that wraps its receives in {@code try}/{@code finally} gets to clean up. {@code throwIn} raises any
 * exception at the same place: the coroutine may catch it and carry on, or let it end the coroutine, in which case
 * the same exception comes back out of {@code throwIn}.
 */
public final class CloseAndThrow {
    private CloseAndThrow() {
    }

    /** Prints what it receives; a bad line raised into it is reported and skipped. */
    static Coroutine<String> printer(String name) {
        return Coroutine.of(in -> {
            System.out.println(name + ": opened");
            try {
                while (true) {
                    try {
                        System.out.println(name + ": got " + in.receive());
                    } catch (IllegalArgumentException bad) {
                        System.out.println(name + ": skipped, " + bad.getMessage());
                    }
                }
            } finally {
                System.out.println(name + ": closed in finally");
            }
        });
    }

    public static void main(String[] args) {
        Coroutine<String> first = printer("first");
        first.send("one");
        first.throwIn(new IllegalArgumentException("bad line")); // caught at the paused receive(): it carries on
        first.send("two");
        first.close();                                           // GeneratorExit at receive(): finally runs
        System.out.println("first is " + first.state());

        Coroutine<String> second = printer("second");
        second.send("three");
        try {
            second.throwIn(new IllegalStateException("disk full")); // not caught: finally runs, then it comes out
        } catch (IllegalStateException e) {
            System.out.println("throwIn raised " + e.getMessage());
        }
        System.out.println("second is " + second.state());
    }
}
