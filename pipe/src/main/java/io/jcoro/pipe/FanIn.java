package io.jcoro.pipe;

import io.jcoro.StopIteration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several inputs into one target, which is closed once, when the last input closes. Counting closes is all this
 * does: sends go straight through, so inputs driven by different threads need a target that copes (a
 * {@link Pipes#serialized} one, or a coroutine, which refuses the second thread).
 */
final class FanIn<T> {

    private final Sink<? super T> target;
    private final AtomicInteger open;

    private FanIn(Sink<? super T> target, int inputs) {
        this.target = target;
        this.open = new AtomicInteger(inputs);
    }

    static <T> List<Sink<T>> of(int inputs, Sink<? super T> target) {
        java.util.Objects.requireNonNull(target, "target");
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs < 1: " + inputs);
        }
        FanIn<T> shared = new FanIn<>(target, inputs);
        List<Sink<T>> list = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            list.add(shared.new Input());
        }
        return Collections.unmodifiableList(list);
    }

    private final class Input implements Sink<T> {
        private boolean closed;

        @Override
        public void send(T item) {
            if (closed) {
                throw new StopIteration();
            }
            // A target that failed or finished has closed itself, and says so (StopIteration) to every input.
            target.send(item);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (open.decrementAndGet() == 0) {
                target.close();
            }
        }
    }
}
