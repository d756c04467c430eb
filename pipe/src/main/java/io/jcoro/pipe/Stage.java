package io.jcoro.pipe;

import io.jcoro.Receiver;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A recipe for a piece of push pipeline that takes {@code A}s in and sends {@code B}s on. Stages compose left to
 * right with {@link #then} and the fluent methods, and {@link #into} builds the chain in front of a sink:
 *
 * <pre>{@code
 * Sink<String> pipeline = Pipes.grep("python")
 *         .map(String::toUpperCase)
 *         .into(Pipes.printer());
 * Pipes.pump(Sources.follow(log), pipeline);        // tail -F log | grep python | tr a-z A-Z
 * }</pre>
 *
 * <p>A stage is a description, not a running thing: each {@link #into} builds new sinks (and primes new
 * coroutines, starts new threads), so one stage can be used for many pipelines. A stage's sinks keep the
 * {@linkplain io.jcoro.pipe lifecycle invariants} of the package.
 *
 * <p>Two kinds of stage exist, and they mix freely. A <em>functional</em> stage ({@link #filter}, {@link #map},
 * {@link Pipes#grep}) is a plain object that calls the next sink directly: it keeps no control state, so it pays
 * no continuation switch. A <em>coroutine</em> stage ({@link #coroutine}) is a jcoro {@link io.jcoro.Coroutine}
 * whose body receives items in a loop and keeps its state on its own stack (Beazley's {@code @coroutine} filter).
 *
 * @param <A> the type of items the stage takes in
 * @param <B> the type of items it sends on
 */
@FunctionalInterface
public interface Stage<A, B> {

    /**
     * The body of a coroutine stage: receives items with {@code in.receive()} and sends results with
     * {@code out.send(...)}, as many as it likes per item, until it returns or is closed.
     *
     * <p>When the stage is closed, {@code receive()} throws {@link io.jcoro.GeneratorExit}: {@code finally}
     * blocks run, and may still send (a last batch, a summary). When the pipeline below fails or takes no more,
     * {@code out.send} or {@code receive()} throws a {@code GeneratorExit}: let it propagate (or catch it and
     * return); the body never sees the downstream's exception, which goes upstream instead.
     */
    @FunctionalInterface
    interface Body<A, B> extends java.io.Serializable {
        void run(Receiver<A> in, Sink<B> out) throws Exception;
    }

    /** Builds this stage in front of {@code downstream} and returns the sink that feeds it. */
    Sink<A> into(Sink<? super B> downstream);

    /** Builds this stage in front of a plain consumer, as {@link Pipes#to(Consumer)}. */
    default Sink<A> into(Consumer<? super B> downstream) {
        return into(Pipes.<B>to(downstream));
    }

    /** This stage followed by {@code next}. */
    default <C> Stage<A, C> then(Stage<? super B, C> next) {
        java.util.Objects.requireNonNull(next, "next");
        return downstream -> into(next.into(downstream));
    }

    /** This stage followed by {@link Pipes#filter}. */
    default Stage<A, B> filter(Predicate<? super B> predicate) {
        return then(Pipes.filter(predicate));
    }

    /** This stage followed by {@link Pipes#map}. */
    default <C> Stage<A, C> map(Function<? super B, ? extends C> function) {
        return then(Pipes.map(function));
    }

    /** This stage followed by a {@linkplain Pipes#coroutine coroutine stage}. */
    default <C> Stage<A, C> coroutine(Body<B, C> body) {
        return then(Pipes.coroutine(body));
    }

    /** This stage followed by a {@linkplain Pipes#threaded(Sink, int) thread hop}: what comes after runs on another thread. */
    default Stage<A, B> threaded(int capacity) {
        return then(Pipes.threaded(capacity));
    }
}
