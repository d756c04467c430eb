package io.jcoro;

import io.jcoro.internal.StateMachine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Objects;

/*
 * Overview: the protocol, independent of the backend.
 *
 * The caller's side (send, throwIn, close) first moves the state to RUNNING with a CAS, so a second caller, or
 * the body calling into its own generator, fails at once ("already executing") without touching anything. It then
 * either forwards the operation to the generator or iterator the body delegates to (yieldFrom / yieldAll), without
 * resuming the body, or resumes the body through the Fiber. The body's side (yield, yieldFrom, yieldAll) leaves
 * its outcome in the handoff fields and suspends; the caller's side reads the outcome and sets the state.
 *
 * Handoff fields are plain: only the side that holds control touches them, and each control transfer is a
 * happens-before edge (a continuation switch on one thread, or ThreadFiber's volatile flag).
 *
 * The core never refers to the RealGenerator facade, so the facade can become unreachable while the core is still
 * referenced by a Cleaner or a parked body thread; the Cleaner's action closes the core.
 */
final class GeneratorCore<Y, S, R> implements Yielder<Y, S>, StateMachine.Host {

    /*
     * The state, an int so that a caller can claim the generator with one compare-and-set:
     *
     *   CREATED --send(null)/throwIn--> RUNNING --the body yields--> SUSPENDED --send/throwIn/close--> RUNNING
     *      |                               |
     *      +--close-----> CLOSED <---------+ the body returns or raises, or close() ends it
     *
     * Only the caller that moved the state to RUNNING touches the handoff fields until it leaves RUNNING; a call
     * that finds RUNNING fails ("already executing") without touching anything. GeneratorState is the public view.
     */
    static final int CREATED = 0, RUNNING = 1, SUSPENDED = 2, CLOSED = 3;

    /** How a stackful body's last run ended, as the fiber leaves it in the handoff fields. */
    private static final int NONE = 0, YIELDED = 1, RETURNED = 2, RAISED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(GeneratorCore.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state = CREATED;

    /** A stackful body, run on a fiber; null when the body is compiled. */
    private final Generator.ReturningBody<Y, S, R> body;
    private Fiber fiber;
    /** A compiled body, run by plain calls on the caller's thread; null when the body is stackful. */
    private final StateMachine machine;

    // Handoff fields: into the body.
    private Object sent;
    private Throwable thrown;
    // Handoff fields: out of the body.
    private int outcome;
    private Object yielded;
    private Object returned;
    private Throwable raised;

    // Delegation (yieldFrom / yieldAll): at most one is set, only while SUSPENDED or RUNNING.
    private Generator<?, ?, ?> subGenerator;
    private Iterator<?> subIterator;

    // The body's result, once it returned.
    private R result;
    private boolean hasResult;


    /** Whether closing the body could ever run its code: false for a compiled body with no try around a yield. */
    private final boolean closeMayRunCode;
    /** The user's body, for saying why it runs stackful; the same object as body, or the body body wraps. */
    private final Object source;

    GeneratorCore(Generator.ReturningBody<Y, S, R> body, Object source) {
        this.body = body;
        this.source = source;
        this.closeMayRunCode = true;
        this.machine = null;
    }

    GeneratorCore(StateMachine machine) {
        this.body = null;
        this.source = null;
        this.closeMayRunCode = machine.anyGuarded();
        this.machine = machine;
        machine.attach(this);
    }

    /** Whether the body is a compiled state machine. */
    boolean compiled() {
        return machine != null;
    }

    /**
     * Whether an abandoned generator in its current state must be closed by the Cleaner: closing it could run
     * code (a try block around the paused yield, a delegate to close). A compiled body paused outside every try
     * block with nothing delegated would only raise GeneratorExit and end, which nobody can observe.
     */
    boolean needsCleaner() {
        StateMachine m = machine;
        return m == null || (closeMayRunCode && m.closingRunsCode()) || subGenerator != null
                || subIterator instanceof AutoCloseable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    int state() {
        return state;
    }

    // ------------------------------------------------------------------ caller's side

    Object send(Object value) {
        for (;;) {
            int s = state;
            if (s == SUSPENDED) {
                if (STATE.compareAndSet(this, SUSPENDED, RUNNING)) {
                    break;
                }
            } else if (s == CREATED) {
                if (value != null) {
                    throw new IllegalArgumentException("can't send non-None value to a just-started generator");
                }
                if (STATE.compareAndSet(this, CREATED, RUNNING)) {
                    break;
                }
            } else if (s == RUNNING) {
                throw alreadyExecuting();
            } else {
                throw new StopIteration();
            }
        }
        return sendClaimed(value);
    }

    /** send, once this caller has moved the state to RUNNING. */
    private Object sendClaimed(Object value) {
        if (subIterator != null) {
            return forwardNextToIterator(value);
        }
        if (subGenerator != null) {
            return forwardSendToGenerator(value);
        }
        return resumeBody(value, null);
    }

    /** Carries an exception of the action given to {@link #drainDelegated}, so it is not mistaken for the end. */
    static final class ActionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ActionFailed(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    /** What {@link #drainDelegated} returns when it did nothing. */
    static final Object NO_BULK = new Object();

    /**
     * The bulk path of {@code forEachRemaining}: if the body is paused in {@code yieldAll} over a plain iterator,
     * claims the generator once, hands every remaining element of that iterator to {@code action}, then resumes the
     * body and returns its next value (or throws as {@code next()} does). Returns {@link #NO_BULK}, having done
     * nothing, in any other state. The generator stays RUNNING while {@code action} runs, so {@code action} cannot
     * call into it; if {@code action} throws, the generator is left SUSPENDED inside its yieldAll, at the next
     * element.
     */
    @SuppressWarnings("unchecked")
    Object drainDelegated(java.util.function.Consumer<? super Object> action) {
        if (subIterator == null || !STATE.compareAndSet(this, SUSPENDED, RUNNING)) {
            return NO_BULK;
        }
        Iterator<Object> it = (Iterator<Object>) subIterator;
        if (it == null) {
            return sendClaimed(null);
        }
        for (;;) {
            Object element;
            try {
                if (!it.hasNext()) {
                    break;
                }
                element = it.next();
            } catch (Throwable t) {
                subIterator = null;
                return resumeBody(null, t);
            }
            try {
                action.accept(element);
            } catch (Throwable t) {
                suspended();
                throw new ActionFailed(t);
            }
        }
        subIterator = null;
        return resumeBody(null, null);
    }

    Object throwIn(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        int s;
        for (;;) {
            s = state;
            if (s == SUSPENDED || s == CREATED) {
                if (STATE.compareAndSet(this, s, RUNNING)) {
                    break;
                }
            } else if (s == RUNNING) {
                throw alreadyExecuting();
            } else {
                throw Throwables.sneaky(exception);
            }
        }
        if (s == CREATED) {
            // Raised before the first statement, outside every try block of the body: nothing runs.
            finish();
            throw Throwables.sneaky(pep479(exception));
        }
        if (subIterator != null) {
            Iterator<?> it = subIterator;
            subIterator = null;
            Throwable toRaise = exception;
            if (exception instanceof GeneratorExit && it instanceof AutoCloseable closeable) {
                toRaise = closeQuietly(closeable, exception);
            }
            return resumeBody(null, toRaise);
        }
        if (subGenerator != null) {
            return forwardThrowToGenerator(exception);
        }
        return resumeBody(null, exception);
    }

    /** Returns normally when the body ended (the result, if any, is kept); throws as {@link Generator#close()}. */
    void close() {
        for (;;) {
            int s = state;
            if (s == SUSPENDED) {
                if (STATE.compareAndSet(this, SUSPENDED, RUNNING)) {
                    break;
                }
            } else if (s == CREATED) {
                if (STATE.compareAndSet(this, CREATED, CLOSED)) {
                    releaseFiber();
                    return;
                }
            } else if (s == RUNNING) {
                throw alreadyExecuting();
            } else {
                return;
            }
        }
        Throwable toRaise = new GeneratorExit();
        if (subGenerator != null) {
            Generator<?, ?, ?> sub = subGenerator;
            subGenerator = null;
            toRaise = closeQuietly(sub, toRaise);
        } else if (subIterator != null) {
            Iterator<?> it = subIterator;
            subIterator = null;
            if (it instanceof AutoCloseable closeable) {
                toRaise = closeQuietly(closeable, toRaise);
            }
        }
        int o = run(null, toRaise);
        if (o == YIELDED) {
            yielded = null;
            suspended();
            throw new IllegalStateException("generator ignored GeneratorExit");
        }
        if (o == RETURNED) {
            finishReturned();
            return;
        }
        Throwable t = raised;
        raised = null;
        finish();
        if (t instanceof GeneratorExit) {
            return;
        }
        throw Throwables.sneaky(pep479(t));
    }

    /**
     * Close from the finaliser: never throws; errors go to the unraisable hook. A body that ignores the
     * GeneratorExit (yields instead of ending) is dropped as Python drops its frame: none of its code runs again.
     * A compiled body or a continuation is simply forgotten; a body's virtual thread stays parked for good (the
     * JDK keeps parked virtual threads for its thread dumps), the one cost of a body that ignores GeneratorExit.
     */
    void finalizeClose() {
        try {
            close();
        } catch (Throwable t) {
            Finalization.unraisable(t);
            if (state == SUSPENDED) {
                StateMachine m = machine;
                if (m != null) {
                    m.abandon();
                }
                subGenerator = null;
                subIterator = null;
                finish();
            }
        }
    }

    R result() {
        if (state != CLOSED) {
            throw new IllegalStateException("the generator has not ended");
        }
        return hasResult ? result : null;
    }

    private Object forwardNextToIterator(Object value) {
        Iterator<?> it = subIterator;
        if (value != null) {
            subIterator = null;
            return resumeBody(null, new UnsupportedOperationException(
                    "can't send a non-null value to a plain iterator delegated with yieldAll: "
                            + it.getClass().getName()));
        }
        Object y;
        boolean exhausted;
        try {
            exhausted = !it.hasNext();
            y = exhausted ? null : it.next();
        } catch (Throwable t) {
            subIterator = null;
            return resumeBody(null, t);
        }
        if (exhausted) {
            // Outside the try: what the resumed body does next (end, raise) is not the iterator's failure.
            subIterator = null;
            return resumeBody(null, null);
        }
        suspended();
        return y;
    }

    @SuppressWarnings("unchecked")
    private Object forwardSendToGenerator(Object value) {
        Generator<?, Object, ?> sub = (Generator<?, Object, ?>) subGenerator;
        Object y;
        if (sub instanceof io.jcoro.internal.Delegate d) {
            try {
                y = d.sendOrFinish(value);
            } catch (Throwable t) {
                subGenerator = null;
                return resumeBody(null, t);
            }
            if (y == io.jcoro.internal.Delegate.FINISHED) {
                subGenerator = null;
                return resumeBody(sub.result(), null);
            }
            suspended();
            return y;
        }
        try {
            y = value == null ? next(sub) : send(sub, value);
        } catch (StopIteration stop) {
            subGenerator = null;
            return resumeBody(stop.value(), null);
        } catch (Throwable t) {
            subGenerator = null;
            return resumeBody(null, t);
        }
        suspended();
        return y;
    }

    private Object forwardThrowToGenerator(Throwable exception) {
        Generator<?, ?, ?> sub = subGenerator;
        if (exception instanceof GeneratorExit) {
            subGenerator = null;
            return resumeBody(null, closeQuietly(sub, exception));
        }
        Object y;
        try {
            y = sub instanceof RealGenerator<?, ?, ?> r ? r.throwInQuietly(exception) : sub.throwIn(exception);
        } catch (StopIteration stop) {
            subGenerator = null;
            return resumeBody(stop.value(), null);
        } catch (Throwable t) {
            subGenerator = null;
            return resumeBody(null, t);
        }
        suspended();
        return y;
    }

    /** Closes a delegate; returns what to raise in the delegating body: the close's failure, else {@code exit}. */
    private static Throwable closeQuietly(AutoCloseable sub, Throwable exit) {
        try {
            sub.close();
            return exit;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Resumes the body and turns its outcome into the result of send/throwIn. */
    private Object resumeBody(Object value, Throwable exception) {
        StateMachine m = machine;
        if (m != null) {
            // the compiled path, without the handoff fields a fiber needs
            Object v;
            try {
                v = m.step(value, exception);
            } catch (Throwable t) {
                finish();
                throw Throwables.sneaky(pep479(t));
            }
            if (!m.ended()) {
                suspended();
                return v;
            }
            result = cast(v);
            hasResult = true;
            finish();
            throw new StopIteration(v);
        }
        int o = run(value, exception);
        if (o == YIELDED) {
            Object y = yielded;
            yielded = null;
            suspended();
            return y;
        }
        if (o == RETURNED) {
            Object r = finishReturned();
            throw new StopIteration(r);
        }
        Throwable t = raised;
        raised = null;
        finish();
        throw Throwables.sneaky(pep479(t));
    }

    private int run(Object value, Throwable exception) {
        StateMachine m = machine;
        if (m != null) {
            return step(m, value, exception);
        }
        sent = value;
        thrown = exception;
        outcome = NONE;
        Fiber f = fiber;
        if (f == null) {
            String refused = Backends.refuseToStart(source);
            if (refused != null) {
                raised = new IllegalStateException(refused);
                return RAISED;
            }
            f = Backends.newFiber(this::runBody);
            fiber = f;
        }
        f.resume();
        return outcome;
    }

    /** Runs a compiled body to its next yield or its end, on this thread. */
    private int step(StateMachine m, Object value, Throwable exception) {
        try {
            Object v = m.step(value, exception);
            if (m.ended()) {
                returned = v;
                return RETURNED;
            }
            yielded = v;
            return YIELDED;
        } catch (Throwable t) {
            raised = t;
            return RAISED;
        }
    }

    /**
     * A delegate's next value, for yieldFrom. A delegate made by jcoro ends with a StopIteration without a stack
     * trace: it never reaches the user, and delegation chains end often.
     */
    static Object next(Generator<?, ?, ?> sub) {
        return sub instanceof RealGenerator<?, ?, ?> r ? r.sendQuietly(null) : sub.next();
    }

    @SuppressWarnings("unchecked")
    private static Object send(Generator<?, ?, ?> sub, Object value) {
        return sub instanceof RealGenerator<?, ?, ?> r ? r.sendQuietly(value)
                : ((Generator<?, Object, ?>) sub).send(value);
    }

    @Override
    public Object start(Generator<?, ?, ?> sub) {
        return next(sub);
    }

    @Override
    public void delegating(Generator<?, ?, ?> sub) {
        subGenerator = sub;
    }

    @Override
    public void delegating(Iterator<?> it) {
        subIterator = it;
    }

    /** Runs on the fiber: the whole life of the body. */
    private void runBody() {
        Throwable t = thrown;
        if (t != null) {
            thrown = null;
            raised = t;
            outcome = RAISED;
            return;
        }
        sent = null;
        try {
            returned = body.run(this);
            outcome = RETURNED;
        } catch (Throwable e) {
            raised = e;
            outcome = RAISED;
        }
    }

    @SuppressWarnings("unchecked")
    private Object finishReturned() {
        Object r = returned;
        returned = null;
        result = (R) r;
        hasResult = true;
        finish();
        return r;
    }

    /**
     * Back to SUSPENDED. A release store is enough: the next caller's CAS reads it with acquire semantics, and
     * it avoids the full fence of a volatile store on every value handed out.
     */
    private void suspended() {
        STATE.setRelease(this, SUSPENDED);
    }

    private void finish() {
        state = CLOSED;
        releaseFiber();
    }

    private void releaseFiber() {
        Fiber f = fiber;
        if (f != null) {
            f.release();
        }
    }

    private static Throwable pep479(Throwable t) {
        if (t instanceof StopIteration) {
            return new IllegalStateException("generator raised StopIteration", t);
        }
        return t;
    }

    private static IllegalStateException alreadyExecuting() {
        return new IllegalStateException("generator already executing");
    }

    // ------------------------------------------------------------------ body's side

    @Override
    public S yield(Y value) {
        checkInBody("yield");
        yielded = value;
        suspendBody();
        return received();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T yieldFrom(Generator<? extends Y, ? super S, T> sub) {
        Objects.requireNonNull(sub, "sub");
        checkInBody("yieldFrom");
        Object first;
        try {
            first = next(sub);
        } catch (StopIteration stop) {
            return (T) stop.value();
        }
        subGenerator = sub;
        yielded = first;
        suspendBody();
        return (T) received();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void yieldAll(Iterable<? extends Y> values) {
        Objects.requireNonNull(values, "values");
        if (values instanceof Generator<?, ?, ?> g) {
            yieldFrom((Generator<? extends Y, ? super S, ?>) g);
            return;
        }
        checkInBody("yieldAll");
        Iterator<? extends Y> it = values.iterator();
        if (!it.hasNext()) {
            return;
        }
        Object first = it.next();
        subIterator = it;
        yielded = first;
        suspendBody();
        received();
    }

    private void checkInBody(String what) {
        Fiber f = fiber;
        // On its own stack, the body is RUNNING by definition; no need to read the state.
        if (f == null || !f.isCurrent()) {
            throw new IllegalStateException(what + " called outside the running body of its generator");
        }
    }

    private void suspendBody() {
        outcome = YIELDED;
        try {
            fiber.suspend();
        } catch (Fiber.PinnedException pinned) {
            outcome = NONE;
            yielded = null;
            subGenerator = null;
            subIterator = null;
            throw new IllegalStateException("cannot yield here: the stack is pinned (" + pinned.getMessage()
                    + "); the generator keeps running", pinned);
        }
    }

    @SuppressWarnings("unchecked")
    private S received() {
        Throwable t = thrown;
        Object v = sent;
        thrown = null;
        sent = null;
        if (t != null) {
            throw Throwables.sneaky(t);
        }
        return (S) v;
    }
}
