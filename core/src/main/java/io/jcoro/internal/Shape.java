package io.jcoro.internal;

import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.Receiver;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The kind of body being compiled, told by the functional interface its lambda implements: which parameter the
 * body yields through, and what the other parameters and the return value are.
 */
final class Shape {
    /** {@link Generator.Body}: {@code void run(Yielder)}. */
    static final Shape GENERATOR = new Shape("io/jcoro/Yielder", 1, 0, false, false);
    /** {@link Generator.ReturningBody}: {@code R run(Yielder)}. */
    static final Shape RETURNING = new Shape("io/jcoro/Yielder", 1, 0, true, false);
    /** {@link Coroutine.Body}: {@code void run(Receiver)}. */
    static final Shape COROUTINE = new Shape("io/jcoro/Receiver", 1, 0, false, false);

    /** The internal name of the parameter through which the body yields. */
    final String yielder;
    /** How many parameters the functional interface's method takes. */
    final int params;
    /** Which of them is the yielder; the others are bound when the generator is made. */
    final int yielderIndex;
    /** Whether the body's return value is the generator's result. */
    final boolean returnsResult;
    /** Whether each receive asks the generator's hooks what to hand out, and the end is reported to them. */
    final boolean hooked;

    private Shape(String yielder, int params, int yielderIndex, boolean returnsResult, boolean hooked) {
        this.yielder = yielder;
        this.params = params;
        this.yielderIndex = yielderIndex;
        this.returnsResult = returnsResult;
        this.hooked = hooked;
    }

    /**
     * The shape of a lambda class: one of jcoro's body interfaces, or any other functional interface whose method
     * returns nothing and takes exactly one {@link Receiver} (a receiving body, run with hooks); null otherwise.
     */
    static Shape of(Class<?> lambdaClass) {
        for (Class<?> i : lambdaClass.getInterfaces()) {
            if (i == Generator.Body.class) {
                return GENERATOR;
            }
            if (i == Generator.ReturningBody.class) {
                return RETURNING;
            }
            if (i == Coroutine.Body.class) {
                return COROUTINE;
            }
        }
        for (Class<?> i : lambdaClass.getInterfaces()) {
            Method sam = null;
            for (Method m : i.getMethods()) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    if (sam != null) {
                        return null;
                    }
                    sam = m;
                }
            }
            if (sam == null || sam.getReturnType() != void.class) {
                continue;
            }
            Class<?>[] types = sam.getParameterTypes();
            int receiver = -1;
            for (int p = 0; p < types.length; p++) {
                if (types[p] == Receiver.class) {
                    if (receiver >= 0) {
                        return null;
                    }
                    receiver = p;
                } else if (types[p].isPrimitive()) {
                    return null;
                }
            }
            if (receiver >= 0) {
                return new Shape("io/jcoro/Receiver", types.length, receiver, false, true);
            }
        }
        return null;
    }

    boolean receives() {
        return yielder.equals("io/jcoro/Receiver");
    }

    /** The kind of yield site a call on the yielder is, or null when the call is not a yield. */
    Site.Kind siteKind(String owner, String name, String descriptor) {
        if (!owner.equals(yielder)) {
            return null;
        }
        return switch (name + descriptor) {
            case "yield(Ljava/lang/Object;)Ljava/lang/Object;" -> Site.Kind.YIELD;
            case "yieldFrom(Lio/jcoro/Generator;)Ljava/lang/Object;" -> Site.Kind.YIELD_FROM;
            case "yieldAll(Ljava/lang/Iterable;)V" -> Site.Kind.YIELD_ALL;
            case "receive()Ljava/lang/Object;" -> Site.Kind.RECEIVE;
            default -> null;
        };
    }
}
