package io.jcoro.internal;

import io.jcoro.Generator;
import java.util.Objects;
import java.util.function.Function;

/**
 * Compiled generators for bodies whose stage logic lives outside them: jcoro's pipelines make their coroutine
 * stages with it. Not API.
 */
public final class Bodies {
    private Bodies() {
    }

    private static volatile Function<StateMachine, Generator<?, ?, ?>> generators;

    /** Called once by io.jcoro with the factory of its generators; nothing else may call it. */
    public static void register(Function<StateMachine, Generator<?, ?, ?>> factory) {
        Class<?> c = factory.getClass();
        if (c.getModule() != Bodies.class.getModule() || !c.getPackageName().equals("io.jcoro")) {
            throw new IllegalCallerException("only io.jcoro registers its generators");
        }
        generators = factory;
    }

    /**
     * A generator running {@code body}, a lambda of a functional interface whose method takes one
     * {@link io.jcoro.Receiver} among its parameters, compiled: {@code arguments} are the other parameters, in
     * order, and {@code hooks} say what each receive hands out and what the end of the body does. Returns null when
     * the body cannot be compiled (the caller runs it its own way, stackful).
     *
     * @throws IllegalStateException when -Djcoro.compile=require and the body cannot be compiled, or a setting is
     *         wrong
     */
    @SuppressWarnings("unchecked")
    public static <T> Generator<Object, T, Void> receiving(Object body, Object[] arguments,
            StateMachine.ReceiveHooks hooks) {
        Objects.requireNonNull(hooks, "hooks");
        StateMachine m = Compiler.machine(Objects.requireNonNull(body, "body"));
        if (m == null) {
            return null;
        }
        m.bind(arguments.clone(), hooks);
        Function<StateMachine, Generator<?, ?, ?>> f = generators;
        if (f == null) {
            try {
                Class.forName("io.jcoro.RealGenerator", true, Bodies.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = generators;
        }
        return (Generator<Object, T, Void>) f.apply(m);
    }
}
