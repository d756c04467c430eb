package io.jcoro.pipe;

import io.jcoro.StopIteration;
import java.util.function.Consumer;

/**
 * One element of a push pipeline: something items are sent to, one at a time, until it is closed. Beazley's
 * coroutine target, as an interface: a {@link io.jcoro.Coroutine} adapts to it with {@link Pipes#sink(io.jcoro.Coroutine)},
 * a plain {@link Consumer} with {@link Pipes#to(Consumer)}, and every stage in {@link Pipes} is one.
 *
 * <p>Lifecycle, one rule a line (the pipeline-wide invariants are in the {@linkplain io.jcoro.pipe package
 * documentation}):
 * <ul>
 *   <li>{@link #send} hands one item over and returns when the pipeline below has finished with it
 *       (except across {@link Pipes#threaded}, which returns once the item is queued).</li>
 *   <li>{@link #send} on a sink that takes no more items (closed, finished, or failed) throws {@link StopIteration}.</li>
 *   <li>{@link #close} ends the stream: the sink runs its clean-up and closes its own downstream, once.</li>
 *   <li>It is safe to close a sink more than once; only the first close does anything.</li>
 *   <li>An exception from {@link #send} means the sink has failed: it has closed itself and its downstream.</li>
 *   <li>A sink is driven by one thread at a time; a coroutine refuses a send while its body runs ("generator
 *       already executing"); see {@link Pipes#serialized} for fan-in from several threads.</li>
 * </ul>
 *
 * @param <T> the type of items sent in
 */
public interface Sink<T> extends Consumer<T>, AutoCloseable {

    /**
     * Hands {@code item} to this sink.
     *
     * @throws StopIteration when this sink takes no more items: it was closed, or it finished (a coroutine body
     *         that returned, a downstream that finished); the item may have been used
     * @throws RuntimeException whatever the sink or its downstream raised while handling the item, as is; the
     *         sink has then failed and closed its downstream
     */
    void send(T item);

    /** Ends the stream: runs this sink's clean-up and closes its downstream. Does nothing the second time. */
    @Override
    void close();

    /** The same as {@link #send}, so that a sink can be given to {@code forEach}. */
    @Override
    default void accept(T item) {
        send(item);
    }
}
