package io.jcoro.sched;

/**
 * Something the scheduler does at a point in its clock's time: wake a sleeper, cancel a scope whose deadline
 * passed, deliver a simulated packet. Cancelled timers stay in the heap until their time comes and are skipped
 * (cheaper than removing them from the middle of a heap).
 */
abstract class Timer implements Comparable<Timer>, Waiter {
    final long when;
    /** Ties between equal times go in the order the timers were made, so a run is repeatable. */
    final long seq;
    boolean cancelled;

    Timer(long when, long seq) {
        this.when = when;
        this.seq = seq;
    }

    abstract void fire();

    @Override
    public void abandon() {
        cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
        int c = Long.compare(when, o.when);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
