package io.jcoro.disklog.read;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@code --follow} run's stop: a signal (SIGINT, SIGTERM) asks the followed source to end, so that the run ends
 * as a run that read to its end does, with its summary and its exit status; the signal's handler waits for that
 * status and exits with it.
 */
public final class Following {
    /** Put in a followed source's queue: stop now. */
    static final byte[] STOP = new byte[0];

    private volatile boolean stopped;
    private volatile BlockingQueue<byte[]> source;
    private volatile int status = -1;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Asks the followed source to end (from a signal handler's thread). */
    public void stop() {
        stopped = true;
        BlockingQueue<byte[]> q = source;
        if (q != null) {
            q.offer(STOP);
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /** The source being followed: where {@link #stop} sends its word. */
    void follow(BlockingQueue<byte[]> q) {
        source = q;
        if (stopped) {
            q.offer(STOP);
        }
    }

    /** The run is over, with this exit status. */
    public void finished(int exitStatus) {
        status = exitStatus;
        finished.countDown();
    }

    /** The run's exit status, once it is over; -1 if it is not over within {@code seconds}. */
    public int awaitStatus(long seconds) {
        try {
            finished.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status;
    }
}
