package io.jcoro.internal;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base of every class jcoro generates for a compiled generator body. Not API: public only because the
 * generated classes live in the body's own package and must extend it.
 *
 * <p>A machine is the body's code with its state in fields. {@link #resume()} jumps to where the body last
 * stopped ({@link #label}), runs it to the next yield and returns the value yielded, or runs it to the end and
 * returns its result with {@code label} set to {@link #DONE}. Exceptions escaping the body escape
 * {@code resume()}.
 *
 * <pre>
 *   label 0 (not started) --resume--&gt; k (suspended at yield site k) --resume--&gt; k' ... --&gt; DONE (-1)
 *                                  \--------------- return or an exception ---------------/
 * </pre>
 */
public abstract class StateMachine {

    /** The label of a machine whose body has ended. */
    public static final int DONE = -1;

    /** Where the body resumes: 0 at the start, the yield site's number while suspended, {@link #DONE} at the end. */
    protected int label;
    /** The value of the paused yield, for the next resume. */
    protected Object sent;
    /** The exception to raise at the paused yield, for the next resume; null when a value was sent. */
    protected Throwable thrown;
    /** What a delegation helper hands back: the first value of a delegate, or its result. */
    protected Object out;

    private Host host;
    /** The body's parameters other than its receiver, for a receiving body; read by the generated prologue. */
    protected Object[] arguments;
    private ReceiveHooks hooks;

    protected StateMachine() {
    }

    /** What a machine asks of the generator that runs it when it delegates (yieldFrom, yieldAll). */
    public interface Host {
        /** Starts a delegate: its first value, or StopIteration (without a stack trace when jcoro made it). */
        Object start(Generator<?, ?, ?> sub);

        /** The body now delegates to {@code sub}, whose first value it has just yielded. */
        void delegating(Generator<?, ?, ?> sub);

        /** The body now yields the rest of {@code it}, whose first element it has just yielded. */
        void delegating(Iterator<?> it);
    }

    /**
     * What a receiving body's generator does around the body: what each {@code receive()} hands out, and what
     * happens when the body ends. For bodies whose stage or sink logic lives outside them (pipe's stages).
     */
    public interface ReceiveHooks {
        /** Called at each receive, before the body suspends; returns what the suspension yields; may throw. */
        Object beforeReceive();

        /**
         * Called once when the body has ended: {@code failure} is what it raised, or null when it returned.
         * Returning ends the generator normally; throwing ends it with that exception.
         */
        void ended(Throwable failure) throws Throwable;
    }

    /** A new machine, at label 0, holding the captured values of {@code lambda} (generated). */
    protected abstract StateMachine fresh(Object lambda);

    /** Runs the body from {@link #label} to its next yield or its end (generated). */
    protected abstract Object resume() throws Throwable;

    /** Whether the yield site {@code site} lies inside a try block of the body, so closing it can run code. */
    protected abstract boolean guarded(int site);

    /** Whether any yield site of the body lies inside a try block (generated). */
    protected abstract boolean guardedAnywhere();

    /** Whether closing the body could ever run its code, wherever it is paused. */
    public final boolean anyGuarded() {
        return guardedAnywhere();
    }

    /** Attaches this machine to the generator that runs it; once, before the first step. */
    public final void attach(Host h) {
        host = h;
    }

    /**
     * Resumes the body with {@code value} as the result of its paused yield, or with {@code exception} raised
     * there, and returns the next value it yields or, once {@link #ended()}, its result.
     */
    public final Object step(Object value, Throwable exception) throws Throwable {
        sent = value;
        thrown = exception;
        Object out;
        try {
            out = resume();
        } catch (Throwable t) {
            label = DONE;
            sent = null;
            thrown = null;
            if (hooks == null) {
                throw t;
            }
            hooks.ended(t);
            return null;
        }
        sent = null;
        thrown = null;
        if (label == DONE && hooks != null) {
            hooks.ended(null);
        }
        return out;
    }

    /** Gives a receiving body its other parameters and its hooks; once, before the first step. */
    final void bind(Object[] args, ReceiveHooks h) {
        arguments = args;
        hooks = h;
    }

    /** At a receive of a receiving body: what it hands out (generated code calls this). */
    protected final Object beforeReceive() {
        return hooks.beforeReceive();
    }

    /** Whether the body has returned (the last {@link #step} returned its result). */
    public final boolean ended() {
        return label == DONE;
    }

    /** Whether closing the body where it is paused could run any of its code (a try block around the yield). */
    public final boolean closingRunsCode() {
        return label > 0 && guarded(label);
    }

    /** Marks the body ended without running it (a frame Python would drop). */
    public final void abandon() {
        label = DONE;
    }

    // ------------------------------------------------------------------ helpers the generated code calls

    /**
     * {@code yieldFrom(sub)}: starts {@code sub}. Returns true when it yielded (its first value is in {@link #out}
     * and the body must suspend), false when it finished at once (its result is in {@link #out}).
     */
    protected final boolean delegate(Generator<?, ?, ?> sub) {
        Objects.requireNonNull(sub, "sub");
        Object first;
        try {
            first = host.start(sub);
        } catch (StopIteration stop) {
            out = stop.value();
            return false;
        }
        host.delegating(sub);
        out = first;
        return true;
    }

    /** {@code yieldAll(values)}: as {@link #delegate}, for a plain iterable (a Generator is delegated to). */
    protected final boolean delegateAll(Iterable<?> values) {
        Objects.requireNonNull(values, "values");
        if (values instanceof Generator<?, ?, ?> g) {
            return delegate(g);
        }
        Iterator<?> it = values.iterator();
        if (!it.hasNext()) {
            out = null;
            return false;
        }
        Object first = it.next();
        host.delegating(it);
        out = first;
        return true;
    }

    // ------------------------------------------------------------------ linkage of generated classes

    /*
     * A generated class is a normal class in the body's package (a hidden class would vanish from stack traces),
     * so it has no access to the private members of the body's class that the body's code uses. Each such access
     * becomes an invokedynamic linked here to a method handle jcoro made with a full-privilege lookup on the
     * body's class; each invokedynamic of the body (lambdas, string concatenation) is linked by its own bootstrap
     * run with that lookup. The handles are kept per generated class, and only that class can fetch them.
     */

    private static final Map<Class<?>, Object[]> PENDING = new ConcurrentHashMap<>();

    private static final ClassValue<Object[]> LINKS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            Object[] links = PENDING.remove(type);
            return links != null ? links : new Object[0];
        }
    };

    /** Records what a newly defined generated class links to; called before the class runs any code. */
    static void register(Class<?> generated, Object[] links) {
        PENDING.put(generated, links);
        LINKS.get(generated);
    }

    private static Object link(MethodHandles.Lookup caller, int index) {
        Object[] links = LINKS.get(caller.lookupClass());
        if (!caller.hasFullPrivilegeAccess() || index < 0 || index >= links.length
                || !StateMachine.class.isAssignableFrom(caller.lookupClass())) {
            throw new IllegalCallerException("not a class jcoro generated: " + caller);
        }
        return links[index];
    }

    /** Bootstrap: a member of the body's class that the generated class may not use directly. */
    public static CallSite member(MethodHandles.Lookup caller, String name, MethodType type, int index) {
        return new ConstantCallSite(((MethodHandle) link(caller, index)).asType(type));
    }

    /** Bootstrap: one of the body's own invokedynamic instructions, linked as the body's class would link it. */
    public static CallSite indirect(MethodHandles.Lookup caller, String name, MethodType type, int index)
            throws Throwable {
        return ((Linkage.Indy) link(caller, index)).link(caller, name, type);
    }
}
