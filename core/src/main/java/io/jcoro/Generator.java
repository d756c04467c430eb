package io.jcoro;

import java.io.Serializable;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A generator: a body of ordinary Java code that can pause, hand a value out, and later continue, with Python's
 * protocol exactly (PEP 255, 342, 380 and 479; {@code close()} as in Python 3.13).
 *
 * <h2>Producing values: {@code next}</h2>
 * <pre>{@code
 * Generator<Integer, Void, Void> fib = Generator.of(y -> {
 *     int a = 0, b = 1;
 *     while (b < 1_000_000) { y.yield(a); int t = a + b; a = b; b = t; }
 * });
 * for (int n : fib) System.out.println(n);     // 0 1 1 2 3 5 ... 514229
 * }</pre>
 * Creating a generator runs no code. Each {@link #next()} runs the body until its next {@link Yielder#yield} and
 * returns the value yielded; when the body ends, {@code next()} throws {@link StopIteration}.
 *
 * <h2>Consuming values: {@code send}</h2>
 * <pre>{@code
 * Generator<Integer, Integer, Void> tally = Generator.of(y -> {
 *     int score = 0;
 *     while (true) score += y.yield(score);
 * });
 * tally.next();      // 0: runs to the first yield (a just-started generator takes only null)
 * tally.send(3);     // 3: the paused yield returns 3, the body runs on to the next yield
 * tally.send(2);     // 5
 * }</pre>
 * {@code send(v)} resumes the body with {@code v} as the value of the paused {@code yield}; {@code next()} is
 * {@code send(null)}. Sending a non-null value to a generator that has not started throws
 * {@link IllegalArgumentException} "can't send non-None value to a just-started generator" and changes nothing.
 *
 * <h2>Returning a value</h2>
 * A body made with {@link #returning} returns a result. The call that finishes the body throws
 * {@link StopIteration} carrying it ({@link StopIteration#value()}), once; later calls throw a plain
 * {@code StopIteration}. The result is also kept: {@link #result()}. A body made with {@link #of} returns nothing
 * and needs no {@code return null;}.
 *
 * <h2>Exceptions in and out: {@code throwIn}</h2>
 * {@link #throwIn(Throwable)} raises the given exception at the paused {@code yield}. If the body catches it and
 * yields, {@code throwIn} returns that value; if it returns, {@code throwIn} throws {@code StopIteration(result)};
 * otherwise the same exception object comes back out of {@code throwIn}. On a generator that has not started,
 * the exception is raised before the first statement, where nothing can catch it.
 *
 * <p>Any exception that escapes the body propagates from the call that resumed it, as the same object, and the
 * generator is {@link GeneratorState#CLOSED}. This includes checked exceptions: the body may throw any
 * {@link Exception}, and it reaches the caller unwrapped even though {@code next()} declares none, so catch it as
 * {@code Exception} (or by its type, with a {@code catch (Exception e)} and {@code instanceof}). The one
 * exception to "as is" is PEP 479: a {@link StopIteration} escaping the body (say, from calling {@code next()} on
 * another, finished generator) would look like a normal end, so it becomes an {@link IllegalStateException}
 * "generator raised StopIteration" with the StopIteration as its cause.
 *
 * <h2>Closing: {@code close}</h2>
 * {@link #close()} raises {@link GeneratorExit} at the paused {@code yield}, so {@code finally} blocks and
 * try-with-resources run. {@code GeneratorExit} is an {@link Error}: {@code catch (Exception e)} does not catch it.
 * A generator that has not started is closed without running any code. A body that catches {@code GeneratorExit}
 * and yields again makes {@code close()} throw {@link IllegalStateException} "generator ignored GeneratorExit", and
 * stays suspended. It is safe to close a generator more than once. A generator is {@link AutoCloseable}; closing
 * its {@link #stream()} closes it.
 *
 * <p>An abandoned suspended generator is closed when it becomes unreachable, as Python's finaliser does: its
 * {@code finally} blocks run on a jcoro cleanup thread, and an exception from them goes to the
 * {@linkplain #setUnraisableHook unraisable hook}. That is a backstop: close generators you abandon, for example
 * with try-with-resources. (A body that holds a reference to its own generator keeps it reachable, and is not
 * finalised.)
 *
 * <h2>Delegating: {@code yieldFrom}</h2>
 * {@link Yielder#yieldFrom(Generator)} runs another generator inside this one, as Python's {@code yield from}:
 * its values pass straight out, {@code send}/{@code throwIn}/{@code close} pass straight in, and its result
 * becomes the value of {@code yieldFrom}. {@link Yielder#yieldAll(Iterable)} does the same for a plain iterable.
 *
 * <h2>One caller at a time</h2>
 * While the body runs, the generator is {@link GeneratorState#RUNNING}: any call on it, from inside its own body or
 * from another thread, fails at once with {@link IllegalStateException} "generator already executing" and changes
 * nothing. A generator may be driven from different threads one after another (see
 * <a href="package-summary.html#MemoryVisibility">memory consistency</a>).
 *
 * <h2>Versus {@link Iterator} and {@link Stream}</h2>
 * A generator is {@link Iterable}: {@link #iterator()} returns a view of this generator (every view drives the same
 * body, as Python's {@code iter(g) is g}). Its {@code hasNext()} must run the body up to the next yield to answer, so
 * the body's side effects happen one step earlier than in a Python {@code for} loop. A value fetched by
 * {@code hasNext()} is handed out by the next {@code next()} (of the view or of the generator); {@code send} or
 * {@code throwIn} while such a value waits throws {@link IllegalStateException}.
 *
 * <h2>Where a body runs</h2>
 * A body whose every yield is a call on its own yielder in its own code (Python's shape: {@code y.yield(v)},
 * {@code y.yieldFrom(g)}, {@code y.yieldAll(list)} written in the lambda itself) is <em>compiled</em> the first time
 * its call site makes a generator: jcoro rewrites the lambda's bytecode into a state machine, and each resume is a
 * plain method call on the caller's thread ({@link Backend#COMPILED}). A body that yields from deeper down (a helper
 * method it passes its yielder to, a {@code forEach} lambda) or inside {@code synchronized} runs on a stackful
 * backend instead, with the same behaviour: the JDK's continuations or a virtual thread ({@link #backend()}).
 * {@link #mechanism()} tells which a generator uses; {@code -Djcoro.compile=require} makes a body that cannot be
 * compiled fail at creation, naming why. The body interfaces are {@link java.io.Serializable} only so that jcoro can
 * find the lambda's code; jcoro never serializes a body. A body may call {@code next()} on other generators at any
 * depth, inside {@code synchronized} too.
 *
 * @param <Y> the type of values yielded
 * @param <S> the type of values sent in ({@code Void} for a plain generator)
 * @param <R> the type of the result ({@code Void} for a body made with {@link #of})
 */
public interface Generator<Y, S, R> extends Iterable<Y>, AutoCloseable {

    /** A generator body that returns nothing. Serializable so that jcoro can find its code to compile it. */
    @FunctionalInterface
    interface Body<Y, S> extends Serializable {
        void run(Yielder<Y, S> yielder) throws Exception;
    }

    /** A generator body that returns a result. Serializable so that jcoro can find its code to compile it. */
    @FunctionalInterface
    interface ReturningBody<Y, S, R> extends Serializable {
        R run(Yielder<Y, S> yielder) throws Exception;
    }

    /** A new generator, {@link GeneratorState#CREATED}, whose body returns nothing. No code runs yet. */
    static <Y, S> Generator<Y, S, Void> of(Body<Y, S> body) {
        java.util.Objects.requireNonNull(body, "body");
        RealGenerator<Y, S, Void> compiled = RealGenerator.compiled(body);
        if (compiled != null) {
            return compiled;
        }
        return new RealGenerator<>(y -> {
            body.run(y);
            return null;
        }, body);
    }

    /** A new generator, {@link GeneratorState#CREATED}, whose body returns a result. No code runs yet. */
    static <Y, S, R> Generator<Y, S, R> returning(ReturningBody<Y, S, R> body) {
        java.util.Objects.requireNonNull(body, "body");
        RealGenerator<Y, S, R> compiled = RealGenerator.compiled(body);
        return compiled != null ? compiled : new RealGenerator<>(body);
    }

    /** The backend this JVM runs generator bodies on. */
    static Backend backend() {
        return Backends.active();
    }

    /**
     * Sets where errors from closing abandoned generators go (Python's {@code sys.unraisablehook}). By default
     * they are logged through {@link System.Logger} at WARNING. {@code null} restores the default.
     */
    static void setUnraisableHook(Consumer<? super Throwable> hook) {
        Finalization.setHook(hook);
    }

    /**
     * Runs the body to its next yield and returns the value; the same as {@code send(null)}.
     *
     * @throws StopIteration when the body finishes (carrying its result, the first time) or has finished
     * @throws IllegalStateException "generator already executing" when the body is running
     */
    Y next();

    /**
     * Resumes the body with {@code value} as the value of its paused {@code yield} and returns the next value it
     * yields.
     *
     * @throws IllegalArgumentException "can't send non-None value to a just-started generator" when
     *         {@code value} is not null and the body has not started; the generator is unchanged
     * @throws StopIteration when the body finishes (carrying its result, the first time) or has finished
     * @throws IllegalStateException "generator already executing" when the body is running
     */
    Y send(S value);

    /**
     * Raises {@code exception} at the paused {@code yield} (before the first statement if the body has not
     * started) and returns the next value the body yields.
     *
     * @throws StopIteration when the body returns in response
     * @throws IllegalStateException "generator already executing" when the body is running
     * @throws NullPointerException when {@code exception} is null; the generator is unchanged
     * @throws RuntimeException {@code exception} itself, or another one the body raises (the generator is then
     *         closed); on a closed generator, {@code exception} itself, and no code runs
     */
    Y throwIn(Throwable exception);

    /**
     * Raises {@link GeneratorExit} at the paused {@code yield} so that {@code finally} blocks run, and returns
     * when the body has ended. Does nothing on a closed generator; closes a generator that has not started
     * without running any code. If the body catches the GeneratorExit and returns a value, {@link #result()}
     * holds it (Python 3.13's {@code close()} return value).
     *
     * @throws IllegalStateException "generator ignored GeneratorExit" when the body yields instead of ending;
     *         the generator stays suspended at that yield. "generator already executing" when the body is running.
     * @throws RuntimeException any other exception the body raises while closing; the generator is closed
     */
    @Override
    void close();

    /** The current state. */
    GeneratorState state();

    /**
     * How this generator's body runs: {@link Backend#COMPILED} for a body jcoro turned into a state machine,
     * otherwise the stackful backend of this JVM ({@link #backend()}). A generator implemented outside jcoro
     * returns null.
     */
    default Backend mechanism() {
        return null;
    }

    /**
     * The body's result, once it has returned.
     *
     * @return the value the body returned; {@code null} for a body made with {@link #of}, or when the generator
     *         was closed before returning, or ended with an exception
     * @throws IllegalStateException when the generator has not ended
     */
    R result();

    /**
     * A view of this generator as an {@link Iterator}. Every view drives this generator; see the class comment
     * for how {@code hasNext()} prefetches.
     */
    @Override
    Iterator<Y> iterator();

    /** A sequential stream of the values still to come. Closing the stream closes the generator. */
    Stream<Y> stream();
}
