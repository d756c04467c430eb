package io.jcoro;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The generator the user holds: a thin facade over {@link GeneratorCore}. It exists so that the core, which a
 * suspended body (or its thread) keeps alive, never keeps this object alive: when this becomes unreachable, the
 * Cleaner closes the core.
 */
final class RealGenerator<Y, S, R> implements Generator<Y, S, R> {

    private static final Object NOTHING = new Object();

    static {
        io.jcoro.internal.Bodies.register(RealGenerator::run);
    }

    /**
     * A generator running {@code body} compiled, or null when it cannot be (or compilation is off); every way of
     * making a generator comes here first, so a wrong setting fails each of them.
     */
    static <Y, S, R> RealGenerator<Y, S, R> compiled(Object body) {
        Backends.check();
        io.jcoro.internal.StateMachine machine = io.jcoro.internal.Compiler.machine(body);
        return machine == null ? null : new RealGenerator<>(new GeneratorCore<>(machine));
    }

    /** A generator running a machine jcoro's pipelines compiled (io.jcoro.internal.Bodies). */
    private static <Y, S, R> RealGenerator<Y, S, R> run(io.jcoro.internal.StateMachine machine) {
        Backends.check();
        return new RealGenerator<>(new GeneratorCore<>(machine));
    }

    private final GeneratorCore<Y, S, R> core;
    /** Registered at the first suspension, cleaned (deregistered) when the generator ends. */
    private Cleaner.Cleanable cleanable;
    /** A value fetched by an iterator view's hasNext() and not yet handed out. */
    private Object prefetched = NOTHING;

    RealGenerator(ReturningBody<Y, S, R> body) {
        this(body, body);
    }

    /** A stackful generator running {@code body}, which is or wraps the user's {@code source}. */
    RealGenerator(ReturningBody<Y, S, R> body, Object source) {
        this.core = new GeneratorCore<>(body, source);
    }

    RealGenerator(GeneratorCore<Y, S, R> core) {
        this.core = core;
    }

    @Override
    public Backend mechanism() {
        return core.compiled() ? Backend.COMPILED : Backends.active();
    }

    @Override
    public Y next() {
        Object p = prefetched;
        if (p != NOTHING) {
            prefetched = NOTHING;
            return cast(p);
        }
        try {
            return resumed(null);
        } catch (StopIteration end) {
            throw end.traced();
        }
    }

    @Override
    public Y send(S value) {
        checkNothingPrefetched("send");
        try {
            return resumed(value);
        } catch (StopIteration end) {
            throw end.traced();
        }
    }

    /** send, for a delegating generator: a StopIteration ends the delegation and needs no stack trace. */
    Object sendQuietly(Object value) {
        checkNothingPrefetched("send");
        return resumed(value);
    }

    /** throwIn, for a delegating generator. */
    Object throwInQuietly(Throwable exception) {
        checkNothingPrefetched("throwIn");
        Object y;
        try {
            y = core.throwIn(exception);
        } catch (Throwable t) {
            track();
            throw t;
        }
        registerOnce();
        return y;
    }

    private Y resumed(Object value) {
        Object y;
        try {
            y = core.send(value);
        } catch (Throwable t) {
            track();
            throw t;
        }
        registerOnce();
        return cast(y);
    }

    @Override
    public Y throwIn(Throwable exception) {
        try {
            return cast(throwInQuietly(exception));
        } catch (StopIteration end) {
            throw end.traced();
        }
    }

    /** After a value was handed out: the generator is suspended, so it needs its Cleaner, once. */
    private void registerOnce() {
        if (cleanable == null && core.needsCleaner()) {
            cleanable = Finalization.CLEANER.register(this, core::finalizeClose);
        }
    }

    @Override
    public void close() {
        prefetched = NOTHING;
        try {
            core.close();
        } finally {
            track();
        }
    }

    /** Registers with the Cleaner once suspended; deregisters once closed. */
    private void track() {
        int s = core.state();
        if (s == GeneratorCore.SUSPENDED) {
            if (cleanable == null && core.needsCleaner()) {
                cleanable = Finalization.CLEANER.register(this, core::finalizeClose);
            }
        } else if (s == GeneratorCore.CLOSED && cleanable != null) {
            Cleaner.Cleanable c = cleanable;
            cleanable = null;
            c.clean(); // runs finalizeClose on a closed core: a no-op
        }
    }

    private void checkNothingPrefetched(String what) {
        if (prefetched != NOTHING) {
            throw new IllegalStateException("cannot " + what + ": a value fetched by the iterator's hasNext()"
                    + " has not been taken with next() yet");
        }
    }

    @Override
    public GeneratorState state() {
        return switch (core.state()) {
            case GeneratorCore.CREATED -> GeneratorState.CREATED;
            case GeneratorCore.RUNNING -> GeneratorState.RUNNING;
            case GeneratorCore.SUSPENDED -> GeneratorState.SUSPENDED;
            default -> GeneratorState.CLOSED;
        };
    }

    @Override
    public R result() {
        return core.result();
    }

    @Override
    public Iterator<Y> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (prefetched != NOTHING) {
                    return true;
                }
                if (core.state() == GeneratorCore.CLOSED) {
                    return false;
                }
                try {
                    prefetched = resumed(null);
                    return true;
                } catch (StopIteration end) {
                    return false;
                }
            }

            @Override
            public Y next() {
                if (!hasNext()) {
                    throw new StopIteration().traced();
                }
                return RealGenerator.this.next();
            }

            /**
             * Hands every remaining value to {@code action}. Values a body passes on with {@code yieldAll} over a
             * plain iterator (all but the first, which the body yields as usual) go to {@code action} straight
             * from that iterator, with the generator claimed once for the lot; meanwhile {@code action} cannot call
             * into the generator ("already executing").
             */
            @Override
            public void forEachRemaining(java.util.function.Consumer<? super Y> action) {
                java.util.Objects.requireNonNull(action, "action");
                if (prefetched != NOTHING) {
                    Y p = cast(prefetched);
                    prefetched = NOTHING;
                    action.accept(p);
                }
                @SuppressWarnings("unchecked")
                java.util.function.Consumer<? super Object> each = (java.util.function.Consumer<? super Object>) action;
                for (;;) {
                    Object y;
                    try {
                        y = core.drainDelegated(each);
                        if (y == GeneratorCore.NO_BULK) {
                            y = core.send(null);
                        }
                    } catch (GeneratorCore.ActionFailed failed) {
                        throw Throwables.sneaky(failed.getCause());
                    } catch (StopIteration end) {
                        track();
                        return;
                    } catch (Throwable t) {
                        track();
                        throw t;
                    }
                    registerOnce();
                    action.accept(cast(y));
                }
            }
        };
    }

    @Override
    public Stream<Y> stream() {
        Spliterator<Y> split = Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED);
        return StreamSupport.stream(split, false).onClose(this::close);
    }

    @Override
    public String toString() {
        return "Generator[" + state() + "]";
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

}
