package io.jcoro.internal;

import io.jcoro.Coroutine;
import io.jcoro.Generator;

/** The kinds of body jcoro compiles, told apart by the functional interface the body's lambda implements. */
enum Shape {
    /** {@link Generator.Body}: {@code void run(Yielder)}. */
    GENERATOR(Generator.Body.class, "io/jcoro/Yielder", false),
    /** {@link Generator.ReturningBody}: {@code R run(Yielder)}. */
    RETURNING(Generator.ReturningBody.class, "io/jcoro/Yielder", true),
    /** {@link Coroutine.Body}: {@code void run(Receiver)}. */
    COROUTINE(Coroutine.Body.class, "io/jcoro/Receiver", false);

    final Class<?> bodyInterface;
    /** The internal name of the parameter through which the body yields. */
    final String yielder;
    /** Whether the body's return value is the generator's result. */
    final boolean returnsResult;

    Shape(Class<?> bodyInterface, String yielder, boolean returnsResult) {
        this.bodyInterface = bodyInterface;
        this.yielder = yielder;
        this.returnsResult = returnsResult;
    }

    static Shape of(Class<?> lambdaClass) {
        for (Class<?> i : lambdaClass.getInterfaces()) {
            for (Shape s : values()) {
                if (s.bodyInterface == i) {
                    return s;
                }
            }
        }
        return null;
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
