package io.jcoro.sched;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The scheduler itself, behind both {@link Scheduler} (real time, FIFO, real sockets and files) and
 * {@link Simulation} (virtual time, seeded choice of the next task, simulated network and disks).
 *
 * <p>The loop takes a ready task, resumes its generator with the result of its last request, and carries out the
 * request it yields next. Every request is a switch point: a request that completes at once puts the task at the
 * back of the ready queue (Beazley's {@code schedule(task)} in every system call), so no task can starve the
 * others while it keeps making requests. Between rounds (one round: as many steps as there were ready tasks) the
 * loop fires due timers, polls the selector and takes in work posted from other threads; when nothing is ready it
 * blocks until the next timer, I/O event or post, or, in a simulation, jumps the clock to the next timer.
 *
 * <p>All state is confined to the thread running the loop. Task bodies run in lockstep with it (on the same thread
 * with the continuation backend, on their own virtual thread with the other), so they may touch it too, through
 * plain methods such as {@link Channel#trySend}; jcoro's handoff makes those accesses ordered.
 */
final class Kernel {
    /** Virtual time starts here, so that simulated timestamps look like timestamps and never depend on the host. */
    static final Instant SIMULATED_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    final boolean simulated;
    private final ReadyQueue ready;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timerSeq;
    private final long origin = System.nanoTime();
    /** Virtual time in nanoseconds since {@link #SIMULATED_EPOCH}; only in a simulation. */
    private long virtualNow;
    /** What tasks get from {@link Sys#random()}: seeded in a simulation. */
    final Random taskRandom;
    private long nextId = 1;

    // Live tasks, in spawn order: an intrusive list, so removal is O(1) and iteration repeatable.
    private TaskImpl<?> liveHead, liveTail;
    private int liveCount;

    /** How many scopes are cancelled and not yet left: when 0, a wait needs no cancellation check. */
    int cancelledScopes;

    final Hooks hooks;
    private Reactor reactor;
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** Waits on the outside world (blocking work, futures) that will post their completion. */
    private final AtomicInteger external = new AtomicInteger();
    private volatile Thread loopThread;
    /** Set while a task's generator runs. */
    TaskImpl<?> current;
    /** The simulation's extra state; null in real mode. */
    final SimWorld world;

    private StringBuilder traceText;
    private long traceHash = 1125899906842597L;
    private long steps;

    Kernel(Hooks hooks, Random picker, Random taskRandom, SimWorld world) {
        this.hooks = hooks;
        this.simulated = world != null;
        this.ready = new ReadyQueue(picker);
        this.taskRandom = taskRandom;
        this.world = world;
        if (world != null) {
            world.kernel = this;
        }
    }

    /** Hooks and settings that the two facades configure. */
    static final class Hooks {
        java.util.function.Consumer<? super Task<?>> onTaskEnd;
        java.util.function.BiConsumer<? super Task<?>, ? super Throwable> onUncaught;
        java.util.function.Consumer<? super String> onWarning;
        long watchdogNanos;
        java.nio.file.Path files;
        java.util.concurrent.Executor blocking;
    }

    // ------------------------------------------------------------------ clock and timers

    long now() {
        return simulated ? virtualNow : System.nanoTime() - origin;
    }

    Instant instant() {
        return simulated ? SIMULATED_EPOCH.plusNanos(virtualNow) : Instant.now();
    }

    /** A timer that runs {@code action} at {@code when} (clock nanoseconds). */
    Timer at(long when, Runnable action) {
        Timer t = new Timer(when, timerSeq++) {
            @Override
            void fire() {
                action.run();
            }
        };
        timers.add(t);
        return t;
    }

    private Timer nextTimer() {
        Timer t;
        while ((t = timers.peek()) != null && t.cancelled) {
            timers.poll();
        }
        return t;
    }

    private void fireDueTimers() {
        if (timers.isEmpty()) {
            return;
        }
        long now = now();
        Timer t;
        while ((t = timers.peek()) != null && (t.cancelled || t.when <= now)) {
            timers.poll();
            if (!t.cancelled) {
                t.cancelled = true;
                t.fire();
            }
        }
    }

    // ------------------------------------------------------------------ tasks

    <R> TaskImpl<R> spawn(Generator<Syscall, Object, R> gen, String name, SimHost host, TaskGroup group) {
        Objects.requireNonNull(gen, "task body");
        TaskImpl<R> t = new TaskImpl<>(this, nextId++, name, gen, host, group);
        if (liveTail == null) {
            liveHead = liveTail = t;
        } else {
            liveTail.nextLive = t;
            t.prevLive = liveTail;
            liveTail = t;
        }
        liveCount++;
        ready.add(t);
        if (traceText != null || simulated) {
            trace(t, "spawn");
        }
        return t;
    }

    int liveCount() {
        return liveCount;
    }

    /** The live tasks, in spawn order. */
    List<TaskImpl<?>> live() {
        List<TaskImpl<?>> all = new ArrayList<>(liveCount);
        for (TaskImpl<?> t = liveHead; t != null; t = t.nextLive) {
            all.add(t);
        }
        return all;
    }

    /** Completes {@code t}'s request with {@code value}: it goes to the back of the ready queue. */
    void ready(TaskImpl<?> t, Object value) {
        t.resumeValue = value;
        t.resumeError = null;
        makeReady(t);
    }

    /** Completes {@code t}'s request by raising {@code error} at its yield. */
    void readyError(TaskImpl<?> t, Throwable error) {
        t.resumeValue = null;
        t.resumeError = error;
        makeReady(t);
    }

    /**
     * Completes {@code t}'s request with an I/O failure: an {@link java.io.IOException} is raised wrapped in an
     * {@link java.io.UncheckedIOException}, because a task body cannot name a checked exception in a catch
     * around {@code yieldFrom} (which declares none). Anything else is raised as is.
     */
    void readyIo(TaskImpl<?> t, Throwable error) {
        readyError(t, error instanceof java.io.IOException io ? new java.io.UncheckedIOException(io.getMessage(), io)
                : error);
    }

    private void makeReady(TaskImpl<?> t) {
        t.waiter = null;
        t.shielded = false;
        t.state = Task.State.READY;
        ready.add(t);
    }

    /** Parks {@code t} (whose request is being handled) until {@code waiter}'s event completes the request. */
    void park(TaskImpl<?> t, Waiter waiter) {
        t.state = Task.State.WAITING;
        t.waiter = waiter;
    }

    /**
     * Checks, before a request waits, whether the task is in a cancelled scope; if so, raises {@link Cancelled}
     * at its yield instead and returns true. Every request that waits calls this first.
     */
    boolean cancelledAt(TaskImpl<?> t) {
        Scope catcher = catcher(t);
        if (catcher == null) {
            return false;
        }
        deliverCancel(t, catcher);
        return true;
    }

    /** The scope whose Cancelled the task should get now: the outermost cancelled one, or null. */
    private Scope catcher(TaskImpl<?> t) {
        if (cancelledScopes == 0) {
            return null;
        }
        Scope found = null;
        Scope s = t.scope;
        for (; s != null; s = s.parent) {
            if (s.cancelled) {
                found = s;
            }
            if (s == t.root) {
                s = s.parent;
                break;
            }
        }
        for (; s != null; s = s.parent) {
            if (s.cancelled) {
                return t.root; // a scope around the task's group: the task as a whole is cancelled
            }
        }
        return found;
    }

    private void deliverCancel(TaskImpl<?> t, Scope catcher) {
        if (catcher.deliveries++ > 0) {
            ignoredCancel(t, catcher);
            return;
        }
        readyError(t, cancelled(t, catcher));
    }

    private static Cancelled cancelled(TaskImpl<?> t, Scope catcher) {
        return new Cancelled(catcher, t + ": " + (catcher.reason != null ? catcher.reason : "cancelled"));
    }

    /**
     * The Cancelled a task must raise now, without waiting, if it is in a cancelled scope: for a group whose tasks
     * ended because a scope around it was cancelled, so the group passes the cancellation on. Null otherwise.
     */
    Cancelled pendingCancel(TaskImpl<?> t) {
        Scope catcher = catcher(t);
        if (catcher == null) {
            return null;
        }
        catcher.deliveries++;
        return cancelled(t, catcher);
    }

    /** Cancels a scope and interrupts the waits of every task inside it. */
    void cancelScope(Scope s, String reason) {
        if (s.cancelled || s.exited) {
            return;
        }
        s.cancelled = true;
        s.reason = reason;
        cancelledScopes++;
        interruptInside(s);
    }

    private void interruptInside(Scope s) {
        interrupt(s.task);
        for (Scope c : s.children()) {
            interruptInside(c);
        }
    }

    private void interrupt(TaskImpl<?> t) {
        if (t.state != Task.State.WAITING || t.shielded) {
            return; // a ready task gets it at its next wait
        }
        Scope catcher = catcher(t);
        if (catcher == null) {
            return;
        }
        Waiter w = t.waiter;
        t.waiter = null;
        if (w != null) {
            w.abandon();
        }
        deliverCancel(t, catcher);
    }

    /** Opens a nested scope in {@code t} (for a timeout or a group). */
    Scope enterScope(TaskImpl<?> t, Scope.Kind kind) {
        Scope s = new Scope(kind, t, t.scope);
        t.scope = s;
        return s;
    }

    /** Leaves {@code s}, which must be the task's innermost scope. */
    void exitScope(Scope s) {
        if (s.exited) {
            return;
        }
        TaskImpl<?> t = s.task;
        if (t.scope != s) {
            throw new IllegalStateException(t + " left a " + s.kind + " scope that is not its innermost one");
        }
        t.scope = s.parent;
        leave(s);
    }

    private void leave(Scope s) {
        if (s.cancelled) {
            cancelledScopes--;
        }
        if (s.deadline != null) {
            s.deadline.abandon();
        }
        s.detach();
    }

    private void ignoredCancel(TaskImpl<?> t, Scope catcher) {
        IllegalStateException err = new IllegalStateException(t + " ignored Cancelled: it caught it and waited"
                + " again (" + describe(t.request) + "); a cancelled task may clean up only with requests that do"
                + " not wait");
        warn(err.getMessage());
        endFailed(t, err);
    }

    /**
     * Kills a task: closes its generator at its yield, so its {@code finally} blocks run now, and ends it
     * {@link Task.State#KILLED}. Returns false when it had ended already.
     */
    boolean kill(TaskImpl<?> victim) {
        if (victim.isDone()) {
            return false;
        }
        if (victim.state == Task.State.RUNNING) {
            throw new IllegalStateException(victim + " cannot be killed while it runs");
        }
        Waiter w = victim.waiter;
        victim.waiter = null;
        if (w != null) {
            w.abandon();
        }
        victim.state = Task.State.KILLED; // its ready-queue entry, if any, is skipped from now on
        Throwable failure = null;
        try {
            victim.gen.close();
        } catch (Throwable x) {
            failure = x;
        }
        finish(victim, Task.State.KILLED, null, failure);
        return true;
    }

    private void finish(TaskImpl<?> t, Task.State outcome, Object value, Throwable failure) {
        t.ended(outcome, value, failure);
        t.waiter = null;
        // unlink from the live list
        if (t.prevLive != null) {
            t.prevLive.nextLive = t.nextLive;
        } else {
            liveHead = t.nextLive;
        }
        if (t.nextLive != null) {
            t.nextLive.prevLive = t.prevLive;
        } else {
            liveTail = t.prevLive;
        }
        t.prevLive = t.nextLive = null;
        liveCount--;
        // leave every scope still open (normally only the root)
        for (Scope s = t.scope; s != null; s = s.parent) {
            leave(s);
            if (s == t.root) {
                break;
            }
        }
        t.scope = t.root;
        if (simulated || traceText != null) {
            trace(t, "end " + outcome);
        }
        if (hooks.onTaskEnd != null) {
            try {
                hooks.onTaskEnd.accept(t);
            } catch (RuntimeException e) {
                warn("onTaskEnd failed for " + t + ": " + e);
            }
        }
        if (t.onEnd != null) {
            for (Runnable r : new ArrayList<Runnable>(t.onEnd)) {
                r.run();
            }
            t.onEnd = null;
        }
        if (outcome == Task.State.FAILED && !t.observed || outcome == Task.State.KILLED && failure != null) {
            uncaught(t, failure);
        }
    }

    /** What a joiner gets from a task that ended. */
    void deliverOutcome(TaskImpl<?> joiner, TaskImpl<?> target) {
        switch (target.state) {
            case RETURNED -> ready(joiner, target.result());
            case FAILED -> readyError(joiner, target.failure());
            case CANCELLED -> readyError(joiner, new CancellationException(target + " was cancelled"));
            default -> readyError(joiner, new CancellationException(target + " was killed"));
        }
    }

    void warn(String message) {
        if (hooks.onWarning != null) {
            hooks.onWarning.accept(message);
        } else {
            System.getLogger("io.jcoro.sched").log(System.Logger.Level.WARNING, message);
        }
    }

    private void uncaught(Task<?> t, Throwable failure) {
        if (hooks.onUncaught != null) {
            hooks.onUncaught.accept(t, failure);
        } else {
            System.getLogger("io.jcoro.sched").log(System.Logger.Level.WARNING,
                    t + " failed and no task joined it", failure);
        }
    }

    // ------------------------------------------------------------------ running

    /** Runs until {@code main} ends, then cancels the other tasks and runs until they have ended too. */
    <R> R runMain(TaskImpl<R> main) {
        main.observed = true;
        running(() -> {
            loop(main::isDone);
            if (liveCount > 0) {
                for (TaskImpl<?> t : live()) {
                    cancelScope(t.root, "the main task ended");
                }
                loop(() -> liveCount == 0);
            }
        });
        return switch (main.state) {
            case RETURNED -> main.result();
            case FAILED -> throw Throwing.sneaky(main.failure());
            case CANCELLED -> throw new CancellationException(main + " was cancelled");
            default -> throw new CancellationException(main + " was killed");
        };
    }

    /** Runs until every task has ended. */
    void runAll() {
        running(() -> loop(() -> liveCount == 0));
    }

    /** Runs {@code loops} as this scheduler's run; if the loop itself fails, closes every task first. */
    private void running(Runnable loops) {
        onLoopCarrier(() -> {
            enter();
            try {
                loops.run();
            } catch (RuntimeException | Error e) {
                killAll();
                throw e;
            } finally {
                exit();
            }
        });
    }

    /**
     * Runs the loop on the calling thread, except when jcoro's virtual-thread backend runs task bodies and the
     * caller is a platform thread: then on a virtual thread, and the caller waits for it. Each resume of a body
     * is a handoff between the loop's thread and the body's virtual thread, and that handoff costs microseconds
     * when the loop runs on a platform thread but a fraction of that between two virtual threads.
     */
    private void onLoopCarrier(Runnable loopBody) {
        if (Generator.backend() != io.jcoro.Backend.VIRTUAL_THREAD || Thread.currentThread().isVirtual()) {
            loopBody.run();
            return;
        }
        Throwable[] failed = new Throwable[1];
        Thread vt = Thread.ofVirtual().name("jcoro-sched").start(() -> {
            try {
                loopBody.run();
            } catch (Throwable t) {
                failed[0] = t;
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                vt.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                vt.interrupt(); // the loop stops as if its own thread had been interrupted
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] != null) {
            throw Throwing.sneaky(failed[0]);
        }
    }

    private void enter() {
        if (loopThread != null) {
            throw new IllegalStateException("the scheduler is already running on " + loopThread);
        }
        loopThread = Thread.currentThread();
    }

    private void exit() {
        loopThread = null;
    }

    boolean onLoopThread() {
        Thread l = loopThread;
        return l == null || l == Thread.currentThread() || current != null;
    }

    /** After a failure of the loop itself: close every task, so that no generator is left suspended. */
    private void killAll() {
        for (TaskImpl<?> t : live()) {
            if (t.state != Task.State.RUNNING) {
                try {
                    kill(t);
                } catch (RuntimeException ignored) {
                    // already reported
                }
            }
        }
    }

    private void loop(BooleanSupplier done) {
        int budget = 0;
        while (!done.getAsBoolean()) {
            if (budget <= 0 || ready.isEmpty()) {
                poll();
                budget = ready.size();
                continue;
            }
            TaskImpl<?> t = ready.poll();
            budget--;
            if (t.state == Task.State.READY) {
                step(t);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void step(TaskImpl<?> t) {
        current = t;
        t.state = Task.State.RUNNING;
        Object v = t.resumeValue;
        Throwable e = t.resumeError;
        t.resumeValue = null;
        t.resumeError = null;
        Object y;
        long started = hooks.watchdogNanos > 0 ? System.nanoTime() : 0;
        try {
            y = e == null ? t.gen.send(v) : t.gen.throwIn(e);
        } catch (StopIteration stop) {
            current = null;
            watch(t, started);
            finish(t, Task.State.RETURNED, stop.value(), null);
            return;
        } catch (Throwable x) {
            current = null;
            watch(t, started);
            boolean cancelled = x instanceof Cancelled c && c.scope == t.root;
            finish(t, cancelled ? Task.State.CANCELLED : Task.State.FAILED, null, cancelled ? null : x);
            return;
        }
        current = null;
        watch(t, started);
        steps++;
        if (y instanceof Request<?> r) {
            r.markHandled();
            t.request = r;
            t.state = Task.State.WAITING;
            if (simulated || traceText != null) {
                traceStep(t, r);
            }
            r.handle(this, t);
        } else {
            notARequest(t, y);
        }
    }

    private void watch(TaskImpl<?> t, long started) {
        if (started != 0) {
            long ran = System.nanoTime() - started;
            if (ran > hooks.watchdogNanos) {
                warn(t + " ran " + ran / 1_000_000 + " ms without yielding (watchdog: "
                        + hooks.watchdogNanos / 1_000_000 + " ms); it held up every other task");
            }
        }
    }

    private void notARequest(TaskImpl<?> t, Object y) {
        IllegalStateException err = new IllegalStateException(t + " yielded " + describeValue(y)
                + ", which is not a request: a task yields only what Sys, channels, connections and files return,"
                + " usually with y.yieldFrom(...); the task is ended");
        endFailed(t, err);
    }

    /** Ends a task the scheduler refuses to run on: closes it (its finally blocks run) and fails it with err. */
    private void endFailed(TaskImpl<?> t, RuntimeException err) {
        t.state = Task.State.KILLED; // nothing may wake it while it closes
        try {
            t.gen.close();
        } catch (Throwable x) {
            err.addSuppressed(x);
        }
        finish(t, Task.State.FAILED, null, err);
    }

    static String describeValue(Object y) {
        if (y == null) {
            return "null";
        }
        String s;
        try {
            s = String.valueOf(y);
        } catch (RuntimeException e) {
            s = "<toString failed: " + e + ">";
        }
        if (s.length() > 200) {
            s = s.substring(0, 200) + "...";
        }
        return s + " (" + y.getClass().getName() + ")";
    }

    static String describe(Request<?> r) {
        return r == null ? "no request" : r.describe();
    }

    /** Between rounds: timers, I/O, posted work; blocks (or advances virtual time) when nothing is ready. */
    private void poll() {
        fireDueTimers();
        drainInbox();
        Reactor io = reactor;
        if (io != null && io.waiting() > 0) {
            io.select(0);
        }
        if (!ready.isEmpty()) {
            return;
        }
        Timer next = nextTimer();
        if (simulated) {
            if (next == null) {
                throw deadlock();
            }
            virtualNow = Math.max(virtualNow, next.when);
            fireDueTimers();
            return;
        }
        boolean ioWaits = io != null && io.waiting() > 0;
        if (next == null && !ioWaits && external.get() == 0 && inbox.isEmpty()) {
            throw deadlock();
        }
        long waitNanos = next == null ? -1 : Math.max(0, next.when - now());
        if (waitNanos != 0 && inbox.isEmpty()) {
            if (io != null) {
                io.select(waitNanos < 0 ? -1 : Math.max(1, (waitNanos + 999_999) / 1_000_000));
            } else if (waitNanos < 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, waitNanos);
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new CancellationException("the scheduler's thread was interrupted");
            }
        }
        fireDueTimers();
        drainInbox();
    }

    private IllegalStateException deadlock() {
        StringBuilder b = new StringBuilder("deadlock: every task waits and nothing can wake them:");
        int n = 0;
        for (TaskImpl<?> t = liveHead; t != null && n < 20; t = t.nextLive, n++) {
            b.append("\n  ").append(t).append(" waits in ").append(describe(t.request));
        }
        if (liveCount > n) {
            b.append("\n  ... and ").append(liveCount - n).append(" more");
        }
        return new IllegalStateException(b.toString());
    }

    // ------------------------------------------------------------------ other threads

    /** Runs {@code action} on the loop thread at its next poll. Thread-safe. */
    void post(Runnable action) {
        inbox.add(action);
        Thread l = loopThread;
        if (l != null) {
            LockSupport.unpark(l);
        }
        Reactor io = reactor;
        if (io != null) {
            io.wakeup();
        }
    }

    /** Counts a wait on the outside world, so an idle loop blocks for it rather than reporting a deadlock. */
    void externalWaitStarted() {
        external.incrementAndGet();
    }

    void externalWaitEnded() {
        external.decrementAndGet();
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            r.run();
        }
    }

    Reactor reactor() {
        if (simulated) {
            throw new UnsupportedOperationException("a simulation has no real sockets or selectable channels:"
                    + " use Sys.listen and Sys.connect, which the simulation provides");
        }
        Reactor io = reactor;
        if (io == null) {
            io = new Reactor(this);
            reactor = io;
        }
        return io;
    }

    /** A channel the library is about to close: the tasks waiting on it get ClosedChannelException. */
    void closedChannel(java.nio.channels.SelectableChannel ch) {
        Reactor io = reactor;
        if (io != null) {
            io.closed(ch);
        }
    }

    /** Closes the selector, if one was opened. */
    void shutdown() {
        Reactor io = reactor;
        if (io != null) {
            reactor = null;
            io.close();
        }
    }

    // ------------------------------------------------------------------ trace

    void recordTrace() {
        traceText = new StringBuilder();
    }

    private void trace(TaskImpl<?> t, String what) {
        traceLine(t, what.hashCode(), what);
    }

    /** A request: the hash takes its kind only, so that tracing costs no string building unless recorded. */
    private void traceStep(TaskImpl<?> t, Request<?> r) {
        traceLine(t, r.kind(), r);
    }

    /** Adds a line about the world (a fault, a delivery) to the trace. */
    void traceEvent(String what) {
        traceLine(null, what.hashCode(), what);
    }

    /**
     * Folds one event into the trace's hash and, when recording, appends "seconds.micros host task what" (a world
     * event has "*" for its task).
     */
    private void traceLine(TaskImpl<?> t, int kind, Object what) {
        long now = now();
        traceHash = ((traceHash * 31 + now) * 31 + (t == null ? 0 : t.id)) * 31 + kind;
        if (traceText != null) {
            String micros = Long.toString(now % 1_000_000_000L / 1000 + 1_000_000);
            traceText.append(now / 1_000_000_000L).append('.').append(micros, 1, 7).append(' ');
            if (t == null) {
                traceText.append('*');
            } else {
                if (t.host != null) {
                    traceText.append(t.host).append(' ');
                }
                traceText.append(t);
            }
            traceText.append(' ').append(what).append('\n');
        }
    }

    String traceText() {
        return traceText == null ? null : traceText.toString();
    }

    long traceHash() {
        return traceHash;
    }

    long steps() {
        return steps;
    }
}
