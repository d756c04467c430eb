package io.jcoro.internal;

/**
 * A hand-written generator of jcoro's own modules that can tell a delegating generator it has finished without
 * throwing {@link io.jcoro.StopIteration}: the scheduler's requests, which finish at every resume. A thrown
 * exception that crosses a call the JIT could not inline costs far more than the rest of such a resume. Not API.
 */
public interface Delegate {
    /** What {@link #sendOrFinish} returns when the generator has finished; its result is then its result(). */
    Object FINISHED = new Object();

    /** {@code send(value)}, except that finishing returns {@link #FINISHED} instead of throwing StopIteration. */
    Object sendOrFinish(Object value);
}
