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
 * <p>One that {@code next}, {@code send} or {@code throwIn} throws to your code carries the stack trace of that
 * call, so an uncaught one shows where it came from; filling it in costs about a microsecond, once per generator.
 * The ones jcoro catches itself (the end of a for-each loop or a stream, a {@code yieldFrom} delegate finishing)
 * carry none: they are control flow, and cheap. Its message, the value's {@code toString()} as in Python's
 * {@code str(StopIteration(value))}, is made only when asked for: a generator that returns a large result should
 * not pay for printing it.
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

    /** Does nothing: see {@link #traced()} for when the trace is filled in. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** This exception with the current stack trace filled in; for the calls that hand it to the user. */
    StopIteration traced() {
        super.fillInStackTrace();
        return this;
    }
}
