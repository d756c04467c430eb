package io.jcoro.pipe;

import java.util.concurrent.locks.ReentrantLock;

/** A sink that lets one thread in at a time: Beazley's "send() must be synchronised", for fan-in from threads. */
final class Serialized<T> implements Sink<T> {
    private final Sink<? super T> target;
    private final ReentrantLock lock = new ReentrantLock();

    Serialized(Sink<? super T> target) {
        this.target = java.util.Objects.requireNonNull(target, "target");
    }

    @Override
    public void send(T item) {
        lock.lock();
        try {
            target.send(item);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            target.close();
        } finally {
            lock.unlock();
        }
    }
}
