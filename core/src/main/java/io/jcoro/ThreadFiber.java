package io.jcoro;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/*
 * Overview: the body runs on its own virtual thread, started at the first resume. Control passes in lockstep
 * through one volatile flag: the caller sets bodyTurn and parks until the body clears it; the body clears it at
 * each yield (or when it ends) and parks until the caller sets it again. The body never runs ahead of the caller,
 * so side effects happen exactly when Python's would. The volatile write/read pair on bodyTurn is what makes the
 * handoff fields of GeneratorCore visible across the two threads. Each side spins briefly before it parks: a
 * generator driven in a loop is handed back within a microsecond, without a park/unpark pair (which costs about
 * 10 µs when the caller is a platform thread).
 */
final class ThreadFiber extends Fiber {

    /** Body threads started and not yet ended, for tests and diagnostics. */
    static final AtomicInteger LIVE = new AtomicInteger();

    /**
     * How long each side spins before parking. A body that yields again within a microsecond or two (the common
     * case for a generator) is then handed back without a park/unpark pair, which costs several microseconds for
     * a platform-thread caller. Only on machines with more than one core: with one, spinning only delays the other side.
     */
    private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1
            ? Integer.getInteger("jcoro.spins", 2_000) : 0;

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
        spinWhile(true);
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
        spinWhile(false);
        while (!bodyTurn) {
            LockSupport.park(this);
        }
    }

    /** Spins while bodyTurn equals {@code turn}, at most SPINS rounds, before parking. */
    private void spinWhile(boolean turn) {
        for (int i = SPINS; i > 0 && bodyTurn == turn; i--) {
            Thread.onSpinWait();
        }
    }

    @Override
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }
}
