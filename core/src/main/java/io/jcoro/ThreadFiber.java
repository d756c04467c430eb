package io.jcoro;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/*
 * Overview: the body runs on its own virtual thread, started at the first resume. Control passes in lockstep
 * through one volatile flag: the caller sets bodyTurn and parks until the body clears it; the body clears it at
 * each yield (or when it ends) and parks until the caller sets it again. The body never runs ahead of the caller,
 * so side effects happen exactly when Python's would. The volatile write/read pair on bodyTurn is what makes the
 * handoff fields of GeneratorCore visible across the two threads. When the caller is a platform thread, each
 * side spins a few microseconds before it parks: a generator driven in a loop from a platform thread is then
 * handed back without a park/unpark pair of that thread (which costs about 10 µs).
 */
final class ThreadFiber extends Fiber {

    /** Body threads started and not yet ended, for tests and diagnostics. */
    static final AtomicInteger LIVE = new AtomicInteger();

    /**
     * How long each side spins before parking, when the caller is a platform thread. A body that yields again
     * within a few microseconds (the common case for a generator) is then handed back without a park/unpark pair
     * of a platform thread, which costs about 10 µs. Bounded by time, not by count: a PAUSE instruction takes from
     * 10 to 140 cycles depending on the processor. Never when the caller is a virtual thread (parking and unparking
     * virtual threads is cheap, and spinning would hold a carrier the other side needs), nor on a single core.
     */
    private static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1
            ? Long.getLong("jcoro.spinNanos", 5_000) : 0;

    private static final Thread.Builder BUILDER = Thread.ofVirtual().name("jcoro-generator");

    private final Runnable body;
    private Thread thread;
    private volatile Thread waiter;
    private volatile boolean bodyTurn;

    ThreadFiber(Runnable body) {
        this.body = body;
    }

    @Override
    void resume() {
        waiter = Thread.currentThread();
        bodyTurn = true;
        Thread t = thread;
        if (t == null) {
            t = BUILDER.unstarted(this::runBody);
            thread = t;
            LIVE.incrementAndGet();
            t.start();
        } else {
            LockSupport.unpark(t);
        }
        boolean interrupted = false;
        if (!Thread.currentThread().isVirtual()) {
            spinWhile(true);
        }
        while (bodyTurn) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                // The body must run to its next yield whatever happens; keep waiting, restore the flag after.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void runBody() {
        try {
            body.run();
        } finally {
            LIVE.decrementAndGet();
            Thread w = waiter;
            bodyTurn = false;
            LockSupport.unpark(w);
        }
    }

    @Override
    void suspend() {
        Thread w = waiter;
        bodyTurn = false;
        LockSupport.unpark(w);
        if (!w.isVirtual()) {
            spinWhile(false);
        }
        while (!bodyTurn) {
            LockSupport.park(this);
        }
    }

    /** Spins while bodyTurn equals {@code turn}, for at most SPIN_NANOS. */
    private void spinWhile(boolean turn) {
        if (SPIN_NANOS <= 0) {
            return;
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (bodyTurn == turn) {
            for (int i = 0; i < 16; i++) {
                Thread.onSpinWait();
            }
            if (System.nanoTime() - deadline > 0) {
                return;
            }
        }
    }

    @Override
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }
}
