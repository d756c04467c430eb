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
 * What the scheduler's hand-written generators ({@link Request}, {@link ForwardingGenerator}) share: {@code next}
 * as {@code send(null)}, the iterator and stream views, and the rule that a just-started generator takes only
 * null. They are hand-written so that they cost no continuation of their own.
 */
abstract class GeneratorBase<T> implements Generator<Syscall, Object, T> {
    /** The states every such generator has; subclasses number theirs from 1. */
    static final int CREATED = 0, CLOSED = -1;

    int state = CREATED;

    /** Python's rule for the first send. */
    static void startWith(Object value) {
        if (value != null) {
            throw new IllegalArgumentException("can't send non-None value to a just-started generator");
        }
    }

    private T result;

    /** The first step: the value to hand out for {@code next()} on a just-started generator. */
    abstract Syscall first();

    /** Every later step, until the generator is closed. */
    abstract Syscall later(Object value);

    @Override
    public final Syscall send(Object value) {
        if (state == CREATED) {
            startWith(value);
            return first();
        }
        if (state == CLOSED) {
            throw new StopIteration();
        }
        return later(value);
    }

    final boolean isClosed() {
        return state == CLOSED;
    }

    @Override
    public GeneratorState state() {
        return switch (state) {
            case CREATED -> GeneratorState.CREATED;
            case CLOSED -> GeneratorState.CLOSED;
            default -> GeneratorState.SUSPENDED;
        };
    }

    /** Keeps the value the generator returned, for {@link #result()}. */
    final void returned(T value) {
        result = value;
    }

    @Override
    public final T result() {
        if (!isClosed()) {
            throw new IllegalStateException("the generator has not ended");
        }
        return result;
    }

    @Override
    public final Syscall next() {
        return send(null);
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
                if (isClosed()) {
                    return false;
                }
                try {
                    fetched = GeneratorBase.this.next();
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
