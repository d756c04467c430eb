package io.jcoro.pipe;

import io.jcoro.Coroutine;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * Overview: a coroutine stage, a jcoro Coroutine whose body receives from upstream and sends downstream.
 *
 * The obvious way, the body calling the next sink from inside its own continuation (Beazley's target.send),
 * works but costs twice what it should when the next sink is itself a coroutine: jcoro never runs one
 * continuation inside another, so each such send switches to the driver and back. So the body's first send per
 * item is not handed over from inside the body: Out.send parks it in `pending` and returns at once, the body runs
 * on to its next receive(), and when Coroutine.send returns, this sink hands the pending item to the next sink
 * from the caller's own stack. A chain of coroutine stages then costs one continuation run and yield per item per
 * stage, the least possible. A body that sends a second item before waiting again hands both over from inside
 * the body (in order), which is correct, only slower. A downstream's exception can thus arrive here or inside the
 * body; either way the body is ended with GeneratorExit (DownstreamEnded) and never sees it, and it propagates
 * from this sink's send. The only observable difference from Beazley's order is that code the body runs between
 * a first out.send and its next receive() runs before the downstream handles that item.
 *
 * busy guards the whole sink against a second thread (and against re-entry from the pipeline below), so that the
 * "generator already executing" refusal is told apart from the body's own end without a race.
 */
final class CoroutineStage<A, B> implements Sink<A> {

    private static final Object NONE = new Object();
    private static final VarHandle BUSY;

    static {
        try {
            BUSY = MethodHandles.lookup().findVarHandle(CoroutineStage.class, "busy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Sink<? super B> next;
    private final Coroutine<A> coroutine;
    @SuppressWarnings("unused") // through BUSY
    private volatile int busy;

    /** The item the body sent since it last waited, not yet handed over; NONE if there is none. */
    private Object pending = NONE;
    /** Set inside the body when the downstream refused an item: the exception to send upstream. */
    private Throwable downstreamFailure;
    /** The downstream failed or finished: the body must not send any more. */
    private boolean downstreamDead;
    /** This sink takes no more items. */
    private boolean done;

    CoroutineStage(Stage.Body<A, B> body, Sink<? super B> next) {
        this.next = java.util.Objects.requireNonNull(next, "downstream");
        Out out = new Out();
        BUSY.set(this, 1);
        try {
            Coroutine<A> c;
            try {
                c = Coroutine.of(in -> {
                    try {
                        body.run(() -> {
                            // A body that caught DownstreamEnded and waits again is told once more.
                            if (downstreamDead) {
                                throw new DownstreamEnded();
                            }
                            return in.receive();
                        }, out);
                    } catch (DownstreamEnded ended) {
                        // the downstream's exception (in downstreamFailure) is what goes upstream
                    }
                });
            } catch (Throwable t) {
                // The body failed before its first receive(): the pipeline below gets what it sent, then closes.
                done = true;
                throw Sneaky.raise(closeDownstream(deliverPending(t)));
            }
            this.coroutine = c;
            if (c.state() == GeneratorState.CLOSED) {
                // The body ended without waiting: it returned, or the downstream refused an item inside it.
                done = true;
                Throwable f = downstreamFailure;
                downstreamFailure = null;
                f = closeDownstream(deliverPending(f));
                if (f != null) {
                    throw Sneaky.raise(f);
                }
                return;
            }
            afterWait();
        } finally {
            BUSY.setRelease(this, 0);
        }
    }

    @Override
    public void send(A item) {
        if (!BUSY.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("generator already executing");
        }
        try {
            if (done) {
                throw new StopIteration();
            }
            try {
                coroutine.send(item);
            } catch (Throwable t) {
                throw Sneaky.raise(ended(t));
            }
            if (pending != NONE || downstreamFailure != null) {
                afterWait();
            }
        } finally {
            BUSY.setRelease(this, 0);
        }
    }

    /** The body waits again: hand its pending item on, or end the body if the downstream refused an item. */
    private void afterWait() {
        Throwable f = downstreamFailure;
        if (f == null) {
            f = deliverPending(null);
            if (f == null) {
                return;
            }
        }
        // The downstream refused an item and the body still waits (it may have caught the GeneratorExit): end it.
        downstreamFailure = null;
        downstreamDead = true;
        done = true;
        f = Sneaky.closeQuietly(coroutine, f);
        throw Sneaky.raise(closeDownstream(f));
    }

    /** The body ended while handling an item: returned (StopIteration), raised, or was ended by the downstream. */
    private Throwable ended(Throwable t) {
        done = true;
        Throwable f = downstreamFailure;
        if (f != null) {
            downstreamFailure = null;
            return closeDownstream(f);
        }
        // Items the body sent before it ended came before the end: they are delivered first.
        return closeDownstream(deliverPending(t));
    }

    /**
     * Hands the pending item on, unless the downstream is dead. {@code failure} is how the body ended, if it did;
     * returns what to throw: {@code failure}, or the downstream's exception when there was none (or only the
     * body's StopIteration), or null.
     */
    @SuppressWarnings("unchecked")
    private Throwable deliverPending(Throwable failure) {
        Object p = pending;
        if (p == NONE) {
            return failure;
        }
        pending = NONE;
        if (downstreamDead) {
            return failure;
        }
        try {
            next.send((B) p);
            return failure;
        } catch (Throwable t) {
            downstreamDead = true;
            if (failure == null || failure instanceof StopIteration) {
                return t;
            }
            failure.addSuppressed(t);
            return failure;
        }
    }

    /** Closes the downstream (a no-op if it closed itself already) and returns what to throw, or null. */
    private Throwable closeDownstream(Throwable failure) {
        return Sneaky.closeQuietly(next, failure);
    }

    @Override
    public void close() {
        if (!BUSY.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("generator already executing");
        }
        try {
            if (done) {
                return;
            }
            done = true;
            Throwable failure = null;
            try {
                coroutine.close();
            } catch (Throwable t) {
                failure = t;
            }
            if (downstreamFailure != null) {
                failure = downstreamFailure;
                downstreamFailure = null;
            }
            failure = deliverPending(failure);
            failure = Sneaky.closeQuietly(next, failure);
            if (failure != null) {
                throw Sneaky.raise(failure);
            }
        } finally {
            BUSY.setRelease(this, 0);
        }
    }

    @Override
    public String toString() {
        return "CoroutineStage[" + coroutine + "]";
    }

    /** What the body sends to. Used only on the body's own stack. */
    private final class Out implements Sink<B> {
        @Override
        public void send(B item) {
            if (downstreamDead) {
                throw new DownstreamEnded();
            }
            if (pending == NONE) {
                pending = item;
                return;
            }
            // A second item before the body waits again: hand both over now, in order, from inside the body.
            Object p = pending;
            pending = NONE;
            handOver(p);
            handOver(item);
        }

        @SuppressWarnings("unchecked")
        private void handOver(Object item) {
            try {
                next.send((B) item);
            } catch (Throwable t) {
                downstreamDead = true;
                downstreamFailure = t;
                throw new DownstreamEnded();
            }
        }

        /** Hands over what is pending and closes the downstream; the body sends nothing after this. */
        @Override
        public void close() {
            if (downstreamDead) {
                return;
            }
            Object p = pending;
            if (p != NONE) {
                pending = NONE;
                handOver(p);
            }
            downstreamDead = true;
            try {
                next.close();
            } catch (Throwable t) {
                downstreamFailure = t;
                throw new DownstreamEnded();
            }
        }
    }
}
