package io.jcoro;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/*
 * Overview: one jdk.internal.vm.Continuation per generator body, and continuations never nest.
 *
 * A caller that is not inside any generator body drives: it runs the target continuation with run(). When a body
 * itself resumes another generator (calls next() on it, directly or through yieldFrom's first step), it does not
 * call run() on the other continuation from inside its own: it records the request in its own continuation object
 * and yields to the driver at the bottom of the stack. The driver runs the requested continuation, and when that
 * one yields or ends, runs the requester again, which then reads the outcome. The chain of waiting requesters is a
 * linked stack through Cont.caller. This is a trampoline: continuation run() calls are never nested, so no
 * continuation is ever run under a monitor held by another continuation (JDK 25 crashes in thaw on three such
 * nested levels), and a recursion of generators 1,000 deep uses one continuation switch per hop instead of a
 * 1,000-deep stack of mounted continuations.
 *
 * When the requester's stack is pinned (a class initializer or native frame; a monitor on JDK 21 to 23) it cannot
 * yield to the driver; then, and only then, it drives the target itself, nested.
 */
final class ContinuationFiber extends Fiber {

    static final ContinuationScope SCOPE = new ContinuationScope("jcoro");

    private final Cont cont;

    ContinuationFiber(Runnable body) {
        this.cont = new Cont(body);
    }

    /** Probes that continuations work in this JVM. */
    static void selfTest() {
        int[] steps = new int[1];
        Continuation c = new Continuation(SCOPE, () -> {
            steps[0]++;
            Continuation.yield(SCOPE);
            steps[0]++;
        });
        c.run();
        c.run();
        if (steps[0] != 2 || !c.isDone()) {
            throw new IllegalStateException("continuation self-test failed");
        }
    }

    @Override
    void resume() {
        Continuation current = Continuation.getCurrentContinuation(SCOPE);
        if (current == null) {
            drive(cont);
            return;
        }
        Cont requester = (Cont) current;
        requester.request = cont;
        try {
            Continuation.yield(SCOPE);
        } catch (PinnedException pinned) {
            requester.request = null;
            drive(cont);
        }
    }

    /** Runs target, and every continuation it asks for, until target yields a value or ends. */
    private static void drive(Cont target) {
        Cont top = target;
        for (;;) {
            top.run();
            Cont requested = top.request;
            if (requested != null) {
                top.request = null;
                requested.caller = top;
                top = requested;
                continue;
            }
            Cont caller = top.caller;
            if (top == target) {
                return;
            }
            top.caller = null;
            top = caller;
        }
    }

    @Override
    void suspend() {
        Continuation.yield(SCOPE);
    }

    @Override
    boolean isCurrent() {
        return Continuation.getCurrentContinuation(SCOPE) == cont;
    }

    private static final class Cont extends Continuation {
        /** The continuation this one asked the driver to run. */
        Cont request;
        /** The continuation waiting for this one to yield or end. */
        Cont caller;

        Cont(Runnable body) {
            super(SCOPE, body);
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new PinnedException(describe(reason));
        }

        private static String describe(Continuation.Pinned reason) {
            String name = reason.name();
            if (name.equals("NATIVE")) {
                return "NATIVE: a native frame or a class initializer is on the generator's stack";
            }
            if (name.equals("MONITOR")) {
                return "MONITOR: a synchronized block or method is on the generator's stack (allowed from JDK 24 on)";
            }
            if (name.equals("CRITICAL_SECTION")) {
                return "CRITICAL_SECTION: the generator's stack is in a JDK critical section";
            }
            return name + ": the JVM cannot suspend the generator's stack here";
        }
    }
}
