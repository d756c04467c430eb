package io.jcoro;

import java.util.function.Consumer;

/**
 * A consumer of items that keeps its state on its own stack: Beazley's {@code @coroutine}. It is created
 * <em>primed</em>: its body has already run up to the first {@link Receiver#receive()}, so {@link #send} works at
 * once.
 *
 * <pre>{@code
 * Coroutine<String> grep = Coroutine.of(lines -> {
 *     System.out.println("Searching for coroutine");
 *     while (true) {
 *         String line = lines.receive();
 *         if (line.contains("coroutine")) System.out.println(line);
 *     }
 * });
 * grep.send("I love you");
 * grep.send("I love coroutines instead!");
 * grep.close();
 * }</pre>
 *
 * <p>Unlike a {@link Consumer} chain, a coroutine remembers where it was between items, and {@link #close()}
 * raises {@link GeneratorExit} at its paused {@code receive()} so its {@code finally} blocks run. It is safe to
 * close a coroutine more than once. Sending to a finished coroutine throws {@link StopIteration}. A coroutine is
 * a {@link Generator} that yields nothing; {@link #generator()} gives that view.
 *
 * @param <T> the type of items sent in
 */
public interface Coroutine<T> extends Consumer<T>, AutoCloseable {

    /**
     * The body of a coroutine: receives items until it returns or the coroutine is closed. Serializable so that
     * jcoro can find its code to compile it.
     */
    @FunctionalInterface
    interface Body<T> extends java.io.Serializable {
        void run(Receiver<T> in) throws Exception;
    }

    /**
     * Creates a coroutine and runs its body up to the first {@code receive()}. A body that ends before receiving
     * anything gives a coroutine that is already closed; an exception it raises propagates from here.
     */
    static <T> Coroutine<T> of(Body<T> body) {
        return new RealCoroutine<>(body);
    }

    /**
     * Resumes the body with {@code item} as the value of its paused {@code receive()}, and returns when it
     * waits again.
     *
     * @throws StopIteration when the body has finished (or finishes now)
     * @throws IllegalStateException "generator already executing" when called while the body runs
     */
    void send(T item);

    /** The same as {@link #send}: a coroutine is a {@link Consumer}. */
    @Override
    default void accept(T item) {
        send(item);
    }

    /**
     * Raises {@code exception} at the paused {@code receive()}. If the body catches it and waits again, this
     * returns; otherwise it propagates from here and the coroutine is closed.
     */
    void throwIn(Throwable exception);

    /** Raises {@link GeneratorExit} at the paused {@code receive()}; {@code finally} blocks run. */
    @Override
    void close();

    /** The coroutine's state; it is never {@link GeneratorState#CREATED} once {@link #of} returned. */
    GeneratorState state();

    /** This coroutine as a generator that yields {@code null} each time it waits. */
    Generator<Void, T, Void> generator();
}
