package io.jcoro.sched;

import io.jcoro.Generator;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A bounded queue between tasks of one scheduler (Go's channel, trio's memory channel, asyncio's {@code Queue}).
 * Unlike a {@link java.util.concurrent.BlockingQueue}, waiting parks the task, not the thread, and is cancellable.
 *
 * <ul>
 *   <li>{@link #send} waits while the channel is full (back-pressure); with capacity 0 it waits until a receiver
 *       takes the item (a rendezvous).</li>
 *   <li>{@link #receive} waits while it is empty. Waiting senders and receivers are served first come, first
 *       served; an item handed to a waiting receiver goes straight to it. The task whose request completed the
 *       exchange runs on first; the task it woke is queued behind it.</li>
 *   <li>{@link #close} ends the stream: what is buffered can still be received, then {@link #receive} raises
 *       {@link ChannelClosedException} ({@link #receiveOrNull} returns null). A send on a closed channel, and
 *       a send waiting when it closes, raise {@link ChannelClosedException}; that item is not delivered.</li>
 *   <li>Any number of tasks may send and receive (fan-in, fan-out). With several senders, close the channel when
 *       the last one is done, for example after the {@link Sys#group} that runs them.</li>
 *   <li>Items may not be null (null is what {@link #tryReceive} and {@link #receiveOrNull} return for none).</li>
 * </ul>
 *
 * <p>A channel belongs to the scheduler whose task uses it first; a task of another scheduler gets an
 * {@link IllegalStateException}. The plain methods ({@link #trySend}, {@link #tryReceive}, {@link #close}) may be
 * called by those tasks, or before the scheduler runs, never from another thread.
 *
 * @param <T> the type of items
 */
public final class Channel<T> {
    private final int capacity;
    private final ArrayDeque<T> buffer;
    private final ArrayDeque<Parked<T>> senders = new ArrayDeque<>();
    private final ArrayDeque<Parked<T>> receivers = new ArrayDeque<>();
    private boolean closed;
    private Kernel kernel;

    private Channel(int capacity) {
        this.capacity = capacity;
        this.buffer = new ArrayDeque<>(Math.min(capacity, 64));
    }

    /** A channel that holds up to {@code capacity} items; 0 makes every send wait for its receiver. */
    public static <T> Channel<T> create(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more: " + capacity);
        }
        return new Channel<>(capacity);
    }

    /** Sends {@code item}, waiting while the channel is full. */
    public Generator<Syscall, Object, Void> send(T item) {
        return new Send(Objects.requireNonNull(item, "item"));
    }

    /** Receives the next item, waiting while the channel is empty; raises {@link ChannelClosedException} at the end. */
    public Generator<Syscall, Object, T> receive() {
        return new Receive(true);
    }

    /** Receives the next item, waiting while the channel is empty; returns null at the end. */
    public Generator<Syscall, Object, T> receiveOrNull() {
        return new Receive(false);
    }

    /**
     * A task body that receives every item until the channel is closed and drained, and hands each to
     * {@code sink} on the scheduler's thread; then closes {@code sink} if it is {@link AutoCloseable} (also when
     * the task fails or is cancelled). A pipeline of {@code io.jcoro.pipe}, whose {@code Sink} is a
     * {@code Consumer}, becomes a task this way. Stops early when the sink throws
     * {@link io.jcoro.StopIteration} (it takes no more items; the item it refused is not put back). Returns how
     * many items the sink took.
     */
    public Generator<Syscall, Object, Long> drainTo(java.util.function.Consumer<? super T> sink) {
        Objects.requireNonNull(sink, "sink");
        return Generator.returning(y -> {
            long n = 0;
            try {
                for (T item; (item = y.yieldFrom(receiveOrNull())) != null; n++) {
                    try {
                        sink.accept(item);
                    } catch (io.jcoro.StopIteration finished) {
                        break;
                    }
                }
            } finally {
                if (sink instanceof AutoCloseable c) {
                    c.close();
                }
            }
            return n;
        });
    }

    /**
     * Sends without waiting: hands {@code item} to a waiting receiver or buffers it.
     *
     * @return false, doing nothing, when the channel is full
     * @throws ChannelClosedException when the channel is closed
     */
    public boolean trySend(T item) {
        Objects.requireNonNull(item, "item");
        if (closed) {
            throw new ChannelClosedException("send on a closed channel");
        }
        Parked<T> r = receivers.poll();
        if (r != null) {
            r.task.kernel.ready(r.task, item);
            return true;
        }
        if (buffer.size() < capacity) {
            buffer.add(item);
            return true;
        }
        return false;
    }

    /** Receives without waiting: the next item, or null when there is none now. */
    public T tryReceive() {
        T item = buffer.poll();
        if (item != null) {
            refill();
            return item;
        }
        Parked<T> s = senders.poll();
        if (s != null) {
            s.task.kernel.ready(s.task, null);
            return s.item;
        }
        return null;
    }

    /** Closes the channel; see the class comment. Closing twice does nothing. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Parked<T> p;
        while ((p = receivers.poll()) != null) {
            end(p.task, p.raise);
        }
        while ((p = senders.poll()) != null) {
            p.task.kernel.readyError(p.task, new ChannelClosedException("the channel was closed while "
                    + p.task + " waited to send"));
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** How many items are buffered now. */
    public int size() {
        return buffer.size();
    }

    public int capacity() {
        return capacity;
    }

    /** After a buffered item was taken: the first waiting sender's item takes its place. */
    private void refill() {
        Parked<T> s = senders.poll();
        if (s != null) {
            buffer.add(s.item);
            s.task.kernel.ready(s.task, null);
        }
    }

    private static void end(TaskImpl<?> t, boolean raise) {
        if (raise) {
            t.kernel.readyError(t, new ChannelClosedException("receive on a closed channel with nothing left"));
        } else {
            t.kernel.ready(t, null);
        }
    }

    private boolean bind(Kernel k, TaskImpl<?> t) {
        if (kernel == null) {
            kernel = k;
        } else if (kernel != k) {
            k.readyError(t, new IllegalStateException("the channel belongs to another scheduler"));
            return false;
        }
        return true;
    }

    /** A task parked on the channel (with the item it sends); taken out of its queue if it is cancelled. */
    private static final class Parked<T> implements Waiter {
        final TaskImpl<?> task;
        final T item;
        final boolean raise;
        final ArrayDeque<Parked<T>> queue;

        Parked(TaskImpl<?> task, T item, boolean raise, ArrayDeque<Parked<T>> queue) {
            this.task = task;
            this.item = item;
            this.raise = raise;
            this.queue = queue;
        }

        @Override
        public void abandon() {
            queue.removeFirstOccurrence(this);
        }
    }

    private final class Send extends Request<Void> {
        private final T item;

        Send(T item) {
            this.item = item;
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (!bind(k, t)) {
                return;
            }
            if (closed) {
                k.readyError(t, new ChannelClosedException("send on a closed channel"));
                return;
            }
            Parked<T> r = receivers.poll();
            if (r != null) {
                k.ready(t, null);
                k.ready(r.task, item);
                return;
            }
            if (buffer.size() < capacity) {
                buffer.add(item);
                k.ready(t, null);
                return;
            }
            if (k.cancelledAt(t)) {
                return;
            }
            Parked<T> p = new Parked<>(t, item, false, senders);
            senders.add(p);
            k.park(t, p);
        }

        @Override
        String describe() {
            return "send";
        }
    }

    private final class Receive extends Request<T> {
        private final boolean raise;

        Receive(boolean raise) {
            this.raise = raise;
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (!bind(k, t)) {
                return;
            }
            T item = buffer.poll();
            if (item != null) {
                k.ready(t, item);
                refill();
                return;
            }
            Parked<T> s = senders.poll();
            if (s != null) {
                k.ready(t, s.item);
                k.ready(s.task, null);
                return;
            }
            if (closed) {
                end(t, raise);
                return;
            }
            if (k.cancelledAt(t)) {
                return;
            }
            Parked<T> p = new Parked<>(t, null, raise, receivers);
            receivers.add(p);
            k.park(t, p);
        }

        @Override
        String describe() {
            return "receive";
        }
    }
}
