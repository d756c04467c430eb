package io.jcoro.pipe;

import io.jcoro.StopIteration;
import java.util.concurrent.ArrayBlockingQueue;

/*
 * Overview: Beazley's threaded(target), with a bounded queue.
 *
 * The sender's thread puts items on an ArrayBlockingQueue (put blocks when it is full: back-pressure); one
 * virtual thread, started here, takes them in order and sends them to the target. close() puts a CLOSE marker
 * behind the items, so the worker delivers everything before it, closes the target, and ends; close() joins it.
 *
 * The worker reports to the sender through two volatile fields: `failure` (the target threw) and `finished` (the
 * target takes no more). From then on it discards what it takes, so a sender blocked in put() is never stuck,
 * and nothing reaches the target after its failure. The sender reports the failure at its next send() or close().
 *
 * Cancelling (the sender interrupted while it waits in put or close) sets `cancelled`, clears the queue and
 * puts CLOSE: the worker finishes the item it is handling, discards the rest, closes the target and ends,
 * while the sender returns at once with its interrupt status set.
 */
final class Threaded<T> implements Sink<T> {

    private static final Object CLOSE = new Object();
    private static final Object NULL = new Object();

    private final Sink<? super T> target;
    private final ArrayBlockingQueue<Object> queue;
    private final Thread worker;

    // Worker to sender.
    private volatile Throwable failure;
    private volatile boolean finished;
    // Sender to worker.
    private volatile boolean cancelled;
    // Sender only.
    private boolean closed;

    Threaded(Sink<? super T> target, int capacity) {
        this.target = java.util.Objects.requireNonNull(target, "target");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = Thread.ofVirtual().name("jcoro-threaded").unstarted(this::work);
        worker.start();
    }

    @SuppressWarnings("unchecked")
    private void work() {
        boolean delivering = true;
        boolean targetClosed = false;
        try {
            for (;;) {
                Object o;
                try {
                    o = queue.take();
                } catch (InterruptedException e) {
                    // Nobody but a user's thread dump tool would interrupt this thread: treat it as a cancel.
                    cancelled = true;
                    continue;
                }
                if (o == CLOSE) {
                    return;
                }
                if (!delivering || cancelled) {
                    continue;
                }
                try {
                    target.send(o == NULL ? null : (T) o);
                } catch (StopIteration end) {
                    delivering = false;
                    finished = true;
                } catch (Throwable t) {
                    delivering = false;
                    // the target has closed itself (the Sink contract); closing again makes sure of it
                    targetClosed = true;
                    failure = Sneaky.closeQuietly(target, t);
                }
            }
        } finally {
            if (!targetClosed) {
                Throwable t = Sneaky.closeQuietly(target, null);
                if (t != null && failure == null) {
                    failure = t;
                }
            }
        }
    }

    @Override
    public void send(T item) {
        if (closed) {
            throw new StopIteration();
        }
        if (failure != null || finished) {
            closed = true;
            if (!awaitWorker()) {
                throw new StopIteration();
            }
            Throwable f = failure;
            throw f != null ? Sneaky.raise(f) : new StopIteration();
        }
        try {
            queue.put(item == null ? NULL : item);
        } catch (InterruptedException e) {
            closed = true;
            cancel();
            throw new StopIteration();
        }
    }

    /**
     * Drains: returns when every item sent before has been handled and the target is closed. Rethrows the
     * target's failure if it has not been reported yet.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!awaitWorker()) {
            return;
        }
        Throwable f = failure;
        if (f != null) {
            throw Sneaky.raise(f);
        }
    }

    /** Puts CLOSE and joins the worker; false (cancelled, interrupt status set) if interrupted meanwhile. */
    private boolean awaitWorker() {
        try {
            queue.put(CLOSE);
            worker.join();
            return true;
        } catch (InterruptedException e) {
            cancel();
            return false;
        }
    }

    private void cancel() {
        cancelled = true;
        queue.clear();
        queue.offer(CLOSE); // room after clear(): this sender is the only producer
        Thread.currentThread().interrupt();
    }

    @Override
    public String toString() {
        return "Threaded[" + worker + ", queued=" + queue.size() + "]";
    }
}
