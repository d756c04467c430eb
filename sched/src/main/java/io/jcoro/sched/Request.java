package io.jcoro.sched;

import io.jcoro.StopIteration;
import io.jcoro.internal.Delegate;

/**
 * One request, and the generator a task delegates to for it: it yields itself once, and returns whatever the
 * scheduler sends back. It is a hand-written generator rather than a jcoro body on purpose: a request costs one
 * small object and no continuation or thread of its own, so {@code y.yieldFrom(request)} costs exactly one switch
 * of the task, the same as a plain {@code yield}.
 *
 * <p>A task may also {@code yield} a request directly (Beazley's {@code yield GetTid()}); the scheduler treats both
 * the same, and the result is then the value of the {@code yield}.
 *
 * @param <T> the result type
 */
abstract non-sealed class Request<T> extends GeneratorBase<T> implements Syscall, Delegate {

    private static final int SUSPENDED = 1;

    /** Set by the scheduler when it carries out this request; a request resumed without it was never handled. */
    private boolean handled;

    /**
     * Carries out the request for {@code task}, which is suspended at its yield: either completes it at once
     * ({@link Kernel#ready}, {@link Kernel#readyError}) or parks the task until something completes it.
     */
    abstract void handle(Kernel kernel, TaskImpl<?> task);

    /** What the request asks for, for traces and error messages: deterministic, short, no identity hash codes. */
    abstract String describe();

    /** The kind of request, for the trace's hash: cheap, and the same from run to run. */
    int kind() {
        return getClass().getName().hashCode();
    }

    final void markHandled() {
        handled = true;
    }

    @Override
    final Syscall first() {
        state = SUSPENDED;
        return this;
    }

    @Override
    final Syscall later(Object value) {
        finish(value);
        throw new StopIteration(value);
    }

    @SuppressWarnings("unchecked")
    private void finish(Object value) {
        state = CLOSED;
        if (!handled) {
            throw new IllegalStateException(describe() + " was resumed without a scheduler carrying it out:"
                    + " requests only work in a task run by a Scheduler or a Simulation");
        }
        returned((T) value);
    }

    /**
     * The task's generator resumes its request this way when it delegates to it: the result comes back as
     * {@link Delegate#FINISHED} and {@code result()}, with no StopIteration thrown, at every request.
     */
    @Override
    public final Object sendOrFinish(Object value) {
        if (state != SUSPENDED) {
            return send(value);
        }
        finish(value);
        return FINISHED;
    }

    @Override
    public final Syscall throwIn(Throwable exception) {
        java.util.Objects.requireNonNull(exception, "exception");
        state = CLOSED;
        throw Throwing.sneaky(exception);
    }

    @Override
    public final void close() {
        state = CLOSED;
    }

    @Override
    public String toString() {
        return describe();
    }
}
