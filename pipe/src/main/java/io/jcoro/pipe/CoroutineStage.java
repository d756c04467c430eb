package io.jcoro.pipe;

import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.Receiver;
import io.jcoro.StopIteration;
import io.jcoro.Yielder;
import io.jcoro.internal.Bodies;
import io.jcoro.internal.StateMachine;

/*
 * Overview: a coroutine stage is a jcoro generator driven by send(), Python's coroutine exactly: each item goes in
 * by send, and what the body sends on comes back out as the value send returns.
 *
 * The obvious way, the body calling the next sink from inside its own continuation (Beazley's target.send), works
 * but costs twice what it should when the next sink is itself a coroutine: jcoro never runs one continuation
 * inside another, so each such send switches to the driver and back. So the body's first send per item is not
 * handed over from inside the body: Inside.send parks it in `slot`, and the next receive() yields it, so that
 * generator.send(item) returns it and this sink hands it to the next sink from the caller's own stack. A chain of
 * coroutine stages then costs one continuation run and yield per item per stage, the least possible. A body that
 * sends a second item before waiting again hands both over from inside the body (in order): correct, only slower.
 *
 * Everything that must happen when the body ends (deliver what it sent last, close the downstream, report the
 * downstream's exception instead of the body's GeneratorExit) happens in Inside.run, on the body's own stack,
 * while the generator is RUNNING: the generator's own guard makes that exclusive, so this sink needs no lock or
 * flag of its own, and a second thread is refused by the generator ("generator already executing") before it
 * touches anything. The sink's only field of state is Inside.downstreamDead, written when a downstream fails
 * on an item handed over here, just before the generator is closed.
 */
final class CoroutineStage<A, B> implements Sink<A> {

    static final Object NONE = new Object();

    private final Sink<? super B> next;
    private final Inside<A, B> inside;
    private final Generator<Object, A, Void> generator;

    CoroutineStage(Stage.Body<A, B> body, Sink<? super B> next) {
        this.next = java.util.Objects.requireNonNull(next, "downstream");
        this.inside = new Inside<>(body, next);
        // A body whose receives are all in its own code is compiled, with Inside around it as hooks; any other
        // body runs inside Inside.run on a stackful backend. Both hand over items and end the same way.
        Generator<Object, A, Void> compiled = Bodies.receiving(body, new Object[] {inside}, inside);
        this.generator = compiled != null ? compiled : Generator.of(inside::run);
        Object first;
        try {
            first = generator.next(); // prime: run the body to its first receive()
        } catch (StopIteration ended) {
            return; // it ended without waiting, and cleaned up: a finished sink
        }
        if (first != NONE) {
            deliver(first);
        }
    }

    @Override
    public void send(A item) {
        // A finished or closed body makes this throw StopIteration; a failing one, its exception (it has cleaned
        // up); a second thread, "generator already executing".
        Object out = generator.send(item);
        if (out != NONE) {
            deliver(out);
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(Object item) {
        try {
            next.send((B) item);
        } catch (Throwable t) {
            // The downstream failed or finished. The body waits at receive(): end it there (GeneratorExit), so
            // its finally blocks run; anything it sends now is dropped. The downstream's exception goes upstream.
            inside.downstreamDead = true;
            Throwable f = Sneaky.closeQuietly(generator, t);
            // A failed sink has closed itself (the Sink contract); closing again covers one that did not.
            throw Sneaky.raise(Sneaky.closeQuietly(next, f));
        }
    }

    /** Raises GeneratorExit at the body's receive(); it cleans up and closes the downstream. Idempotent. */
    @Override
    public void close() {
        generator.close();
    }

    /** How the stage's body runs: compiled, or on a stackful backend. */
    io.jcoro.Backend mechanism() {
        return generator.mechanism();
    }

    @Override
    public String toString() {
        return "CoroutineStage[" + generator.state() + ", " + generator.mechanism() + "]";
    }

    /**
     * The body's side: its Receiver and its Sink, and, for a compiled body, the hooks around it. Used only while
     * the generator runs.
     */
    private static final class Inside<A, B> implements Receiver<A>, Sink<B>, StateMachine.ReceiveHooks {
        private final Stage.Body<A, B> body;
        private final Sink<? super B> next;
        private Yielder<Object, A> yielder;
        /** The item sent since the body last waited, to be yielded by the next receive(); NONE if none. */
        private Object slot = NONE;
        /** The downstream failed or finished: nothing more goes to it. */
        boolean downstreamDead;
        /** What the downstream threw while an item was handed over from inside the body. */
        private Throwable downstreamFailure;

        Inside(Stage.Body<A, B> body, Sink<? super B> next) {
            this.body = body;
            this.next = next;
        }

        /** The stackful generator body: the user's body, then the clean-up every ending needs. */
        void run(Yielder<Object, A> y) {
            this.yielder = y;
            Throwable failure = null;
            try {
                body.run(this, this);
            } catch (Throwable t) {
                failure = t;
            }
            ended(failure);
        }

        /** The clean-up every ending needs; for a compiled body, called when it ends, still on its side. */
        @Override
        public void ended(Throwable failure) {
            if (failure instanceof DownstreamEnded) {
                failure = null; // the downstream's exception (in downstreamFailure) is what goes upstream
            }
            boolean closing = failure instanceof GeneratorExit;
            // What the body sent last came before its end: it goes on first.
            Throwable late = null;
            Object last = slot;
            slot = NONE;
            if (last != NONE && !downstreamDead) {
                late = handOverQuietly(last);
            }
            if (!downstreamDead || downstreamFailure != null) {
                late = Sneaky.closeQuietly(next, late);
            }
            downstreamDead = true;
            Throwable d = downstreamFailure;
            if (d != null) {
                downstreamFailure = null;
                if (failure == null || closing) {
                    failure = d;
                } else if (d != failure) {
                    failure.addSuppressed(d);
                }
            }
            if (late != null) {
                if (failure == null || closing) {
                    failure = late; // as in Python: an exception while closing replaces the GeneratorExit
                } else if (late != failure) {
                    failure.addSuppressed(late);
                }
            }
            if (failure instanceof StopIteration) {
                return; // the downstream finished: this stage finishes (send throws StopIteration upstream)
            }
            if (failure != null) {
                throw Sneaky.raise(failure);
            }
        }

        @SuppressWarnings("unchecked")
        private Throwable handOverQuietly(Object item) {
            try {
                next.send((B) item);
                return null;
            } catch (Throwable t) {
                return t;
            }
        }

        @Override
        public A receive() {
            return yielder.yield(beforeReceive());
        }

        /** What a receive hands out: the item sent since the body last waited, if any. */
        @Override
        public Object beforeReceive() {
            if (downstreamDead) {
                throw new DownstreamEnded(); // a body that caught the GeneratorExit and waits again
            }
            Object out = slot;
            slot = NONE;
            return out;
        }

        @Override
        public void send(B item) {
            if (downstreamDead) {
                throw new DownstreamEnded();
            }
            if (slot == NONE) {
                slot = item;
                return;
            }
            // A second item before the body waits again: hand both over now, in order, from inside the body.
            Object first = slot;
            slot = NONE;
            handOver(first);
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
            Object first = slot;
            if (first != NONE) {
                slot = NONE;
                handOver(first);
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
