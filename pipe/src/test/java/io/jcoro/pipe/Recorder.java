package io.jcoro.pipe;

import io.jcoro.StopIteration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink at the end of a test pipeline: records what it got, and keeps the Sink contract (closing twice does
 * nothing; a failed or finished sink has closed itself).
 */
final class Recorder<T> implements Sink<T> {
    private final List<T> items = new ArrayList<>();
    private boolean closed;
    /** How many times close() had an effect: the contract says at most once. */
    int cleanups;
    /** Throw this from the next send, once. */
    RuntimeException failNext;
    /** Take this many items, then finish (StopIteration) with the last one. */
    int takeAtMost = Integer.MAX_VALUE;

    @Override
    public synchronized void send(T item) {
        if (closed) {
            throw new StopIteration();
        }
        if (failNext != null) {
            RuntimeException e = failNext;
            failNext = null;
            close();
            throw e;
        }
        items.add(item);
        if (items.size() >= takeAtMost) {
            close();
            throw new StopIteration();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cleanups++;
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized List<T> items() {
        return List.copyOf(items);
    }
}
