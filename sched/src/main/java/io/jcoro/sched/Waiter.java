package io.jcoro.sched;

/**
 * Where a parked task is registered (a timer, a channel's queue, a selector key, a joined task's list): enough to
 * take it out again when the task is woken another way, cancelled or killed.
 */
interface Waiter {
    /** Removes the registration; the task is no longer woken by it. Called at most once. */
    void abandon();
}
