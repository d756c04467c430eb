package io.jcoro;

/**
 * What a {@link Coroutine} body is given: the way to wait for the next item sent in. Python's
 * {@code item = (yield)}.
 *
 * @param <T> the type of items received
 */
@FunctionalInterface
public interface Receiver<T> {
    /**
     * Pauses until the next {@link Coroutine#send(Object)}, and returns its item.
     *
     * @throws GeneratorExit when the coroutine is being closed
     */
    T receive();
}
