package io.jcoro.testkit;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A generator that forwards to another and records which protocol methods were called on it, in order:
 * {@code next}, {@code send(v)}, {@code throwIn(SimpleClassName)}, {@code close}, {@code iterator}, {@code stream}.
 * For checking what a delegator calls on its subgenerator (PEP 380's expansion).
 */
public final class RecordingGenerator<Y, S, R> implements Generator<Y, S, R> {

    private final Generator<Y, S, R> delegate;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public RecordingGenerator(Generator<Y, S, R> delegate) {
        this.delegate = delegate;
    }

    /** The calls so far. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public Y next() {
        calls.add("next");
        return delegate.next();
    }

    @Override
    public Y send(S value) {
        calls.add("send(" + value + ")");
        return delegate.send(value);
    }

    @Override
    public Y throwIn(Throwable exception) {
        calls.add("throwIn(" + exception.getClass().getSimpleName() + ")");
        return delegate.throwIn(exception);
    }

    @Override
    public void close() {
        calls.add("close");
        delegate.close();
    }

    @Override
    public GeneratorState state() {
        return delegate.state();
    }

    @Override
    public R result() {
        return delegate.result();
    }

    @Override
    public Iterator<Y> iterator() {
        calls.add("iterator");
        return delegate.iterator();
    }

    @Override
    public Stream<Y> stream() {
        calls.add("stream");
        return delegate.stream();
    }
}
