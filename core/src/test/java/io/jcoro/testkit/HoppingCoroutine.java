package io.jcoro.testkit;

import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.GeneratorState;

/** A coroutine view whose every call runs on a fresh thread; see {@link Harness}. */
final class HoppingCoroutine<T> implements Coroutine<T> {

    private final Coroutine<T> delegate;

    HoppingCoroutine(Coroutine<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void send(T item) {
        Harness.run(() -> delegate.send(item));
    }

    @Override
    public void throwIn(Throwable exception) {
        Harness.run(() -> delegate.throwIn(exception));
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
    public Generator<Void, T, Void> generator() {
        return Harness.drive(Harness.call(delegate::generator));
    }

    @Override
    public String toString() {
        return Harness.call(delegate::toString);
    }
}
