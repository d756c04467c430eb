package io.jcoro.pipe;

import io.jcoro.Coroutine;
import io.jcoro.StopIteration;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Push pipelines: the stages, the sinks, and the loop that drives a pipeline from a source. Beazley's part 2
 * ({@code follow | grep | printer}, {@code broadcast}) and part 4 ({@code threaded}), with the
 * {@linkplain io.jcoro.pipe lifecycle invariants} of the package.
 *
 * <pre>{@code
 * // tail -F access-log | grep python
 * Pipes.pump(Sources.follow(Path.of("access-log")), Pipes.grep("python").into(Pipes.printer()));
 *
 * // A stage written as a coroutine body: state lives on its own stack between items.
 * Stage<String, String> numbered = Pipes.coroutine((in, out) -> {
 *     for (int n = 1; ; n++) out.send(n + ": " + in.receive());
 * });
 * }</pre>
 */
public final class Pipes {
    private Pipes() {
    }

    // ------------------------------------------------------------------ stages

    /** A functional stage that passes on the items {@code predicate} accepts. */
    public static <T> Stage<T, T> filter(Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return next -> new FunctionalSinks.Filter<T>(predicate, next);
    }

    /** A functional stage that passes on {@code function} of each item. */
    public static <A, B> Stage<A, B> map(Function<? super A, ? extends B> function) {
        Objects.requireNonNull(function, "function");
        return next -> new FunctionalSinks.Map<A, B>(function, next);
    }

    /** Beazley's {@code grep}: passes on the lines that contain {@code substring} (a plain substring test). */
    public static Stage<String, String> grep(String substring) {
        Objects.requireNonNull(substring, "substring");
        return next -> new FunctionalSinks.Grep(substring, next);
    }

    /** {@code grep} with a regular expression: passes on the lines in which {@code regex} is found. */
    public static Stage<String, String> grep(Pattern regex) {
        Objects.requireNonNull(regex, "regex");
        return next -> new FunctionalSinks.RegexGrep(regex, next);
    }

    /**
     * A stage written as a coroutine body: Beazley's {@code @coroutine} filter. Each {@link Stage#into} makes a
     * new jcoro generator driven by {@code send} (Python's coroutine; what a {@link Coroutine} wraps) and runs the
     * body up to its first {@code receive()}, so code before the loop runs when the pipeline is built. The body ends the stage by returning (the stage then closes its
     * downstream, and the send that brought the last item in throws {@link StopIteration}) or by throwing.
     *
     * <p>Cost: a body whose {@code in.receive()} calls are all in its own code (not in a helper it passes
     * {@code in} to) is compiled into a state machine, as a generator body is, and each item is a plain method call;
     * any other body costs one continuation run and yield per item. Either way, when the body sends at most one item
     * per item it receives, that item is handed to the next stage from the caller's own stack; more sends per item
     * are handed over from inside the body. A consequence: the first item sent per item received reaches the
     * downstream when the body next waits, so code between that {@code out.send} and the next {@code receive()}
     * runs before the downstream handles the item (order between items is always kept).
     */
    public static <A, B> Stage<A, B> coroutine(Stage.Body<A, B> body) {
        Objects.requireNonNull(body, "body");
        return next -> new CoroutineStage<>(body, next);
    }

    /**
     * A stage after which the rest of the pipeline runs on its own virtual thread; see {@link #threaded(Sink, int)}.
     */
    public static <T> Stage<T, T> threaded(int capacity) {
        return next -> threaded(next, capacity);
    }

    // ------------------------------------------------------------------ sinks

    /**
     * A sink that gives each item to {@code consumer}. A {@link Sink} is returned as is, and a {@link Coroutine} is
     * adapted as by {@link #sink(Coroutine)}, so that closing reaches it.
     */
    @SuppressWarnings("unchecked")
    public static <T> Sink<T> to(Consumer<? super T> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        if (consumer instanceof Sink<?> s) {
            return (Sink<T>) s;
        }
        if (consumer instanceof Coroutine<?> c) {
            return new FunctionalSinks.CoroutineSink<>((Coroutine<T>) c);
        }
        return new FunctionalSinks.ConsumerSink<>(consumer, null);
    }

    /** A jcoro coroutine as a sink: {@code send} sends to it, {@code close} closes it. */
    public static <T> Sink<T> sink(Coroutine<T> coroutine) {
        return new FunctionalSinks.CoroutineSink<>(Objects.requireNonNull(coroutine, "coroutine"));
    }

    /** A sink written as a coroutine body: {@code Coroutine.of(body)}, primed at once, as a sink. */
    public static <T> Sink<T> sink(Coroutine.Body<T> body) {
        return sink(Coroutine.of(body));
    }

    /** Beazley's {@code printer}: prints each item on its own line to {@code System.out}. */
    public static <T> Sink<T> printer() {
        return printer(System.out);
    }

    /** Prints each item on its own line to {@code out}, and flushes it on close (it does not close it). */
    public static <T> Sink<T> printer(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return new FunctionalSinks.ConsumerSink<T>(out::println, out::flush);
    }

    /** Beazley's {@code null}: takes every item and throws it away. */
    public static <T> Sink<T> discard() {
        return new FunctionalSinks.ConsumerSink<T>(item -> { }, null);
    }

    /**
     * Fan-out: sends each item to every target, in order, one after another, on the caller's stack. A target
     * that finishes (throws {@link StopIteration}) is dropped and the rest go on; when none is left, the broadcast
     * finishes. A target that fails fails the broadcast: later targets do not get that item, every target is
     * closed, and the exception propagates. Closing closes every target, in order.
     *
     * <p>Several targets may lead into one shared sink (Beazley's fan-in): on one thread this just works, since
     * each send ends before the next begins, and the shared sink is closed by the first close that reaches it
     * (later ones do nothing). Use {@link #fanIn} when the branches may end at different times.
     */
    @SafeVarargs
    public static <T> Sink<T> broadcast(Sink<? super T>... targets) {
        return new Broadcast<T>(List.of(targets));
    }

    /** {@link #broadcast(Sink[])} over a list. */
    public static <T> Sink<T> broadcast(List<? extends Sink<? super T>> targets) {
        return new Broadcast<>(List.copyOf(targets));
    }

    /**
     * Fan-in: {@code inputs} sinks that all send to {@code target}, which is closed once, when the last of them
     * is closed. Sends are passed straight through: inputs driven by different threads need a target that copes
     * with that, such as {@link #serialized}.
     */
    public static <T> List<Sink<T>> fanIn(int inputs, Sink<? super T> target) {
        return FanIn.of(inputs, target);
    }

    /**
     * A sink that lets one thread at a time into {@code target} (the others wait): what Beazley means by "send()
     * must be synchronised". Without it, a second thread sending into a coroutine that is running gets
     * {@link IllegalStateException} "generator already executing", and nothing is corrupted.
     */
    public static <T> Sink<T> serialized(Sink<? super T> target) {
        return new Serialized<>(target);
    }

    /** {@link #threaded(Sink, int)} with room for 1024 items. */
    public static <T> Sink<T> threaded(Sink<? super T> target) {
        return threaded(target, 1024);
    }

    /**
     * Beazley's {@code threaded(target)}: hands items to {@code target} on another thread. One virtual thread,
     * started now, sends the items to {@code target} in the order they were sent here.
     *
     * <ul>
     *   <li>Back-pressure: {@code send} returns once the item is queued, and waits while {@code capacity} items
     *       are already waiting.</li>
     *   <li>Close drains: {@code close()} returns when every item sent before it has been handled and
     *       {@code target} is closed (its {@code finally} blocks have run).</li>
     *   <li>Failure: an exception from {@code target} is thrown, as is, by the next {@code send} or by
     *       {@code close} here; items queued behind the failed one are dropped, and the target is closed.</li>
     *   <li>Finish: when {@code target} takes no more, the next {@code send} throws {@link StopIteration}.</li>
     *   <li>Cancel: if the sending thread is interrupted while {@code send} or {@code close} waits, the rest is
     *       cancelled: queued items are dropped, the worker closes {@code target} once the item it is handling is
     *       done, and the call returns at once ({@code send} with {@link StopIteration}) with the interrupt status
     *       set.</li>
     *   <li>It must be closed: until then its thread waits for items.</li>
     * </ul>
     */
    public static <T> Sink<T> threaded(Sink<? super T> target, int capacity) {
        return new Threaded<>(target, capacity);
    }

    // ------------------------------------------------------------------ driving

    /**
     * Beazley's source loop: sends every item of {@code source} to {@code sink}, in order, then closes the sink,
     * and returns how many items the sink took.
     *
     * <ul>
     *   <li>When the sink finishes early ({@link StopIteration} from {@code send}), pumping stops.</li>
     *   <li>However it ends, the sink is closed, and then the source if it is {@link AutoCloseable} (a
     *       {@link io.jcoro.Generator} is: its {@code finally} blocks run and its file is closed).</li>
     *   <li>An exception from the source or the sink propagates as is, after both are closed; an exception
     *       while closing is added to it as suppressed.</li>
     * </ul>
     */
    public static <T> long pump(Iterable<? extends T> source, Sink<? super T> sink) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        long n = 0;
        Throwable failure = null;
        try {
            Iterator<? extends T> it = source.iterator();
            while (it.hasNext()) {
                T item = it.next();
                try {
                    sink.send(item);
                } catch (StopIteration finished) {
                    break;
                }
                n++;
            }
        } catch (Throwable t) {
            failure = t;
        }
        failure = Sneaky.closeQuietly(sink, failure);
        if (source instanceof AutoCloseable c) {
            failure = Sneaky.closeQuietly(c, failure);
        }
        if (failure != null) {
            throw Sneaky.raise(failure);
        }
        return n;
    }
}
