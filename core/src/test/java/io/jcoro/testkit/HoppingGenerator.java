package io.jcoro.testkit;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A generator view whose every call runs on a fresh thread; see {@link Harness}. */
final class HoppingGenerator<Y, S, R> implements Generator<Y, S, R> {

    private final Generator<Y, S, R> delegate;

    HoppingGenerator(Generator<Y, S, R> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Y next() {
        return Harness.call(delegate::next);
    }

    @Override
    public Y send(S value) {
        return Harness.call(() -> delegate.send(value));
    }

    @Override
    public Y throwIn(Throwable exception) {
        return Harness.call(() -> delegate.throwIn(exception));
    }

    @Override
    public void close() {
        Harness.run(delegate::close);
    }

    @Override
    public GeneratorState state() {
        return Harness.call(delegate::state);
    }

    @Override
    public R result() {
        return Harness.call(delegate::result);
    }

    @Override
    public Iterator<Y> iterator() {
        Iterator<Y> it = Harness.call(delegate::iterator);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return Harness.call(it::hasNext);
            }

            @Override
            public Y next() {
                return Harness.call(it::next);
            }

            @Override
            public void remove() {
                Harness.run(it::remove);
            }
        };
    }

    @Override
    public Stream<Y> stream() {
        Stream<Y> real = Harness.call(delegate::stream);
        Spliterator<Y> split = Harness.call(real::spliterator);
        Spliterator<Y> hopping = new Spliterator<>() {
            @Override
            public boolean tryAdvance(Consumer<? super Y> action) {
                // The element is handed to the action on the caller's thread, as a plain stream would.
                Object[] box = new Object[1];
                boolean advanced = Harness.call(() -> split.tryAdvance(v -> box[0] = v));
                if (advanced) {
                    @SuppressWarnings("unchecked")
                    Y v = (Y) box[0];
                    action.accept(v);
                }
                return advanced;
            }

            @Override
            public Spliterator<Y> trySplit() {
                return null;
            }

            @Override
            public long estimateSize() {
                return split.estimateSize();
            }

            @Override
            public int characteristics() {
                return split.characteristics();
            }
        };
        return StreamSupport.stream(hopping, false).onClose(() -> Harness.run(real::close));
    }

    @Override
    public String toString() {
        return Harness.call(delegate::toString);
    }
}
