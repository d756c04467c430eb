package io.jcoro.sched;

import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;

/**
 * The generator protocol for the scheduler's own wrappers ({@link Deadline}, {@link GroupRun}): a first step that
 * yields a request of their own, then steps that forward to what they wrap. Subclasses say what each step does;
 * this class keeps the state and the protocol's rules (a closed wrapper raises StopIteration, a just-started one
 * takes only null, close runs once).
 */
abstract class ForwardingGenerator<T> extends GeneratorBase<T> {
    private static final int ENTERING = 1, RUNNING = 2;

    private boolean busy;

    /** The first value: the request that sets the wrapper up. */
    abstract Syscall start();

    /** The scheduler's answer to {@link #start()}; returns the next value. */
    abstract Syscall entered(Object sent);

    abstract Syscall resumed(Object value);

    abstract Syscall thrown(Throwable e);

    /** Closes what the wrapper wraps; called once, while it runs. */
    abstract void closing();

    /** Marks the wrapper ended; a subclass calls it before it returns or raises for the last time. */
    final void ended() {
        state = CLOSED;
    }

    @Override
    final Syscall first() {
        state = ENTERING;
        return start();
    }

    @Override
    final Syscall later(Object value) {
        if (state == ENTERING) {
            state = RUNNING;
            return guarded(() -> entered(value));
        }
        return guarded(() -> resumed(value));
    }

    @Override
    public final Syscall throwIn(Throwable e) {
        java.util.Objects.requireNonNull(e, "exception");
        if (state == CREATED || state == CLOSED || state == ENTERING) {
            state = CLOSED;
            throw Throwing.sneaky(e);
        }
        return guarded(() -> thrown(e));
    }

    @SuppressWarnings("unchecked")
    private Syscall guarded(java.util.function.Supplier<Syscall> step) {
        if (busy) {
            throw new IllegalStateException("generator already executing");
        }
        busy = true;
        try {
            return step.get();
        } catch (StopIteration end) {
            state = CLOSED;
            returned((T) end.value());
            throw end;
        } finally {
            busy = false;
        }
    }

    @Override
    public final void close() {
        int s = state;
        state = CLOSED;
        if (s == RUNNING) {
            closing();
        }
    }

    @Override
    public final GeneratorState state() {
        return busy ? GeneratorState.RUNNING : super.state();
    }

}
