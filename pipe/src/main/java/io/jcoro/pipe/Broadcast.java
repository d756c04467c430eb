package io.jcoro.pipe;

import io.jcoro.StopIteration;
import java.util.List;

/**
 * Beazley's broadcast: each item goes to every target, in list order, one after another, on the caller's stack.
 * A target that finishes is dropped and the others go on; when none is left, this finishes. A target that fails
 * fails the broadcast: the targets after it do not get that item, and every target is closed.
 */
final class Broadcast<T> implements Sink<T> {

    private final Sink<? super T>[] targets;
    private final boolean[] finished;
    private int live;
    private boolean done;

    @SuppressWarnings("unchecked")
    Broadcast(List<? extends Sink<? super T>> targets) {
        this.targets = targets.toArray(new Sink[0]);
        for (Sink<? super T> t : this.targets) {
            java.util.Objects.requireNonNull(t, "target");
        }
        this.finished = new boolean[this.targets.length];
        this.live = this.targets.length;
    }

    @Override
    public void send(T item) {
        if (done) {
            throw new StopIteration();
        }
        Sink<? super T>[] ts = targets;
        for (int i = 0; i < ts.length; i++) {
            if (finished[i]) {
                continue;
            }
            try {
                ts[i].send(item);
            } catch (StopIteration end) {
                finished[i] = true;
                if (--live == 0) {
                    done = true;
                    throw end;
                }
            } catch (Throwable t) {
                done = true;
                throw Sneaky.raise(closeAll(t));
            }
        }
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        Throwable failure = closeAll(null);
        if (failure != null) {
            throw Sneaky.raise(failure);
        }
    }

    /** Closes every target, in order, even when one of them throws. */
    private Throwable closeAll(Throwable failure) {
        for (Sink<? super T> t : targets) {
            failure = Sneaky.closeQuietly(t, failure);
        }
        return failure;
    }
}
