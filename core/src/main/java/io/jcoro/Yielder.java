package io.jcoro;

/**
 * What a generator body is given: the way to pause, hand out a value, and take one in. Python's {@code yield}
 * expression, as a method. Call it from the body itself or from anything the body calls, at any depth (jcoro
 * generators are stackful): a helper method, a lambda given to {@code forEach}, a {@code try}/{@code finally},
 * a {@code synchronized} block (JDK 24+).
 *
 * <p>It may only be used while its own generator runs, on the body's own stack; anywhere else it throws
 * {@link IllegalStateException}.
 *
 * @param <Y> the type of values yielded
 * @param <S> the type of values sent in
 */
public interface Yielder<Y, S> {

    /**
     * Pauses the generator and hands {@code value} to the caller of {@code next}/{@code send}/{@code throwIn}.
     *
     * @return the value of the next {@code send}; {@code null} after {@code next()}
     * @throws GeneratorExit when the generator is being closed (let it propagate, or catch it and return)
     * @throws IllegalStateException when the stack is pinned at this point on the continuation backend
     *         (a class initializer, a native frame; {@code synchronized} on JDK 21 to 23); the generator keeps
     *         running and the exception is raised here like any other
     * @throws RuntimeException or any exception passed to {@link Generator#throwIn(Throwable)}, as is
     */
    S yield(Y value);

    /**
     * Delegates to {@code sub} until it finishes, as Python's {@code yield from} (PEP 380): the values it yields
     * go straight to this generator's caller, {@code send}, {@code throwIn} and {@code close} are forwarded to it,
     * and its return value becomes the value of this call. An exception escaping {@code sub} is raised here.
     * Forwarding happens without resuming this body, so deep delegation chains cost one switch per value.
     *
     * @return {@code sub}'s return value
     */
    <T> T yieldFrom(Generator<? extends Y, ? super S, T> sub);

    /**
     * Yields every element of {@code values} in order: Python's {@code yield from} over a plain iterable. The
     * elements are handed out without resuming this body for each one. A plain iterator cannot take
     * {@code send} or {@code throwIn}: a non-null {@code send} raises {@link UnsupportedOperationException} here,
     * a {@code throwIn} is raised here (the iterator is not closed), and {@code close} closes the iterator if it
     * is {@link AutoCloseable}. A {@link Generator} given here is delegated to as with {@link #yieldFrom}.
     */
    void yieldAll(Iterable<? extends Y> values);
}
