package io.jcoro.sched;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The generator protocol for the scheduler's own wrappers ({@link Deadline}, {@link GroupRun}): a first step that
 * yields a request of their own, then steps that forward to what they wrap. Subclasses say what each step does;
 * this class keeps the state and the protocol's rules (a closed wrapper raises StopIteration, a just-started one
 * takes only null, close runs once).
 */
abstract class ForwardingGenerator<T> implements Generator<Syscall, Object, T> {
    private static final int CREATED = 0, ENTERING = 1, RUNNING = 2, CLOSED = 3;

    private int state = CREATED;
    private boolean busy;
    private T result;

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
    public final Syscall next() {
        return send(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final Syscall send(Object value) {
        switch (state) {
            case CREATED -> {
                if (value != null) {
                    throw new IllegalArgumentException("can't send non-None value to a just-started generator");
                }
                state = ENTERING;
                return start();
            }
            case ENTERING -> {
                state = RUNNING;
                return guarded(() -> entered(value));
            }
            case RUNNING -> {
                return guarded(() -> resumed(value));
            }
            default -> throw new StopIteration();
        }
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
            result = (T) end.value();
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
        if (busy) {
            return GeneratorState.RUNNING;
        }
        return switch (state) {
            case CREATED -> GeneratorState.CREATED;
            case CLOSED -> GeneratorState.CLOSED;
            default -> GeneratorState.SUSPENDED;
        };
    }

    @Override
    public final T result() {
        if (state != CLOSED) {
            throw new IllegalStateException("the generator has not ended");
        }
        return result;
    }

    @Override
    public final Iterator<Syscall> iterator() {
        return new Iterator<>() {
            private Syscall fetched;

            @Override
            public boolean hasNext() {
                if (fetched != null) {
                    return true;
                }
                if (state == CLOSED) {
                    return false;
                }
                try {
                    fetched = ForwardingGenerator.this.next();
                    return true;
                } catch (StopIteration end) {
                    return false;
                }
            }

            @Override
            public Syscall next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Syscall s = fetched;
                fetched = null;
                return s;
            }
        };
    }

    @Override
    public final Stream<Syscall> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
                .onClose(this::close);
    }
}
