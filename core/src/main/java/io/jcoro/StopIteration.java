package io.jcoro;

import java.util.NoSuchElementException;

/**
 * Thrown by {@code next}/{@code send}/{@code throwIn} when the generator has no further value: Python's
 * {@code StopIteration}. It extends {@link NoSuchElementException}, so a generator's {@link java.util.Iterator}
 * view keeps the {@code Iterator} contract.
 *
 * <p>{@link #value()} is the body's return value, delivered once, by the call that finished the body. Every later
 * call on the finished generator throws a new {@code StopIteration} whose value is {@code null}.
 *
 * <p>It carries no stack trace: it is control flow, and cheap to create.
 */
public class StopIteration extends NoSuchElementException {
    private static final long serialVersionUID = 1L;
    private final transient Object value;

    /** A StopIteration with no value ({@code null}), as a finished generator throws. */
    public StopIteration() {
        this(null);
    }

    /** A StopIteration carrying the given return value, as is. */
    public StopIteration(Object value) {
        super(value == null ? null : String.valueOf(value));
        this.value = value;
    }

    /** The generator's return value; {@code null} for a plain StopIteration. */
    public Object value() {
        return value;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
