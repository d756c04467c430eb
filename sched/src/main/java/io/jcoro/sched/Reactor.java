package io.jcoro.sched;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;

/**
 * The scheduler's {@link Selector}: Beazley's {@code iopoll}, with at most one reading and one writing task per
 * channel (his wait dictionaries, keyed by channel). A waiting task is registered with the operation it waits for;
 * when the selector reports the channel ready, the wait tries its operation again and either completes the task's
 * request or keeps waiting.
 */
final class Reactor {
    private final Kernel kernel;
    private final Selector selector;
    private int waiting;

    Reactor(Kernel kernel) {
        this.kernel = kernel;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** One task waiting for one readiness of one channel. */
    abstract static class IoWait implements Waiter {
        final TaskImpl<?> task;
        final int op;
        private Reactor reactor;
        private SelectionKey key;

        IoWait(TaskImpl<?> task, int op) {
            this.task = task;
            this.op = op;
        }

        /** The channel is ready: try again; complete the task's request and return true, or return false. */
        abstract boolean ready();

        /** The channel was closed under the wait. */
        void closed(ClosedChannelException e) {
            task.kernel.readyIo(task, e);
        }

        @Override
        public void abandon() {
            if (reactor != null) {
                reactor.remove(this);
            }
        }
    }

    /** Both waits of one channel. */
    private static final class Waits {
        IoWait reader;
        IoWait writer;
    }

    int waiting() {
        return waiting;
    }

    /**
     * Parks {@code w.task} until {@code channel} is ready for {@code w.op}. The channel is switched to non-blocking
     * mode. Fails the task's request at once if the channel is closed or another task waits the same way on it.
     */
    void await(SelectableChannel channel, IoWait w) {
        try {
            SelectionKey key = channel.keyFor(selector);
            Waits waits;
            if (key == null || !key.isValid()) {
                if (key != null) {
                    selector.selectNow(); // flushes a cancelled key so the channel can be registered again
                }
                if (channel.isBlocking()) {
                    channel.configureBlocking(false);
                }
                waits = new Waits();
                key = channel.register(selector, 0, waits);
            } else {
                waits = (Waits) key.attachment();
            }
            boolean reading = (w.op & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0;
            IoWait other = reading ? waits.reader : waits.writer;
            if (other != null) {
                kernel.readyIo(w.task, new IllegalStateException(other.task + " already waits to "
                        + (reading ? "read" : "write") + " this channel; " + w.task + " cannot wait too"));
                return;
            }
            if (reading) {
                waits.reader = w;
            } else {
                waits.writer = w;
            }
            key.interestOps(key.interestOps() | w.op);
            w.reactor = this;
            w.key = key;
            waiting++;
            kernel.park(w.task, w);
        } catch (ClosedChannelException | CancelledKeyException e) {
            kernel.readyIo(w.task, e instanceof ClosedChannelException c ? c : new ClosedChannelException());
        } catch (IOException e) {
            kernel.readyIo(w.task, e);
        }
    }

    /**
     * Takes a wait out. Its interest stays registered: a task that waits on a channel usually waits on it again
     * soon (the next read of a connection), and leaving the interest saves two {@code epoll_ctl} calls per wait; a
     * readiness that finds no task waiting clears it then ({@link #select}).
     */
    private void remove(IoWait w) {
        SelectionKey key = w.key;
        if (key == null) {
            return;
        }
        w.key = null;
        waiting--;
        Waits waits = (Waits) key.attachment();
        if (waits.reader == w) {
            waits.reader = null;
        } else if (waits.writer == w) {
            waits.writer = null;
        }
    }

    /** A channel the library closed: its waiting tasks get {@link ClosedChannelException} now. */
    void closed(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            return;
        }
        Waits waits = (Waits) key.attachment();
        for (IoWait w : new IoWait[] {waits.reader, waits.writer}) {
            if (w != null) {
                remove(w);
                w.closed(new ClosedChannelException());
            }
        }
    }

    /** Waits up to {@code millis} (0: not at all, -1: until something happens) and wakes the ready waits. */
    void select(long millis) {
        try {
            if (millis == 0) {
                selector.selectNow();
            } else if (millis < 0) {
                selector.select();
            } else {
                selector.select(millis);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Waits waits = (Waits) key.attachment();
            int ops;
            try {
                ops = key.readyOps();
            } catch (CancelledKeyException e) {
                ops = -1;
            }
            IoWait r = waits.reader;
            if (r != null && (ops == -1 || (ops & r.op) != 0)) {
                wake(r, ops == -1);
            }
            IoWait w = waits.writer;
            if (w != null && (ops == -1 || (ops & w.op) != 0)) {
                wake(w, ops == -1);
            }
            if (ops != -1 && key.isValid()) {
                // interest left from waits that ended: clear what no task waits for now
                int wanted = (waits.reader != null ? waits.reader.op : 0) | (waits.writer != null ? waits.writer.op : 0);
                if ((key.interestOps() & ~wanted) != 0) {
                    key.interestOps(wanted);
                }
            }
        }
    }

    private void wake(IoWait w, boolean cancelled) {
        if (cancelled) {
            remove(w);
            w.closed(new ClosedChannelException());
            return;
        }
        // the wait stays registered while it runs, so a retry that must wait again keeps its place
        if (w.ready()) {
            remove(w);
        }
    }

    void wakeup() {
        selector.wakeup();
    }

    void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
