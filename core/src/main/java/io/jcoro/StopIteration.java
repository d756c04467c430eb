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
 * <p>It carries no stack trace: it is control flow, and cheap to create. Its message, the value's
 * {@code toString()} as in Python's {@code str(StopIteration(value))}, is made only when asked for: a generator
 * that returns a large result should not pay for printing it.
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
        this.value = value;
    }

    /** The generator's return value; {@code null} for a plain StopIteration. */
    public Object value() {
        return value;
    }

    /** The value's {@code toString()}, or {@code null} when there is no value. */
    @Override
    public String getMessage() {
        return value == null ? null : String.valueOf(value);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
