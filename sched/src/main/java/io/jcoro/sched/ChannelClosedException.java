package io.jcoro.sched;

/**
 * A send on a closed {@link Channel}, or a receive on a closed channel with nothing left in it. Unchecked, unlike
 * {@link java.nio.channels.ClosedChannelException}, so that a task body can catch it around {@code yieldFrom}.
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ChannelClosedException(String message) {
        super(message);
    }
}
