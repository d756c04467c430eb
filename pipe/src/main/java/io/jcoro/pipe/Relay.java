package io.jcoro.pipe;

import io.jcoro.StopIteration;

/**
 * The base of the functional stages: a sink that hands items to one downstream sink, directly, on the caller's
 * stack. Subclasses write their own {@code send} (so that each keeps its own call site to the next sink, which the
 * JIT can inline) in this shape:
 *
 * <pre>{@code
 * if (done) throw finished();
 * try { ... next.send(x) ... } catch (Throwable t) { throw failed(t); }
 * }</pre>
 *
 * <p>Not thread-safe: a pipeline is driven by one thread at a time. The flag is plain because nothing else
 * needs it to be more: a second thread that raced in would at worst send to a downstream that refuses.
 */
abstract class Relay<A, B> implements Sink<A> {

    final Sink<? super B> next;
    /** Closed, failed, or the downstream finished: no more items. */
    boolean done;

    Relay(Sink<? super B> next) {
        this.next = java.util.Objects.requireNonNull(next, "downstream");
    }

    static StopIteration finished() {
        return new StopIteration();
    }

    /**
     * This stage has failed with {@code t} (its own function threw, or the downstream did): no more items, and the
     * downstream is closed (which does nothing if it already closed itself). Returns {@code t} to rethrow.
     */
    final RuntimeException failed(Throwable t) {
        done = true;
        try {
            next.close();
        } catch (Throwable c) {
            if (c != t) {
                t.addSuppressed(c);
            }
        }
        return Sneaky.raise(t);
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            next.close();
        }
    }
}
